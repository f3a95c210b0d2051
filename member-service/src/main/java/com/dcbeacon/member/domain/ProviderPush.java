package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;

/**
 * Something member-service owes the identity provider and pushes there at least once ({@link AccountLinks}): when it is
 * due next, how often it was tried, and the provider's last error (its first characters, for ops).
 */
@MappedSuperclass
public abstract class ProviderPush {

    private static final int MAX_ERROR = 500;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    protected ProviderPush() {}

    protected ProviderPush(OffsetDateTime now) {
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    void failed(String error, OffsetDateTime nextAttempt) {
        attempts++;
        nextAttemptAt = nextAttempt;
        lastError = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}

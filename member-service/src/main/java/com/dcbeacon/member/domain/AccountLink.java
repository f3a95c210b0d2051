package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A member's link to the identity provider's account that signed it up, to be pushed to the provider (the account's
 * {@code member_id} attribute, the claim of its next tokens). Pending until {@link #linkedAt}.
 */
@Entity
@Table(name = "account_link")
public class AccountLink {

    private static final int MAX_ERROR = 500;

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "account_subject", nullable = false)
    public String accountSubject;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "linked_at")
    public OffsetDateTime linkedAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    protected AccountLink() {}

    AccountLink(UUID memberId, String accountSubject, OffsetDateTime now) {
        this.memberId = memberId;
        this.accountSubject = accountSubject;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    void linked(OffsetDateTime now) {
        linkedAt = now;
        lastError = null;
    }

    void failed(String error, OffsetDateTime nextAttempt) {
        attempts++;
        nextAttemptAt = nextAttempt;
        lastError = truncated(error);
    }

    /** A provider's error as kept for ops: its first characters. */
    static String truncated(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}

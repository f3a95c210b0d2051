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
public class AccountLink extends ProviderPush {

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "account_subject", nullable = false)
    public String accountSubject;

    @Column(name = "linked_at")
    public OffsetDateTime linkedAt;

    protected AccountLink() {}

    AccountLink(UUID memberId, String accountSubject, OffsetDateTime now) {
        super(now);
        this.memberId = memberId;
        this.accountSubject = accountSubject;
    }

    void linked(OffsetDateTime now) {
        linkedAt = now;
        lastError = null;
    }
}

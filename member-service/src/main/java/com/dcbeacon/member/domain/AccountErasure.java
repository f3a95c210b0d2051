package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An erased member's accounts at the identity provider, still to be deleted there ({@link AccountLinks}); deleted
 * itself once the provider took it. {@code accountSubject}: the account that signed the member up, null when none did.
 */
@Entity
@Table(name = "account_erasure")
public class AccountErasure extends ProviderPush {

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "account_subject")
    public String accountSubject;

    protected AccountErasure() {}

    AccountErasure(UUID memberId, String accountSubject, OffsetDateTime now) {
        super(now);
        this.memberId = memberId;
        this.accountSubject = accountSubject;
    }
}

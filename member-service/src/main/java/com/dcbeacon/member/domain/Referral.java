package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One person referred by a member: PENDING until the referee's first charged box, then CREDITED (both credited once),
 * REVERSED when that box was credited in full as wrong or missing. Holds no personal data: the members' ids (cleared
 * when one is erased) and a one-way key of the referee's e-mail.
 */
@Entity
@Table(name = "referral")
public class Referral {

    public enum Status {
        PENDING,
        CREDITED,
        REVERSED
    }

    /** Whose side of a referral a ledger entry is on. */
    public enum Side {
        REFERRER,
        REFEREE
    }

    @Id
    public UUID id;

    /** Null once the referrer is erased. */
    @Column(name = "referrer_id")
    public UUID referrerId;

    /** Null once the referee is erased. */
    @Column(name = "referee_id")
    public UUID refereeId;

    @Column(name = "referee_key", nullable = false)
    public String refereeKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "referred_at", nullable = false)
    public OffsetDateTime referredAt;

    @Column(name = "qualifying_box_id")
    public UUID qualifyingBoxId;

    @Column(name = "credited_at")
    public OffsetDateTime creditedAt;

    @Column(name = "referrer_credit_cents", nullable = false)
    public long referrerCreditCents;

    @Column(name = "referee_credit_cents", nullable = false)
    public long refereeCreditCents;

    @Column(name = "reversed_at")
    public OffsetDateTime reversedAt;

    @Version
    public long version;

    /** The ledger source id of this referral's credit to one side: one per referral and side, so booked once. */
    public UUID creditSource(Side side) {
        return derived("credit", side);
    }

    /** The ledger source id of the reversal of that credit. */
    public UUID reversalSource(Side side) {
        return derived("reversal", side);
    }

    private UUID derived(String what, Side side) {
        return UUID.nameUUIDFromBytes(("referral:" + id + ":" + what + ":" + side).getBytes(StandardCharsets.UTF_8));
    }
}

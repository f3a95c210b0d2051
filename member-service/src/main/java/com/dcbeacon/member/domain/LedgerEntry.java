package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One charge or credit on a member's account, in cents; {@code sourceId} makes it happen once. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry {

    public enum Type {
        CHARGE,
        CREDIT,
        /** Compensates a credit that no longer holds (a referral credit); lowers the balance, never charged to a card. */
        REVERSAL,
        /** A box a gift paid for: 0 cents, booked once per box like a charge, never charged to anyone. */
        COVERED
    }

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Type type;

    @Column(name = "amount_cents", nullable = false)
    public long amountCents;

    @Column(nullable = false)
    public String reason;

    @Column(name = "box_id")
    public UUID boxId;

    /** The shipped box for a charge, the credit id for a credit, derived from the referral for referral entries. */
    @Column(name = "source_id", nullable = false)
    public UUID sourceId;

    @Column(nullable = false)
    public OffsetDateTime at;

    /** The ops user who booked it by hand (a credit), the token's subject; null for entries booked from events. */
    @Column(name = "acted_by")
    public String actedBy;

    /** What a credit for a box makes good on (box-service's issue type, e.g. WRONG_ITEMS); null otherwise. */
    @Column(name = "issue_type")
    public String issueType;

    public static LedgerEntry of(
            UUID memberId, Type type, long amountCents, String reason, UUID boxId, UUID sourceId, OffsetDateTime at) {
        LedgerEntry entry = new LedgerEntry();
        entry.id = UUID.randomUUID();
        entry.memberId = memberId;
        entry.type = type;
        entry.amountCents = amountCents;
        entry.reason = reason;
        entry.boxId = boxId;
        entry.sourceId = sourceId;
        entry.at = at;
        return entry;
    }

    /** Signed effect on the balance: a charge (or reversal) is what the member owes, a credit what they get back. */
    public long signedCents() {
        return type == Type.CREDIT ? amountCents : type == Type.COVERED ? 0 : -amountCents;
    }
}

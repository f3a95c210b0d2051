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
        CREDIT
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

    /** The shipped box for a charge, the credit id for a credit. */
    @Column(name = "source_id", nullable = false)
    public UUID sourceId;

    @Column(nullable = false)
    public OffsetDateTime at;

    /** The ops user who booked it by hand (a credit), the token's subject; null for entries booked from events. */
    @Column(name = "acted_by")
    public String actedBy;

    /** Signed effect on the balance: a charge is what the member owes, a credit what they get back. */
    public long signedCents() {
        return type == Type.CREDIT ? amountCents : -amountCents;
    }
}

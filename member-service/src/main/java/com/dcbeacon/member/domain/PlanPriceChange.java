package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "plan_price_change")
public class PlanPriceChange {

    @Id
    public UUID id;

    @Column(name = "plan_id", nullable = false)
    public String planId;

    @Column(name = "new_price_cents", nullable = false)
    public long newPriceCents;

    @Column(name = "effective_on", nullable = false)
    public LocalDate effectiveOn;

    @Column(name = "announced_at", nullable = false)
    public OffsetDateTime announcedAt;

    /** The ops user who announced it, the token's subject; null for changes announced before it was recorded. */
    @Column(name = "announced_by")
    public String announcedBy;

    /** When the acceptances of this change were recorded ({@link ConsentRecordJobs}); null until then. */
    @Column(name = "acceptances_recorded_at")
    public OffsetDateTime acceptancesRecordedAt;
}

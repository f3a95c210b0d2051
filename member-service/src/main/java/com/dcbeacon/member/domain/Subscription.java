package com.dcbeacon.member.domain;

import com.dcbeacon.platform.events.payload.CycleSkipped;
import com.dcbeacon.platform.events.payload.PlanChanged;
import com.dcbeacon.platform.events.payload.SubscriptionCancelled;
import com.dcbeacon.platform.events.payload.SubscriptionPaused;
import com.dcbeacon.platform.events.payload.SubscriptionResumed;
import com.dcbeacon.platform.events.payload.SubscriptionStarted;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A member's subscription and the rules of its life: every change is one call, takes effect at once and
 * returns the event that announces it (empty when the call changed nothing, e.g. a second cancel). Each event
 * carries the member's preferences version when it was written, so curation never runs on an older profile.
 * Cycles are calendar months; a cycle "in the past" is one before the current month.
 *
 * <p>A pause is expressed in cycles, the unit members are charged in: {@link #pausedUntil} is the last cycle without a
 * box, and the pause ends when the next cycle begins ({@link #resumesOn()}, 00:00 UTC on its first day). From then on
 * the subscription reads ACTIVE ({@link #statusIn}) even before {@link PauseEnds} has written the resume.
 */
@Entity
@Table(name = "subscription")
public class Subscription {

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Column(name = "plan_id", nullable = false)
    public String planId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SubscriptionStatus status;

    /**
     * Last cycle without a box while paused ({@code YYYY-MM}); null while paused: until the member resumes. Kept when
     * a pause ran to its end and the subscription is ACTIVE again, so that a late charge for a box of a paused cycle is
     * still refused ({@link BoxChargePolicy}); a resume before the end clears it, as the member wants those cycles.
     */
    @Column(name = "paused_until")
    public String pausedUntil;

    /** Names the current pause, new with every pause or change of its end, so its reminder is written once. */
    @Column(name = "pause_id")
    public UUID pauseId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "skipped_cycles", nullable = false)
    public List<String> skippedCycles = new ArrayList<>();

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "confirmation_id")
    public UUID confirmationId;

    /** The cancelled subscription this one reactivated; null for a sign-up. */
    @Column(name = "reactivated_from")
    public UUID reactivatedFrom;

    /**
     * Joined the plan while a price change was announced less than 30 days ahead ({@link PlanPricing#heldUntil}):
     * every box of a cycle starting before this day costs {@link #heldPriceCents}; null when no price is held.
     */
    @Column(name = "price_held_until")
    public LocalDate priceHeldUntil;

    @Column(name = "held_price_cents")
    public Long heldPriceCents;

    /** The gift that pays for this subscription ({@link Gifts}); null for a subscription the member pays. */
    @Column(name = "gift_id")
    public UUID giftId;

    /** The last cycle a gift pays for ({@code YYYY-MM}): the subscription ends by itself after it, never renewed. */
    @Column(name = "gift_last_cycle")
    public String giftLastCycle;

    @Version
    public long version;

    protected Subscription() {}

    public static Subscription start(
            UUID memberId,
            Plan plan,
            long priceCents,
            OffsetDateTime now,
            long preferencesVersion,
            List<Object> events) {
        return start(memberId, plan, priceCents, null, now, preferencesVersion, events);
    }

    /** {@code priceHeldUntil}: null, or the day until which {@code priceCents} is held ({@link #priceHeldUntil}). */
    public static Subscription start(
            UUID memberId,
            Plan plan,
            long priceCents,
            LocalDate priceHeldUntil,
            OffsetDateTime now,
            long preferencesVersion,
            List<Object> events) {
        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.memberId = memberId;
        s.planId = plan.id;
        s.status = SubscriptionStatus.ACTIVE;
        s.startedAt = now;
        s.holdPrice(priceCents, priceHeldUntil);
        events.add(new SubscriptionStarted(
                memberId,
                s.id,
                plan.id,
                plan.itemsPerBox,
                priceCents,
                plan.currency,
                now,
                preferencesVersion,
                priceHeldUntil));
        return s;
    }

    /**
     * A subscription a gift pays for, from {@code first} to {@code last}: announced like a sign-up and, when the first
     * cycle is not next month's, paused until the cycle before it (without a pause reminder; {@link PauseEnds} resumes
     * it when that cycle begins), so box-service curates nothing before the gift starts.
     */
    public static Subscription startGift(
            UUID memberId,
            Plan plan,
            long priceCents,
            UUID giftId,
            YearMonth first,
            YearMonth last,
            YearMonth currentCycle,
            OffsetDateTime now,
            long preferencesVersion,
            List<Object> events) {
        Subscription s = start(memberId, plan, priceCents, null, now, preferencesVersion, events);
        s.giftId = giftId;
        s.giftLastCycle = last.toString();
        if (first.isAfter(currentCycle.plusMonths(1))) {
            s.status = SubscriptionStatus.PAUSED;
            s.pausedUntil = first.minusMonths(1).toString();
            events.add(new SubscriptionPaused(memberId, s.id, s.pausedUntil, now, preferencesVersion));
        }
        return s;
    }

    public boolean isGift() {
        return giftId != null;
    }

    /** A gift runs its cycles as bought: 409 for a pause, resume or plan change (skip and cancel stay open). */
    public void requireNotGift(String action) {
        if (isGift()) {
            throw ProblemException.conflict("cannot " + action + " a gift subscription: it runs the cycles it was"
                    + " given for (through " + giftLastCycle + "); skip a cycle or cancel instead");
        }
    }

    /** Ends a gift after its last cycle: cancelled, so nothing more is curated or charged; empty when already ended. */
    public Optional<Object> endGift(OffsetDateTime now, long preferencesVersion) {
        if (!isGift()) {
            return Optional.empty();
        }
        return cancel("gift ended after its last cycle " + giftLastCycle, now, preferencesVersion);
    }

    private void holdPrice(long priceCents, LocalDate until) {
        priceHeldUntil = until;
        heldPriceCents = until == null ? null : priceCents;
    }

    public boolean isOpen() {
        return status != SubscriptionStatus.CANCELLED;
    }

    public Optional<Object> pause(
            YearMonth untilCycle, YearMonth currentCycle, OffsetDateTime now, long preferencesVersion) {
        requireOpen("pause");
        if (untilCycle != null && untilCycle.isBefore(currentCycle)) {
            throw ProblemException.invalidField(
                    "untilCycle", "must not be in the past (current cycle " + currentCycle + ")");
        }
        String until = untilCycle == null ? null : untilCycle.toString();
        if (status == SubscriptionStatus.PAUSED && Objects.equals(pausedUntil, until)) {
            return Optional.empty();
        }
        status = SubscriptionStatus.PAUSED;
        pausedUntil = until;
        pauseId = UUID.randomUUID();
        return Optional.of(new SubscriptionPaused(memberId, id, until, now, preferencesVersion));
    }

    public Optional<Object> resume(OffsetDateTime now, long preferencesVersion) {
        requireOpen("resume");
        if (status == SubscriptionStatus.ACTIVE) {
            return Optional.empty();
        }
        if (!pauseEnded(YearMonth.from(now))) {
            pausedUntil = null;
        }
        status = SubscriptionStatus.ACTIVE;
        pauseId = null;
        return Optional.of(new SubscriptionResumed(memberId, id, now, preferencesVersion, pausedUntil));
    }

    /**
     * Writes the resume of a pause that has ended by {@code currentCycle}, with the same event as a member's own
     * resume; empty when there is none (not paused, paused until the member resumes, or the pause still runs).
     */
    public Optional<Object> resumeAfterPause(YearMonth currentCycle, OffsetDateTime now, long preferencesVersion) {
        if (!pauseEnded(currentCycle)) {
            return Optional.empty();
        }
        return resume(now, preferencesVersion);
    }

    /** Paused with an end that lies before {@code currentCycle}: the member wants boxes again. */
    public boolean pauseEnded(YearMonth currentCycle) {
        return status == SubscriptionStatus.PAUSED
                && pausedUntil != null
                && YearMonth.parse(pausedUntil).isBefore(currentCycle);
    }

    /** The status as it is in {@code currentCycle}: a pause that has ended reads ACTIVE, written back or not. */
    public SubscriptionStatus statusIn(YearMonth currentCycle) {
        return pauseEnded(currentCycle) ? SubscriptionStatus.ACTIVE : status;
    }

    /** The last paused cycle as it is in {@code currentCycle}: null unless paused then. */
    public String pausedUntilIn(YearMonth currentCycle) {
        return statusIn(currentCycle) == SubscriptionStatus.PAUSED ? pausedUntil : null;
    }

    /** The day the pause ends (the first of the cycle after {@link #pausedUntil}); empty unless paused with an end. */
    public Optional<LocalDate> resumesOn() {
        if (status != SubscriptionStatus.PAUSED || pausedUntil == null) {
            return Optional.empty();
        }
        return Optional.of(YearMonth.parse(pausedUntil).plusMonths(1).atDay(1));
    }

    public Optional<Object> skip(YearMonth cycle, YearMonth currentCycle, OffsetDateTime now, long preferencesVersion) {
        requireOpen("skip a cycle of");
        if (cycle.isBefore(currentCycle)) {
            throw ProblemException.invalidField(
                    "cycle", "must not be in the past (current cycle " + currentCycle + ")");
        }
        if (skippedCycles.contains(cycle.toString())) {
            return Optional.empty();
        }
        List<String> skipped = new ArrayList<>(skippedCycles);
        skipped.add(cycle.toString());
        skipped.sort(null);
        skippedCycles = skipped;
        return Optional.of(new CycleSkipped(memberId, id, cycle.toString(), now, preferencesVersion));
    }

    public Optional<Object> changePlan(Plan plan, long priceCents, OffsetDateTime now, long preferencesVersion) {
        return changePlan(plan, priceCents, null, now, preferencesVersion);
    }

    /** The held price of the old plan goes with it; {@code priceHeldUntil} holds the new plan's, as in start. */
    public Optional<Object> changePlan(
            Plan plan, long priceCents, LocalDate priceHeldUntil, OffsetDateTime now, long preferencesVersion) {
        requireOpen("change the plan of");
        if (planId.equals(plan.id)) {
            return Optional.empty();
        }
        planId = plan.id;
        holdPrice(priceCents, priceHeldUntil);
        return Optional.of(new PlanChanged(
                memberId, id, plan.id, plan.itemsPerBox, priceCents, now, preferencesVersion, priceHeldUntil));
    }

    /** Always allowed, needs no reason; cancelling again changes nothing and keeps the confirmation. */
    public Optional<Object> cancel(String reason, OffsetDateTime now, long preferencesVersion) {
        if (status == SubscriptionStatus.CANCELLED) {
            return Optional.empty();
        }
        status = SubscriptionStatus.CANCELLED;
        pausedUntil = null;
        pauseId = null;
        cancelledAt = now;
        cancelReason = reason == null || reason.isBlank() ? null : reason.trim();
        confirmationId = UUID.randomUUID();
        return Optional.of(new SubscriptionCancelled(memberId, id, confirmationId, now, preferencesVersion));
    }

    /** The next cycle that gets a box, from next month on; empty when cancelled or paused without an end. */
    public Optional<YearMonth> nextCycle(YearMonth currentCycle) {
        if (status == SubscriptionStatus.CANCELLED || (status == SubscriptionStatus.PAUSED && pausedUntil == null)) {
            return Optional.empty();
        }
        YearMonth candidate = currentCycle.plusMonths(1);
        if (status == SubscriptionStatus.PAUSED) {
            YearMonth afterPause = YearMonth.parse(pausedUntil).plusMonths(1);
            if (afterPause.isAfter(candidate)) {
                candidate = afterPause;
            }
        }
        while (skippedCycles.contains(candidate.toString())) {
            candidate = candidate.plusMonths(1);
        }
        return Optional.of(candidate);
    }

    private void requireOpen(String action) {
        if (status == SubscriptionStatus.CANCELLED) {
            throw ProblemException.conflict("cannot " + action + " a cancelled subscription; subscribe again instead");
        }
    }
}

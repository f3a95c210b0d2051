package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.GiftRepository;
import com.dcbeacon.member.persistence.LedgerEntryRepository;
import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemDetail;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gift subscriptions: a member buys N cycles of a plan for someone else (charged once, with a record of consent), the
 * recipient claims them once with the code (at sign-up or with their account), and the gift pays for every box of its
 * cycles: the recipient is never charged for one, and the subscription ends by itself after the last cycle ({@link
 * GiftJobs}). The buyer reads only the gift's status.
 */
@ApplicationScoped
public class Gifts {

    /** A purchase as asked: {@code startCycle} null for next month's; {@code shownPriceCents} null when not sent. */
    public record Purchase(String planId, int cycles, YearMonth startCycle, Long shownPriceCents) {}

    private final GiftRepository gifts;
    private final MemberRepository members;
    private final SubscriptionRepository subscriptions;
    private final LedgerEntryRepository ledger;
    private final PlanCatalogue plans;
    private final ConsentRecords consents;
    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;
    private final Duration claimFor;

    public Gifts(
            GiftRepository gifts,
            MemberRepository members,
            SubscriptionRepository subscriptions,
            LedgerEntryRepository ledger,
            PlanCatalogue plans,
            ConsentRecords consents,
            Outbox outbox,
            EntityManager em,
            Clock clock,
            @ConfigProperty(name = "dcbeacon.gifts.claim-within", defaultValue = "P365D") Duration claimFor) {
        if (claimFor.isNegative() || claimFor.isZero()) {
            throw new IllegalArgumentException("dcbeacon.gifts.claim-within must be positive: " + claimFor);
        }
        this.gifts = gifts;
        this.members = members;
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.plans = plans;
        this.consents = consents;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
        this.claimFor = claimFor;
    }

    /**
     * The buyer pays N times the plan's price today, booked as one CHARGE on their ledger with a GIFT_PURCHASE record
     * of consent, in one transaction. 409 naming {@code shownPriceCents} when the price is no longer the one shown; 400
     * naming {@code startCycle} before next month.
     */
    @Transactional
    public Gift purchase(UUID buyerId, Purchase purchase, ConsentChannel.Origin origin) {
        Member buyer = members.findByIdOptional(buyerId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("no member " + buyerId));
        // To the microsecond, as stored: the expiry in the answer is the one that applies
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        PlanCatalogue.PricedPlan plan = plans.priced(purchase.planId(), now.toLocalDate());
        long total = GiftTerms.total(plan.priceCents(), purchase.cycles());
        if (purchase.shownPriceCents() != null && purchase.shownPriceCents() != plan.priceCents()) {
            String message = "the price of the %s plan is now %s %s per cycle, not the %s shown: reload the plan"
                    .formatted(
                            plan.plan().id,
                            ConsentTerms.money(plan.priceCents()),
                            plan.plan().currency,
                            ConsentTerms.money(purchase.shownPriceCents()));
            throw problem(409, "Conflict", "shownPriceCents", message);
        }
        YearMonth next = YearMonth.from(now).plusMonths(1);
        YearMonth start = purchase.startCycle() == null ? next : purchase.startCycle();
        if (start.isBefore(next)) {
            throw ProblemException.invalidField("startCycle", "must be " + next + " or later");
        }
        Gift gift = new Gift();
        gift.id = UUID.randomUUID();
        gift.buyerId = buyer.id;
        gift.planId = plan.plan().id;
        gift.cycles = purchase.cycles();
        gift.priceCents = plan.priceCents();
        gift.totalCents = total;
        gift.currency = plan.plan().currency;
        gift.claimCode = GiftTerms.newCode();
        gift.status = GiftStatus.UNCLAIMED;
        gift.purchasedAt = now;
        gift.startCycle = start.toString();
        gift.claimExpiresAt = now.plus(claimFor);
        gifts.persist(gift);
        if (total > 0) {
            ledger.persist(LedgerEntry.of(
                    buyerId,
                    LedgerEntry.Type.CHARGE,
                    total,
                    "Gift: %d cycle(s) of the %s plan (gift %s)".formatted(gift.cycles, plan.plan().name, gift.id),
                    null,
                    gift.id,
                    now));
        }
        consents.recordGift(
                gift,
                plan.plan(),
                ConsentTerms.gift(
                        plan.plan(),
                        gift.priceCents,
                        gift.cycles,
                        total,
                        start,
                        gift.claimExpiresAt.toLocalDate().toString()),
                origin,
                now);
        return gift;
    }

    /** The gifts the member bought, newest first: their status only, nothing of the recipient. */
    @Transactional
    public List<Gift> boughtBy(UUID buyerId) {
        return gifts.boughtBy(buyerId);
    }

    /** One gift the member bought; 404 when there is none or another member bought it. */
    @Transactional
    public Gift bought(UUID buyerId, UUID giftId) {
        return gifts.findByIdOptional(giftId)
                .filter(g -> buyerId.equals(g.buyerId))
                .orElseThrow(() -> ProblemException.notFound("no gift " + giftId));
    }

    /**
     * The member claims the gift with its code: a subscription the gift pays for starts, announced like a sign-up (and
     * paused until the cycle before its first when that is not next month's). Runs in the caller's transaction when
     * there is one (a sign-up), so a refused claim creates nothing. Refusals name {@code field}: 404 for a code no gift
     * has, 409 for a gift claimed already or a member with an open subscription (the member would pay twice for a
     * cycle), 410 for a gift past its claim expiry.
     */
    @Transactional
    public Subscription claim(UUID memberId, String typedCode, String field) {
        Member member = members.findByIdOptional(memberId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("no member " + memberId));
        OffsetDateTime now = OffsetDateTime.now(clock);
        Gift gift = GiftTerms.normalise(typedCode)
                .flatMap(gifts::lockByCode)
                .orElseThrow(() -> problem(404, "Not Found", field, "no gift has this code"));
        if (gift.status == GiftStatus.CLAIMED) {
            throw problem(409, "Conflict", field, "this gift was claimed already");
        }
        if (gift.status != GiftStatus.UNCLAIMED || !now.isBefore(gift.claimExpiresAt)) {
            throw problem(410, "Gone", field, "this gift could be claimed until " + gift.claimExpiresAt + " only");
        }
        if (subscriptions.findOpen(memberId).isPresent()) {
            throw problem(
                    409,
                    "Conflict",
                    field,
                    "you have an active or paused subscription: cancel it first (one call), then claim the gift,"
                            + " so that no cycle is paid twice");
        }
        YearMonth current = YearMonth.from(now);
        YearMonth first = GiftTerms.firstCycle(YearMonth.parse(gift.startCycle), current);
        YearMonth last = GiftTerms.lastCycle(first, gift.cycles);
        List<Object> events = new ArrayList<>();
        Subscription subscription = Subscription.startGift(
                memberId,
                plans.require(gift.planId),
                gift.priceCents,
                gift.id,
                first,
                last,
                current,
                now,
                member.preferencesVersion,
                events);
        subscriptions.persist(subscription);
        em.flush();
        events.forEach(e -> outbox.publish(SubscriptionService.eventType(e), memberId.toString(), e));
        gift.status = GiftStatus.CLAIMED;
        gift.claimedAt = now;
        gift.recipientId = memberId;
        gift.subscriptionId = subscription.id;
        gift.firstCycle = first.toString();
        gift.lastCycle = last.toString();
        return subscription;
    }

    /**
     * A box of a gift's subscription shipped (in the inbox transaction): a box of one of the gift's cycles is booked
     * COVERED, 0 cents, once, and counted on the gift; the box of its last cycle ends the subscription at once. Answers
     * false for a box of a cycle the gift does not pay for (on us, never charged).
     */
    public boolean boxShipped(Subscription subscription, UUID boxId, YearMonth cycle, OffsetDateTime shippedAt) {
        Gift gift = gifts.lock(subscription.giftId).orElseThrow();
        YearMonth last = YearMonth.parse(gift.lastCycle);
        if (!GiftTerms.covers(YearMonth.parse(gift.firstCycle), last, cycle)) {
            return false;
        }
        LedgerEntry covered = LedgerEntry.of(
                subscription.memberId,
                LedgerEntry.Type.COVERED,
                0,
                "Box for %s: covered by gift, nothing to pay".formatted(cycle),
                boxId,
                boxId,
                shippedAt);
        if (ledger.bookOnce(covered)) {
            gift.boxesShipped++;
        }
        if (!cycle.isBefore(last)) {
            end(subscription);
        }
        return true;
    }

    /** Ends the gift's subscription (cancelled, announced), unless it ended already; caller's transaction. */
    void end(Subscription subscription) {
        long preferences = members.findByIdOptional(subscription.memberId)
                .map(m -> m.preferencesVersion)
                .orElse(0L);
        subscription
                .endGift(OffsetDateTime.now(clock), preferences)
                .ifPresent(e -> outbox.publish(SubscriptionService.eventType(e), subscription.memberId.toString(), e));
    }

    /**
     * box-service reported a box of the member (in the inbox transaction): curated ({@code open}), shipped or withdrawn.
     * Kept for a box of one of the cycles of a gift they claimed, so that {@link GiftJobs} never ends the gift while it
     * is on its way.
     */
    public void boxReported(UUID memberId, UUID boxId, String cycle, boolean open) {
        gifts.recordBox(memberId, boxId, cycle, open);
    }

    /** Erasure: the member is no longer named on any gift, as buyer or recipient; caller's transaction. */
    public void forget(UUID memberId) {
        gifts.forget(memberId);
    }

    /** The day a claimed gift's subscription ends: the first day of the cycle after its last. */
    public static LocalDate endsOn(Subscription subscription) {
        return YearMonth.parse(subscription.giftLastCycle).plusMonths(1).atDay(1);
    }

    private static ProblemException problem(int status, String title, String field, String message) {
        return new ProblemException(status, title, message, List.of(new ProblemDetail.Violation(field, message)));
    }
}

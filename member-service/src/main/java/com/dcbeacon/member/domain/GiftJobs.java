package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.GiftRepository;
import com.dcbeacon.member.persistence.LedgerEntryRepository;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What happens to gifts with time: an unclaimed gift past its claim expiry is refunded to its buyer (a CREDIT, once);
 * a claimed gift's subscription ends by itself once its last cycle is over (if the box of that cycle did not end it
 * first), and its recipient is told some days before, with the price at which they may continue. Each step takes its
 * rows with {@code for update skip locked}, so instances share the work and each gift is handled once.
 */
@ApplicationScoped
public class GiftJobs {

    private static final Logger LOG = Logger.getLogger(GiftJobs.class);

    private final GiftRepository gifts;
    private final SubscriptionRepository subscriptions;
    private final LedgerEntryRepository ledger;
    private final NotificationRepository notifications;
    private final BoxNotices notices;
    private final PlanCatalogue plans;
    private final Gifts giftService;
    private final EntityManager em;
    private final Clock clock;
    private final int reminderDaysBefore;
    private final int unseenBoxGraceDays;

    public GiftJobs(
            GiftRepository gifts,
            SubscriptionRepository subscriptions,
            LedgerEntryRepository ledger,
            NotificationRepository notifications,
            BoxNotices notices,
            PlanCatalogue plans,
            Gifts giftService,
            EntityManager em,
            Clock clock,
            @ConfigProperty(name = "dcbeacon.gifts.reminder-days-before", defaultValue = "7") int reminderDaysBefore,
            @ConfigProperty(name = "dcbeacon.gifts.unseen-box-grace-days", defaultValue = "14")
                    int unseenBoxGraceDays) {
        if (unseenBoxGraceDays < 0) {
            throw new IllegalArgumentException(
                    "dcbeacon.gifts.unseen-box-grace-days must not be negative: " + unseenBoxGraceDays);
        }
        this.gifts = gifts;
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.notifications = notifications;
        this.notices = notices;
        this.plans = plans;
        this.giftService = giftService;
        this.em = em;
        this.clock = clock;
        this.reminderDaysBefore = reminderDaysBefore;
        this.unseenBoxGraceDays = unseenBoxGraceDays;
    }

    @Scheduled(
            every = "${dcbeacon.gifts.check-every:1h}",
            delayed = "${dcbeacon.gifts.start-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        try {
            refundExpired();
            endFinished();
            remindOfEnd();
        } catch (RuntimeException e) {
            LOG.warnf("Checking gifts failed, will retry at the next check: %s", e.getMessage());
        }
    }

    /**
     * Refunds every unclaimed gift past its claim expiry: its buyer gets the price paid back as one CREDIT (source: the
     * gift, so never twice) and is told; a gift whose buyer was erased expires without refund. Answers the gifts.
     */
    public List<UUID> refundExpired() {
        return PauseEnds.inBatches(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<UUID> done = new ArrayList<>();
            for (Gift gift : gifts.lockExpiredUnclaimed(now, PauseEnds.BATCH)) {
                if (gift.buyerId == null || gift.totalCents == 0) {
                    gift.status = GiftStatus.EXPIRED;
                } else {
                    String reason = "Refund: your gift of %d cycle(s) was not claimed by %s (gift %s)"
                            .formatted(gift.cycles, gift.claimExpiresAt.toLocalDate(), gift.id);
                    LedgerEntry refund = LedgerEntry.of(
                            gift.buyerId, LedgerEntry.Type.CREDIT, gift.totalCents, reason, null, gift.id, now);
                    if (ledger.bookOnce(refund)) {
                        notices.credited(gift.buyerId, gift.id, gift.totalCents, gift.currency, reason);
                    }
                    gift.status = GiftStatus.REFUNDED;
                    gift.refundedAt = now;
                }
                done.add(gift.id);
            }
            em.flush();
            return done;
        });
    }

    /**
     * Ends every gift subscription whose last cycle is over and whose boxes are done; answers their members. A box of a
     * gift cycle still on its way (curated, not shipped or withdrawn) keeps the gift running: its shipment ends it. A
     * last cycle whose box box-service never reported ends the configured grace days after the cycle that follows it
     * begins, so a box curated late still reaches the recipient.
     */
    public List<UUID> endFinished() {
        return PauseEnds.inBatches(() -> {
            LocalDate today = LocalDate.now(clock);
            // The gift through L ends the first day of L+1; with no box of L reported, the grace days after it: when
            // the cycle of today minus the grace is after L.
            YearMonth unseenBefore = YearMonth.from(today.minusDays(unseenBoxGraceDays));
            List<UUID> ended = new ArrayList<>();
            for (Subscription s :
                    subscriptions.lockGiftsEndedBefore(YearMonth.from(today), unseenBefore, PauseEnds.BATCH)) {
                giftService.end(s);
                ended.add(s.memberId);
            }
            em.flush();
            return ended;
        });
    }

    /**
     * Tells each recipient whose gift ends within the configured days, once per gift: when it ends, that nothing renews
     * or is charged, and the plan's price today at which they may continue (reactivation, with its quote).
     */
    public List<UUID> remindOfEnd() {
        return PauseEnds.inBatches(() -> {
            LocalDate today = LocalDate.now(clock);
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<UUID> told = new ArrayList<>();
            // A gift through L ends on the first day of L+1, at most the configured days away when L+1 is no later
            // than the cycle of today plus those days.
            for (Subscription s : subscriptions.lockGiftsUntilWithout(
                    YearMonth.from(today),
                    YearMonth.from(today.plusDays(reminderDaysBefore)),
                    Notification.Kind.GIFT_ENDING,
                    PauseEnds.BATCH)) {
                PlanCatalogue.PricedPlan plan = plans.priced(s.planId, today);
                Notification reminder = Notification.of(
                        s.memberId,
                        Notification.Kind.GIFT_ENDING,
                        ("Your gift ends on %s, after your box for %s. It does not renew and nothing is charged to you."
                                        + " To keep your boxes coming, continue the %s plan at %s %s per cycle (the"
                                        + " price today, confirmed before you pay) once your last box has shipped.")
                                .formatted(
                                        Gifts.endsOn(s),
                                        s.giftLastCycle,
                                        plan.plan().name,
                                        ConsentTerms.money(plan.priceCents()),
                                        plan.plan().currency),
                        now);
                reminder.sourceId = s.giftId;
                if (notifications.notifyOnce(reminder)) {
                    told.add(s.memberId);
                }
            }
            em.flush();
            return told;
        });
    }
}

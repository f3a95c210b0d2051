package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Ends pauses on their date. A pause with an end resumes by itself when the cycle after its last paused one begins: the
 * subscription becomes ACTIVE and {@code SubscriptionResumed} goes out through the outbox in the same transaction, as
 * for a member's own resume, so every replica flips too. Some days before (configurable, default 3) the member is told
 * once per pause. Any number of instances may run this: each takes the subscriptions it works on with {@code for update
 * skip locked}, so no subscription is resumed or reminded of twice.
 */
@ApplicationScoped
public class PauseEnds {

    private static final Logger LOG = Logger.getLogger(PauseEnds.class);
    static final int BATCH = 100;

    private final SubscriptionRepository subscriptions;
    private final MemberRepository members;
    private final NotificationRepository notifications;
    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;
    private final int reminderDaysBefore;

    public PauseEnds(
            SubscriptionRepository subscriptions,
            MemberRepository members,
            NotificationRepository notifications,
            Outbox outbox,
            EntityManager em,
            Clock clock,
            @ConfigProperty(name = "dcbeacon.pauses.reminder-days-before", defaultValue = "3") int reminderDaysBefore) {
        this.subscriptions = subscriptions;
        this.members = members;
        this.notifications = notifications;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
        this.reminderDaysBefore = reminderDaysBefore;
    }

    @Scheduled(
            every = "${dcbeacon.pauses.check-every:10m}",
            delayed = "${dcbeacon.pauses.start-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        try {
            resumeEnded();
            remindOfEnding();
        } catch (RuntimeException e) {
            LOG.warnf("Checking pauses failed, will retry at the next check: %s", e.getMessage());
        }
    }

    /** Resumes every subscription whose pause has ended; answers the members resumed by this call. */
    public List<UUID> resumeEnded() {
        return inBatches(() -> {
            YearMonth current = YearMonth.now(clock);
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<UUID> resumed = new ArrayList<>();
            for (Subscription s : subscriptions.lockPausesEndedBefore(current, BATCH)) {
                s.resumeAfterPause(current, now, preferencesVersion(s.memberId)).ifPresent(event -> {
                    outbox.publish(EventType.SUBSCRIPTION_RESUMED, s.memberId.toString(), event);
                    resumed.add(s.memberId);
                });
            }
            em.flush();
            return resumed;
        });
    }

    /**
     * Tells each member whose pause ends within the configured days, once per pause; answers the members told by this
     * call.
     */
    public List<UUID> remindOfEnding() {
        return inBatches(() -> {
            LocalDate today = LocalDate.now(clock);
            OffsetDateTime now = OffsetDateTime.now(clock);
            // A pause until P ends on the first day of P+1; that day is at most the configured days away when P+1 is
            // no later than the cycle of today plus those days.
            List<UUID> told = new ArrayList<>();
            for (Subscription s : subscriptions.lockPausesUntilWithout(
                    YearMonth.from(today),
                    YearMonth.from(today.plusDays(reminderDaysBefore)),
                    Notification.Kind.PAUSE_ENDING,
                    BATCH)) {
                LocalDate resumesOn = s.resumesOn().orElseThrow();
                Notification reminder = Notification.of(
                        s.memberId,
                        Notification.Kind.PAUSE_ENDING,
                        "Your pause ends on " + resumesOn + ": your boxes start again with the one for "
                                + YearMonth.from(resumesOn) + ". To pause for longer, change your pause before then.",
                        now);
                reminder.sourceId = s.pauseId;
                if (notifications.notifyOnce(reminder)) {
                    told.add(s.memberId);
                }
            }
            em.flush();
            return told;
        });
    }

    /** Runs {@code batch} in transactions of its own until one finds less than a full batch ({@link GiftJobs} too). */
    static List<UUID> inBatches(Supplier<List<UUID>> batch) {
        List<UUID> all = new ArrayList<>();
        List<UUID> done;
        do {
            done = QuarkusTransaction.requiringNew().call(batch::get);
            all.addAll(done);
        } while (done.size() == BATCH);
        return all;
    }

    private long preferencesVersion(UUID memberId) {
        return members.findByIdOptional(memberId).map(m -> m.preferencesVersion).orElse(0L);
    }
}

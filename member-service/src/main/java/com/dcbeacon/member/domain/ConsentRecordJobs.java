package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.ConsentRecordRepository;
import com.dcbeacon.member.persistence.PlanPriceChangeRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The two jobs of the consent records. Acceptances: once a price change is in effect, every subscription that was on
 * the plan then ({@link PriceChangeAcceptance}) gets one {@link ConsentAction#PRICE_CHANGE_ACCEPTED} record, at the
 * effective date, with the notice the member was sent. Retention: records past {@code dcbeacon.consent.retention}
 * (at least three years, default {@code P3Y}) are deleted, and only those: a subscription's records go once it is not
 * open and its newest record is older than the retention.
 */
@ApplicationScoped
@Startup
public class ConsentRecordJobs {

    private static final Logger LOG = Logger.getLogger(ConsentRecordJobs.class);
    /** Auto-renewal laws in some states ask for three years; a shorter retention fails the start. */
    public static final Period MINIMUM_RETENTION = Period.ofYears(3);

    private final PlanPriceChangeRepository priceChanges;
    private final ConsentRecordRepository records;
    private final SubscriptionRepository subscriptions;
    private final ConsentRecords consents;
    private final PlanCatalogue plans;
    private final Clock clock;
    private final Period retention;

    public ConsentRecordJobs(
            PlanPriceChangeRepository priceChanges,
            ConsentRecordRepository records,
            SubscriptionRepository subscriptions,
            ConsentRecords consents,
            PlanCatalogue plans,
            Clock clock,
            @ConfigProperty(name = "dcbeacon.consent.retention", defaultValue = "P3Y") String retention) {
        this.priceChanges = priceChanges;
        this.records = records;
        this.subscriptions = subscriptions;
        this.consents = consents;
        this.plans = plans;
        this.clock = clock;
        this.retention = Period.parse(retention);
        LocalDate probe = LocalDate.of(2000, 1, 1);
        if (probe.plus(this.retention).isBefore(probe.plus(MINIMUM_RETENTION))) {
            throw new IllegalArgumentException(
                    "dcbeacon.consent.retention must be at least " + MINIMUM_RETENTION + ", was " + retention);
        }
    }

    @Scheduled(
            every = "${dcbeacon.consent.check-every:1h}",
            delayed = "${dcbeacon.consent.start-delay:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        try {
            recordAcceptances();
            pruneExpired();
        } catch (RuntimeException e) {
            LOG.warnf("Consent records job failed, will retry at the next check: %s", e.getMessage());
        }
    }

    /**
     * Records the acceptances of every price change in effect whose acceptances are not recorded yet, one change per
     * transaction; answers how many records were written.
     */
    public int recordAcceptances() {
        int written = 0;
        while (true) {
            Optional<Integer> done = QuarkusTransaction.requiringNew().call(this::recordAcceptancesOfNextChange);
            if (done.isEmpty()) {
                return written;
            }
            written += done.get();
        }
    }

    private Optional<Integer> recordAcceptancesOfNextChange() {
        Optional<PlanPriceChange> next = priceChanges.lockNextInEffectWithoutAcceptances(LocalDate.now(clock));
        if (next.isEmpty()) {
            return Optional.empty();
        }
        PlanPriceChange change = next.get();
        OffsetDateTime effective = change.effectiveOn.atStartOfDay().atOffset(ZoneOffset.UTC);
        PlanCatalogue.PricedPlan before = plans.priced(change.planId, change.effectiveOn.minusDays(1));
        PlanCatalogue.PricedPlan after = plans.priced(change.planId, change.effectiveOn);
        String notice = ConsentTerms.priceChangeNotice(
                before.plan(), before.priceCents(), change.newPriceCents, change.effectiveOn);
        int written = 0;
        for (var subscriptionId : records.subscriptionsWithRecordOnPlanBefore(change.planId, effective)) {
            // The subscription's row lock before its records are read (the price change's, then the subscription's,
            // as no writer of a subscription waits for a price change): a cancel, plan change or erasure in flight
            // holds the row until it commits, and its record (or the subscription's deletion) is seen once it has.
            Subscription subscription = subscriptions
                    .findByIdOptional(subscriptionId, LockModeType.PESSIMISTIC_WRITE)
                    .orElse(null);
            if (subscription == null) {
                continue; // erased since: nothing to accept for
            }
            if (subscription.priceHeldUntil != null && subscription.priceHeldUntil.isAfter(change.effectiveOn)) {
                // Joined the plan after the announcement with its price held past the effective date: the record of
                // joining showed the change and the day it applies to them, which is what they agreed to
                continue;
            }
            var latest = records.latestBefore(subscriptionId, effective);
            if (!PriceChangeAcceptance.accepts(latest, change.planId)) {
                continue;
            }
            ConsentRecord accepted = consents.record(
                    ConsentAction.PRICE_CHANGE_ACCEPTED,
                    subscription,
                    after,
                    java.time.YearMonth.from(change.effectiveOn),
                    notice,
                    new ConsentChannel.Origin(ConsentChannel.NOTICE, null),
                    effective);
            accepted.sourceId = change.id;
            written++;
        }
        change.acceptancesRecordedAt = OffsetDateTime.now(clock);
        return Optional.of(written);
    }

    /** Deletes the records past retention; answers how many. */
    public int pruneExpired() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(retention);
        int deleted = QuarkusTransaction.requiringNew().call(() -> records.deletePastRetention(cutoff));
        if (deleted > 0) {
            LOG.infof("Deleted %d consent records past retention (recorded before %s)", deleted, cutoff);
        }
        return deleted;
    }
}

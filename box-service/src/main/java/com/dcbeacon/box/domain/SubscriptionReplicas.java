package com.dcbeacon.box.domain;

import static com.dcbeacon.box.domain.CurationReplicas.findOrNew;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.payload.CycleSkipped;
import com.dcbeacon.platform.events.payload.MemberStateAnnounced;
import com.dcbeacon.platform.events.payload.PlanChanged;
import com.dcbeacon.platform.events.payload.SubscriptionStarted;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps each member's subscription as member-service's events describe it, for curation; after every change the
 * member's open boxes whose cycle they no longer want are withdrawn ({@link BoxWithdrawals}). Runs inside the inbox
 * transaction, so each event applies once; events of one member arrive in order (same key, same partition).
 */
@ApplicationScoped
public class SubscriptionReplicas {

    private static final Logger LOG = Logger.getLogger(SubscriptionReplicas.class);

    private final SubscriptionReplicaRepository subscriptions;
    private final BoxWithdrawals withdrawals;

    public SubscriptionReplicas(SubscriptionReplicaRepository subscriptions, BoxWithdrawals withdrawals) {
        this.subscriptions = subscriptions;
        this.withdrawals = withdrawals;
    }

    public void subscriptionStarted(SubscriptionStarted e) {
        SubscriptionReplica s = subscriptionOf(e.memberId());
        overwrite(
                s,
                e.subscriptionId(),
                e.planId(),
                e.itemsPerBox(),
                e.priceCents(),
                e.currency(),
                BoxEligibility.Status.ACTIVE,
                null,
                List.of(),
                e.preferencesVersion());
    }

    public void paused(UUID memberId, String pausedUntil, long preferencesVersion) {
        subscription(memberId, preferencesVersion, s -> {
            s.status = BoxEligibility.Status.PAUSED;
            s.pausedUntil = pausedUntil;
        });
    }

    /**
     * Boxes again. {@code pausedUntil} is set when the pause ran to its end and resumed by itself: its cycles still get
     * no box, even in a curation run for one of them that comes late; null when the member resumed before the end.
     */
    public void resumed(UUID memberId, String pausedUntil, long preferencesVersion) {
        subscription(memberId, preferencesVersion, s -> {
            s.status = BoxEligibility.Status.ACTIVE;
            s.pausedUntil = pausedUntil;
        });
    }

    public void cycleSkipped(CycleSkipped e) {
        subscription(e.memberId(), e.preferencesVersion(), s -> {
            List<String> skipped = new ArrayList<>(s.skippedCycles);
            if (!skipped.contains(e.cycle())) {
                skipped.add(e.cycle());
            }
            s.skippedCycles = skipped;
        });
    }

    public void planChanged(PlanChanged e) {
        subscription(e.memberId(), e.preferencesVersion(), s -> {
            s.planId = e.planId();
            s.itemsPerBox = e.itemsPerBox();
            s.priceCents = e.priceCents();
        });
    }

    public void cancelled(UUID memberId, long preferencesVersion) {
        subscription(memberId, preferencesVersion, s -> {
            s.status = BoxEligibility.Status.CANCELLED;
            s.pausedUntil = null;
        });
    }

    /**
     * A re-announced member (docs/messaging.md, Rebuilding a replica): the subscription replica becomes what
     * member-service holds now, created if it was lost. It is the newest state of the member, so it overwrites; only the
     * preferences version required never goes down, so curation still waits for preferences at least as new as any
     * subscription event named (fail closed). Boxes the member no longer wants are withdrawn, as after any change. A
     * member who never subscribed has nothing to hold here.
     */
    public void memberAnnounced(MemberStateAnnounced e) {
        MemberStateAnnounced.Subscription announced = e.subscription();
        if (announced == null) {
            return;
        }
        SubscriptionReplica s = subscriptionOf(e.memberId());
        overwrite(
                s,
                announced.subscriptionId(),
                announced.planId(),
                announced.itemsPerBox(),
                announced.priceCents(),
                announced.currency(),
                BoxEligibility.Status.valueOf(announced.status()),
                announced.pausedUntil(),
                announced.skippedCycles(),
                e.preferencesVersion());
        withdrawals.withdrawUnwanted(s);
    }

    private SubscriptionReplica subscriptionOf(UUID memberId) {
        return findOrNew(subscriptions, memberId, () -> {
            SubscriptionReplica created = new SubscriptionReplica();
            created.memberId = memberId;
            return created;
        });
    }

    /** The subscription becomes what the event says; the preferences version required never goes down. */
    private void overwrite(
            SubscriptionReplica s,
            UUID subscriptionId,
            String planId,
            int itemsPerBox,
            long priceCents,
            String currency,
            BoxEligibility.Status status,
            String pausedUntil,
            List<String> skippedCycles,
            long preferencesVersion) {
        s.subscriptionId = subscriptionId;
        s.planId = planId;
        s.itemsPerBox = itemsPerBox;
        s.priceCents = priceCents;
        s.currency = currency;
        s.status = status;
        s.pausedUntil = pausedUntil;
        s.skippedCycles = new ArrayList<>(skippedCycles);
        s.preferencesVersionRequired = Math.max(s.preferencesVersionRequired, preferencesVersion);
        s.updatedAt = now();
        subscriptions.persist(s);
    }

    /** Applies a change, then withdraws every open box whose cycle the member no longer wants. */
    private void subscription(
            UUID memberId, long preferencesVersion, java.util.function.Consumer<SubscriptionReplica> change) {
        subscriptions
                .findByIdOptional(memberId)
                .ifPresentOrElse(
                        s -> {
                            change.accept(s);
                            s.preferencesVersionRequired = Math.max(s.preferencesVersionRequired, preferencesVersion);
                            s.updatedAt = now();
                            withdrawals.withdrawUnwanted(s);
                        },
                        () -> LOG.warnf(
                                "Subscription event for member %s without a SubscriptionStarted first: ignored",
                                memberId));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}

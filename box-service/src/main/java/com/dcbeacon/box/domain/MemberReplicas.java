package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.persistence.MemberReplicaRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.payload.CycleSkipped;
import com.dcbeacon.platform.events.payload.MemberRegistered;
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
 * Keeps each member and their subscription as member-service's events describe them, for curation; after every
 * subscription change the member's open boxes whose cycle they no longer want are withdrawn ({@link BoxWithdrawals}).
 * Runs inside the inbox transaction, so each event applies once; events of one member arrive in order (same key, same
 * partition).
 */
@ApplicationScoped
public class MemberReplicas {

    private static final Logger LOG = Logger.getLogger(MemberReplicas.class);

    private final MemberReplicaRepository members;
    private final SubscriptionReplicaRepository subscriptions;
    private final BoxWithdrawals withdrawals;

    public MemberReplicas(
            MemberReplicaRepository members, SubscriptionReplicaRepository subscriptions, BoxWithdrawals withdrawals) {
        this.members = members;
        this.subscriptions = subscriptions;
        this.withdrawals = withdrawals;
    }

    /**
     * Creates the member replica. A replica already there is left alone: one a re-announcement rebuilt holds newer
     * data than a replayed registration.
     */
    public void registered(MemberRegistered e) {
        if (members.findById(e.memberId()) == null) {
            member(e.memberId(), e.country(), e.registeredAt());
        }
    }

    public void subscriptionStarted(SubscriptionStarted e) {
        SubscriptionReplica s = subscriptions.findOrNew(e.memberId());
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
        s.priceHeldUntil = e.priceHeldUntil();
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
            s.priceHeldUntil = e.priceHeldUntil();
        });
    }

    public void cancelled(UUID memberId, long preferencesVersion) {
        subscription(memberId, preferencesVersion, s -> {
            s.status = BoxEligibility.Status.CANCELLED;
            s.pausedUntil = null;
        });
    }

    /**
     * A re-announced member (docs/messaging.md, Rebuilding a replica): the member and subscription replicas become
     * what member-service holds now, created if they were lost. It is the newest state of the member, so it overwrites;
     * only the preferences version required never goes down, so curation still waits for preferences at least as new
     * as any subscription event named (fail closed). Boxes the member no longer wants are withdrawn, as after any
     * change. A member who never subscribed has no subscription replica.
     */
    public void memberAnnounced(MemberStateAnnounced e) {
        member(e.memberId(), e.country(), e.registeredAt());
        MemberStateAnnounced.Subscription announced = e.subscription();
        if (announced == null) {
            return;
        }
        SubscriptionReplica s = subscriptions.findOrNew(e.memberId());
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
        s.priceHeldUntil = announced.priceHeldUntil();
        withdrawals.withdrawUnwanted(s);
    }

    /** Creates or overwrites the member replica. */
    private void member(UUID memberId, String country, OffsetDateTime registeredAt) {
        MemberReplica member = members.findOrNew(memberId);
        member.country = country;
        member.registeredAt = registeredAt;
        member.replicatedAt = OffsetDateTime.now();
        members.persist(member);
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

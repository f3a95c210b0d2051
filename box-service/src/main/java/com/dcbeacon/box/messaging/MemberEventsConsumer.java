package com.dcbeacon.box.messaging;

import com.dcbeacon.box.domain.BoxMemberData;
import com.dcbeacon.box.domain.CurationReplicas;
import com.dcbeacon.box.domain.MemberReplica;
import com.dcbeacon.box.domain.SubscriptionReplicas;
import com.dcbeacon.box.persistence.MemberReplicaRepository;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.CycleSkipped;
import com.dcbeacon.platform.events.payload.MemberRegistered;
import com.dcbeacon.platform.events.payload.MemberStateAnnounced;
import com.dcbeacon.platform.events.payload.PlanChanged;
import com.dcbeacon.platform.events.payload.PlanPriceChangeAnnounced;
import com.dcbeacon.platform.events.payload.SubscriptionCancelled;
import com.dcbeacon.platform.events.payload.SubscriptionPaused;
import com.dcbeacon.platform.events.payload.SubscriptionResumed;
import com.dcbeacon.platform.events.payload.SubscriptionStarted;
import com.dcbeacon.platform.messaging.EventConsumer;
import com.dcbeacon.platform.messaging.InboundEvents;
import com.dcbeacon.platform.messaging.MemberDataRights;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the member replica from member-service's events. A transient failure (the database away, a lock
 * conflict) waits and is tried again for as long as it lasts (InboundEvents); an event that can never be
 * applied goes to the dead-letter topic.
 */
@ApplicationScoped
public class MemberEventsConsumer implements EventConsumer {

    static final String CONSUMER = "box-service";

    private final InboundEvents events;
    private final Map<EventType, Consumer<EventEnvelope>> handlers;
    private final MemberReplicaRepository members;

    public MemberEventsConsumer(
            InboundEvents events,
            MemberDataRights dataRights,
            BoxMemberData data,
            CurationReplicas replicas,
            SubscriptionReplicas subscriptions,
            MemberReplicaRepository members) {
        this.events = events;
        this.members = members;
        this.handlers = Map.ofEntries(
                Map.entry(EventType.MEMBER_REGISTERED, this::registered),
                Map.entry(
                        EventType.SUBSCRIPTION_STARTED,
                        e -> subscriptions.subscriptionStarted(events.payload(e, SubscriptionStarted.class))),
                Map.entry(EventType.SUBSCRIPTION_PAUSED, e -> {
                    SubscriptionPaused paused = events.payload(e, SubscriptionPaused.class);
                    subscriptions.paused(paused.memberId(), paused.pausedUntil(), paused.preferencesVersion());
                }),
                Map.entry(EventType.SUBSCRIPTION_RESUMED, e -> {
                    SubscriptionResumed resumed = events.payload(e, SubscriptionResumed.class);
                    subscriptions.resumed(resumed.memberId(), resumed.pausedUntil(), resumed.preferencesVersion());
                }),
                Map.entry(
                        EventType.PLAN_PRICE_CHANGE_ANNOUNCED,
                        e -> replicas.planPriceAnnounced(events.payload(e, PlanPriceChangeAnnounced.class))),
                Map.entry(
                        EventType.CYCLE_SKIPPED,
                        e -> subscriptions.cycleSkipped(events.payload(e, CycleSkipped.class))),
                Map.entry(EventType.PLAN_CHANGED, e -> subscriptions.planChanged(events.payload(e, PlanChanged.class))),
                Map.entry(EventType.SUBSCRIPTION_CANCELLED, e -> {
                    SubscriptionCancelled cancelled = events.payload(e, SubscriptionCancelled.class);
                    subscriptions.cancelled(cancelled.memberId(), cancelled.preferencesVersion());
                }),
                Map.entry(EventType.MEMBER_STATE_ANNOUNCED, e -> {
                    MemberStateAnnounced announced = events.payload(e, MemberStateAnnounced.class);
                    member(announced.memberId(), announced.country(), announced.registeredAt());
                    subscriptions.memberAnnounced(announced);
                }),
                Map.entry(EventType.MEMBER_DATA_EXPORT_REQUESTED, e -> dataRights.exportRequested(e, data)),
                Map.entry(EventType.MEMBER_ERASURE_REQUESTED, e -> dataRights.erasureRequested(e, data)));
    }

    @Override
    public Map<String, Handlers> handlersByTopic() {
        return EventConsumer.forTopics(CONSUMER, handlers, Topics.MEMBER_EVENTS);
    }

    @Incoming("member-events")
    @Blocking(ordered = true)
    public void onMemberEvent(String value) {
        events.apply(CONSUMER, Topics.MEMBER_EVENTS, value, handlers);
    }

    /** Creates the member replica; one a re-announcement already rebuilt (a replayed registration) holds newer data. */
    private void registered(EventEnvelope event) {
        MemberRegistered registered = events.payload(event, MemberRegistered.class);
        if (members.findById(registered.memberId()) == null) {
            member(registered.memberId(), registered.country(), registered.registeredAt());
        }
    }

    /** Creates or overwrites the member replica. */
    private void member(UUID memberId, String country, OffsetDateTime registeredAt) {
        MemberReplica member = CurationReplicas.findOrNew(members, memberId, () -> {
            MemberReplica created = new MemberReplica();
            created.memberId = memberId;
            return created;
        });
        member.country = country;
        member.registeredAt = registeredAt;
        member.replicatedAt = OffsetDateTime.now();
        members.persist(member);
    }
}

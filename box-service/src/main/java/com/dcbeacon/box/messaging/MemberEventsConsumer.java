package com.dcbeacon.box.messaging;

import com.dcbeacon.box.domain.BoxMemberData;
import com.dcbeacon.box.domain.CurationReplicas;
import com.dcbeacon.box.domain.MemberReplicas;
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
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * member-service's events, each handed to one domain call: members and subscriptions ({@link MemberReplicas}), plan
 * prices ({@link CurationReplicas}), data rights. A transient failure (the database away, a lock conflict) waits and is
 * tried again for as long as it lasts (InboundEvents); an event that can never be applied goes to the dead-letter
 * topic.
 */
@ApplicationScoped
public class MemberEventsConsumer implements EventConsumer {

    static final String CONSUMER = "box-service";

    private final InboundEvents events;
    private final Map<EventType, Consumer<EventEnvelope>> handlers;

    public MemberEventsConsumer(
            InboundEvents events,
            MemberDataRights dataRights,
            BoxMemberData data,
            CurationReplicas replicas,
            MemberReplicas members) {
        this.events = events;
        this.handlers = Map.ofEntries(
                Map.entry(
                        EventType.MEMBER_REGISTERED,
                        e -> members.registered(events.payload(e, MemberRegistered.class))),
                Map.entry(
                        EventType.SUBSCRIPTION_STARTED,
                        e -> members.subscriptionStarted(events.payload(e, SubscriptionStarted.class))),
                Map.entry(EventType.SUBSCRIPTION_PAUSED, e -> {
                    SubscriptionPaused paused = events.payload(e, SubscriptionPaused.class);
                    members.paused(paused.memberId(), paused.pausedUntil(), paused.preferencesVersion());
                }),
                Map.entry(EventType.SUBSCRIPTION_RESUMED, e -> {
                    SubscriptionResumed resumed = events.payload(e, SubscriptionResumed.class);
                    members.resumed(resumed.memberId(), resumed.pausedUntil(), resumed.preferencesVersion());
                }),
                Map.entry(
                        EventType.PLAN_PRICE_CHANGE_ANNOUNCED,
                        e -> replicas.planPriceAnnounced(events.payload(e, PlanPriceChangeAnnounced.class))),
                Map.entry(EventType.CYCLE_SKIPPED, e -> members.cycleSkipped(events.payload(e, CycleSkipped.class))),
                Map.entry(EventType.PLAN_CHANGED, e -> members.planChanged(events.payload(e, PlanChanged.class))),
                Map.entry(EventType.SUBSCRIPTION_CANCELLED, e -> {
                    SubscriptionCancelled cancelled = events.payload(e, SubscriptionCancelled.class);
                    members.cancelled(cancelled.memberId(), cancelled.preferencesVersion());
                }),
                Map.entry(
                        EventType.MEMBER_STATE_ANNOUNCED,
                        e -> members.memberAnnounced(events.payload(e, MemberStateAnnounced.class))),
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
}

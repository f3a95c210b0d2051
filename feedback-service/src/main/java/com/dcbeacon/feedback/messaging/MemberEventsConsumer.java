package com.dcbeacon.feedback.messaging;

import com.dcbeacon.feedback.domain.FeedbackMemberData;
import com.dcbeacon.feedback.domain.MemberReplicas;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.CommunicationPreferencesChanged;
import com.dcbeacon.platform.events.payload.MemberRegistered;
import com.dcbeacon.platform.events.payload.MemberStateAnnounced;
import com.dcbeacon.platform.events.payload.PlanChanged;
import com.dcbeacon.platform.events.payload.SubscriptionStarted;
import com.dcbeacon.platform.messaging.EventConsumer;
import com.dcbeacon.platform.messaging.InboundEvents;
import com.dcbeacon.platform.messaging.MemberDataRights;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * member-service's events, each handed to one domain call: the member replica ({@link MemberReplicas}), data rights. A
 * transient failure (the database away, a lock conflict) waits and is tried again for as long as it lasts
 * (InboundEvents); an event that can never be applied goes to the dead-letter topic.
 */
@ApplicationScoped
public class MemberEventsConsumer implements EventConsumer {

    static final String CONSUMER = "feedback-service";

    private final InboundEvents events;
    private final Map<EventType, Consumer<EventEnvelope>> handlers;

    public MemberEventsConsumer(
            InboundEvents events, MemberReplicas members, MemberDataRights dataRights, FeedbackMemberData data) {
        this.events = events;
        this.handlers = Map.of(
                EventType.MEMBER_REGISTERED, e -> members.registered(events.payload(e, MemberRegistered.class)),
                EventType.COMMUNICATION_PREFERENCES_CHANGED,
                        e -> members.communicationPreferencesChanged(
                                events.payload(e, CommunicationPreferencesChanged.class)),
                EventType.SUBSCRIPTION_STARTED,
                        e -> members.planChanged(
                                UUID.fromString(e.subject()),
                                events.payload(e, SubscriptionStarted.class).planId()),
                EventType.PLAN_CHANGED,
                        e -> members.planChanged(
                                UUID.fromString(e.subject()),
                                events.payload(e, PlanChanged.class).planId()),
                EventType.MEMBER_STATE_ANNOUNCED,
                        e -> members.memberAnnounced(events.payload(e, MemberStateAnnounced.class)),
                EventType.MEMBER_DATA_EXPORT_REQUESTED, e -> dataRights.exportRequested(e, data),
                EventType.MEMBER_ERASURE_REQUESTED, e -> dataRights.erasureRequested(e, data));
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

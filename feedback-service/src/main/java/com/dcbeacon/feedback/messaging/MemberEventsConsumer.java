package com.dcbeacon.feedback.messaging;

import com.dcbeacon.feedback.domain.FeedbackMemberData;
import com.dcbeacon.feedback.domain.MemberReplica;
import com.dcbeacon.feedback.persistence.MemberReplicaRepository;
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
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the member replica from member-service's events. A transient failure (the database away, a lock
 * conflict) waits and is tried again for as long as it lasts (InboundEvents); an event that can never be
 * applied goes to the dead-letter topic.
 */
@ApplicationScoped
public class MemberEventsConsumer implements EventConsumer {

    static final String CONSUMER = "feedback-service";

    private final InboundEvents events;
    private final MemberReplicaRepository members;
    private final Map<EventType, Consumer<EventEnvelope>> handlers;

    public MemberEventsConsumer(
            InboundEvents events,
            MemberReplicaRepository members,
            MemberDataRights dataRights,
            FeedbackMemberData data) {
        this.events = events;
        this.members = members;
        this.handlers = Map.of(
                EventType.MEMBER_REGISTERED, this::registered,
                EventType.COMMUNICATION_PREFERENCES_CHANGED, this::communicationPreferencesChanged,
                EventType.SUBSCRIPTION_STARTED,
                        e -> planChanged(
                                e.subject(),
                                events.payload(e, SubscriptionStarted.class).planId()),
                EventType.PLAN_CHANGED,
                        e -> planChanged(
                                e.subject(),
                                events.payload(e, PlanChanged.class).planId()),
                EventType.MEMBER_STATE_ANNOUNCED, this::announced,
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

    private void communicationPreferencesChanged(EventEnvelope event) {
        CommunicationPreferencesChanged changed = events.payload(event, CommunicationPreferencesChanged.class);
        members.findOrCreate(changed.memberId()).surveys = changed.surveys();
    }

    private void planChanged(String memberId, String planId) {
        members.findOrCreate(java.util.UUID.fromString(memberId)).planId = planId;
    }

    private void registered(EventEnvelope event) {
        MemberRegistered registered = events.payload(event, MemberRegistered.class);
        registered(registered.memberId(), registered.country(), registered.registeredAt());
    }

    /** A re-announced member (a replica rebuild): the newest state, so it overwrites what the replica holds. */
    private void announced(EventEnvelope event) {
        MemberStateAnnounced announced = events.payload(event, MemberStateAnnounced.class);
        MemberReplica member = registered(announced.memberId(), announced.country(), announced.registeredAt());
        member.surveys = announced.surveys();
        if (announced.subscription() != null) {
            member.planId = announced.subscription().planId();
        }
    }

    private MemberReplica registered(java.util.UUID memberId, String country, OffsetDateTime registeredAt) {
        MemberReplica member = members.findOrCreate(memberId);
        member.country = country;
        member.registeredAt = registeredAt;
        member.replicatedAt = OffsetDateTime.now();
        return member;
    }
}

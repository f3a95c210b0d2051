package com.dcbeacon.box.messaging;

import com.dcbeacon.box.domain.MemberReplica;
import com.dcbeacon.box.domain.MemberReplicaData;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.InvalidEventException;
import com.dcbeacon.platform.events.payload.MemberRegistered;
import com.dcbeacon.platform.messaging.InboundEvents;
import com.dcbeacon.platform.messaging.MemberDataRights;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the member replica from member-service's events. A failure is retried a few times
 * (a database hiccup); an event that still fails, or can never be read, goes to the dead-letter topic.
 */
@ApplicationScoped
public class MemberEventsConsumer {

    static final String CONSUMER = "box-service";

    private final InboundEvents events;
    private final Map<EventType, Consumer<EventEnvelope>> handlers;

    public MemberEventsConsumer(InboundEvents events, MemberDataRights dataRights, MemberReplicaData data) {
        this.events = events;
        this.handlers = Map.of(
                EventType.MEMBER_REGISTERED, this::registered,
                EventType.MEMBER_DATA_EXPORT_REQUESTED, e -> dataRights.exportRequested(e, data),
                EventType.MEMBER_ERASURE_REQUESTED, e -> dataRights.erasureRequested(e, data));
    }

    @Incoming("member-events")
    @Blocking(ordered = true)
    @Retry(maxRetries = 3, delay = 200, jitter = 100, abortOn = InvalidEventException.class)
    public void onMemberEvent(String value) {
        events.apply(CONSUMER, value, handlers);
    }

    private void registered(EventEnvelope event) {
        MemberRegistered registered = events.payload(event, MemberRegistered.class);
        MemberReplica member = new MemberReplica();
        member.memberId = registered.memberId();
        member.country = registered.country();
        member.registeredAt = registered.registeredAt();
        member.replicatedAt = OffsetDateTime.now();
        member.persist();
    }
}

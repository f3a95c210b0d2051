package com.dcbeacon.feedback.messaging;

import com.dcbeacon.feedback.domain.DeliveredBoxes;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.BoxDelivered;
import com.dcbeacon.platform.messaging.EventConsumer;
import com.dcbeacon.platform.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Delivered boxes open their items for rating and make the member eligible for the NPS survey. */
@ApplicationScoped
public class BoxEventsConsumer implements EventConsumer {

    private final InboundEvents events;
    private final Map<EventType, Consumer<EventEnvelope>> handlers;

    public BoxEventsConsumer(InboundEvents events, DeliveredBoxes boxes) {
        this.events = events;
        this.handlers = Map.of(EventType.BOX_DELIVERED, e -> boxes.delivered(events.payload(e, BoxDelivered.class)));
    }

    @Override
    public Map<String, Handlers> handlersByTopic() {
        return EventConsumer.forTopics(MemberEventsConsumer.CONSUMER, handlers, Topics.BOX_EVENTS);
    }

    @Incoming("box-events")
    @Blocking(ordered = true)
    public void onBoxEvent(String value) {
        events.apply(MemberEventsConsumer.CONSUMER, Topics.BOX_EVENTS, value, handlers);
    }
}

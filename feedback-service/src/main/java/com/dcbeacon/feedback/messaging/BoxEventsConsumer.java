package com.dcbeacon.feedback.messaging;

import com.dcbeacon.feedback.domain.DeliveredBox;
import com.dcbeacon.feedback.persistence.DeliveredBoxRepository;
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
    private final DeliveredBoxRepository boxes;
    private final Map<EventType, Consumer<EventEnvelope>> handlers;

    public BoxEventsConsumer(InboundEvents events, DeliveredBoxRepository boxes) {
        this.events = events;
        this.boxes = boxes;
        this.handlers = Map.of(EventType.BOX_DELIVERED, this::delivered);
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

    private void delivered(EventEnvelope event) {
        BoxDelivered delivered = events.payload(event, BoxDelivered.class);
        if (boxes.findById(delivered.boxId()) != null) {
            return;
        }
        DeliveredBox box = new DeliveredBox();
        box.boxId = delivered.boxId();
        box.memberId = delivered.memberId();
        box.cycle = delivered.cycle();
        box.deliveredAt = delivered.deliveredAt();
        box.items = new java.util.ArrayList<>(delivered.items().stream()
                .map(i -> new DeliveredBox.Item(i.productId(), i.brandId(), i.sku(), i.name()))
                .toList());
        boxes.persist(box);
    }
}

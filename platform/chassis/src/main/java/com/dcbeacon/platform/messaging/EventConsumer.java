package com.dcbeacon.platform.messaging;

import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Implemented by every bean whose {@code @Incoming} methods hand records to {@link InboundEvents#apply}: it names, per
 * source topic, the consumer name and handlers those methods pass, so that {@link DeadLetterReplay} applies a dead
 * letter through exactly the path it failed on. A topic no bean names cannot be replayed.
 */
public interface EventConsumer {

    /** What an {@code @Incoming} method passes to {@link InboundEvents#apply} along with the record. */
    record Handlers(String consumer, Map<EventType, Consumer<EventEnvelope>> byType) {}

    /** Source topic (e.g. {@code box-events}) → the consumer name and handlers its records are applied with. */
    Map<String, Handlers> handlersByTopic();

    /** The same consumer name and handlers for each of the given source topics. */
    static Map<String, Handlers> forTopics(
            String consumer, Map<EventType, Consumer<EventEnvelope>> byType, String... topics) {
        Handlers handlers = new Handlers(consumer, byType);
        return Arrays.stream(topics).collect(Collectors.toUnmodifiableMap(t -> t, t -> handlers));
    }
}

package com.dcbeacon.brand.messaging;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import java.time.Duration;
import java.util.UUID;

/** Sends what box-service sends on box-events, keyed by product id, and waits until brand-service has read it. */
final class BoxEvents {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private BoxEvents() {}

    static String event(EventCodec codec, EventType type, UUID productId, Object payload) {
        return codec.write(codec.wrap(type, "/box-service", productId.toString(), payload));
    }

    static void send(UUID productId, String event) {
        KafkaTestClient.send(Topics.BOX_EVENTS, productId.toString(), event);
    }

    /**
     * Returns once every record sent for the product so far was handled: a poison record with the same key (same
     * partition, so after all of them) has reached brand-service's dead-letter topic.
     */
    static void awaitHandled(UUID productId) {
        KafkaTestClient.send(Topics.BOX_EVENTS, productId.toString(), "marker, not an event");
        if (KafkaTestClient.await(
                        Topics.deadLetter(Topics.BOX_EVENTS, BoxEventsConsumer.CONSUMER),
                        r -> productId.toString().equals(r.key()),
                        TIMEOUT)
                .isEmpty()) {
            throw new AssertionError("box-events for " + productId + " were not all handled");
        }
    }
}

package com.dcbeacon.member;

import static org.awaitility.Awaitility.await;

import com.dcbeacon.member.domain.BoxPreviews;
import com.dcbeacon.member.domain.MailStatus;
import com.dcbeacon.member.domain.Notification;
import com.dcbeacon.member.mail.NotificationMailSender;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.BoxCurated;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test fixture: publishes box-service's events (and other services' events to member-service) on the real broker, as
 * box-service would (schema-checked envelope,
 * keyed by member), and waits until member-service's consumer applied one. Applying it is the positive anchor every
 * "nothing was charged" check needs.
 */
@ApplicationScoped
public class BoxServiceEvents {

    private final EventCodec codec;
    private final EntityManager em;
    private final NotificationMailSender mailSender;
    private final NotificationRepository notifications;
    private KafkaProducer<String, String> producer;

    public BoxServiceEvents(
            EventCodec codec,
            EntityManager em,
            NotificationMailSender mailSender,
            NotificationRepository notifications) {
        this.codec = codec;
        this.em = em;
        this.mailSender = mailSender;
        this.notifications = notifications;
    }

    /**
     * Curates {@code boxId} for the member, as box-service would, and waits until its preview was mailed; answers when.
     * A box is charged only if it ships at least the preview lead after that (the test profile's lead is zero), so
     * every test expecting a charge previews the box first and ships it after this returns.
     */
    public OffsetDateTime previewed(UUID memberId, UUID boxId, String cycle) {
        previewed(memberId, Map.of(boxId, cycle));
        return previewSentAt(boxId);
    }

    /**
     * Previews a box of the cycle for the subscription and ships it at the classic plan's price ({@link
     * TestPlans#CLASSIC_CENTS}), as box-service would; waits until applied; answers the box.
     */
    public UUID shipped(UUID memberId, UUID subscriptionId, String cycle) {
        UUID box = UUID.randomUUID();
        previewed(memberId, box, cycle);
        ship(memberId, subscriptionId, box, cycle);
        return box;
    }

    /** Publishes the shipment of the box at the classic plan's price (again) and waits until it was applied. */
    public void ship(UUID memberId, UUID subscriptionId, UUID boxId, String cycle) {
        publishAndAwait(
                EventType.BOX_SHIPPED,
                memberId,
                new BoxShipped(
                        boxId,
                        memberId,
                        cycle,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        subscriptionId,
                        "classic",
                        TestPlans.CLASSIC_CENTS,
                        "EUR"));
    }

    /** {@link #previewed(UUID, UUID, String)} for several boxes of the member (box id to cycle), waiting once. */
    public void previewed(UUID memberId, Map<UUID, String> cycleByBox) {
        List<UUID> events = cycleByBox.entrySet().stream()
                .map(box -> publish(
                        EventType.BOX_CURATED,
                        memberId,
                        new BoxCurated(
                                box.getKey(),
                                memberId,
                                box.getValue(),
                                List.of(new BoxCurated.Item(
                                        UUID.randomUUID(),
                                        false,
                                        "Sea salt crisps",
                                        "Crunch & Co",
                                        "You like savoury snacks")),
                                OffsetDateTime.now(ZoneOffset.UTC),
                                null,
                                null,
                                null)))
                .toList();
        events.forEach(this::awaitApplied);
        await().atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> cycleByBox.keySet().stream().allMatch(box -> previewSentAt(box) != null));
    }

    /** When the box's preview was mailed, sending what is due first; null while it is not sent. */
    public OffsetDateTime previewSentAt(UUID boxId) {
        return previewSentAt(boxId, 0);
    }

    /**
     * When the preview of revision {@code revision} of the box's contents was mailed (0: as curated; n: after
     * box-service's n-th change), sending what is due first; null while it is not sent.
     */
    public OffsetDateTime previewSentAt(UUID boxId, int revision) {
        mailSender.sendDue();
        return QuarkusTransaction.requiringNew()
                .call(() -> notifications
                        .find(
                                revision == 0 ? Notification.Kind.BOX_PREVIEW : Notification.Kind.BOX_CHANGED,
                                revision == 0 ? boxId : BoxPreviews.revisionSource(boxId, revision))
                        .filter(n -> n.mailStatus == MailStatus.SENT)
                        .map(n -> n.mailSentAt)
                        .orElse(null));
    }

    /** Publishes the event and returns its id. */
    public UUID publish(EventType type, UUID memberId, Object payload) {
        return publish(Topics.BOX_EVENTS, "box-service", type, memberId, payload);
    }

    /** Publishes the event as {@code service} would on {@code topic} (keyed by member) and returns its id. */
    public UUID publish(String topic, String service, EventType type, UUID memberId, Object payload) {
        EventEnvelope envelope = codec.wrap(type, "/" + service, memberId.toString(), payload);
        send(topic, memberId, codec.write(envelope));
        return envelope.id();
    }

    /** {@link #publish(String, String, EventType, UUID, Object)} and waits until member-service applied it. */
    public UUID publishAndAwait(String topic, String service, EventType type, UUID memberId, Object payload) {
        UUID id = publish(topic, service, type, memberId, payload);
        awaitApplied(id);
        return id;
    }

    /** Publishes the event and waits until member-service applied it. */
    public UUID publishAndAwait(EventType type, UUID memberId, Object payload) {
        UUID id = publish(type, memberId, payload);
        awaitApplied(id);
        return id;
    }

    public void awaitApplied(UUID eventId) {
        await().atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(15))
                .until(() -> applied(eventId));
    }

    private boolean applied(UUID eventId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                                "select count(*) from processed_event where consumer = 'member-service' and event_id = ?1")
                                        .setParameter(1, eventId)
                                        .getSingleResult())
                                .longValue()
                        == 1);
    }

    private synchronized void send(String topic, UUID key, String value) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestInfrastructure.get().kafkaBootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key.toString(), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}

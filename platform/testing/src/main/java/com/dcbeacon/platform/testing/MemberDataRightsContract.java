package com.dcbeacon.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.MemberDataExportRequested;
import com.dcbeacon.platform.events.payload.MemberErasureRequested;
import com.dcbeacon.platform.events.payload.MemberRegistered;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every service holding member data answers export and erasure requests from member-service, proven with
 * real events on the broker: its part arrives on {@code member-data-rights} (which only member-service reads), after
 * an erasure its data is gone and confirmed, and an event about the member still in flight is dropped.
 */
public abstract class MemberDataRightsContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    protected EventCodec codec;

    /** e.g. {@code box-service}. */
    protected abstract String serviceName();

    /** Rows this service holds about the member. */
    protected abstract long memberDataCount(UUID memberId);

    @Test
    void shouldSendItsExportPartAndEraseOnRequest() {
        UUID member = UUID.randomUUID();
        send(EventType.MEMBER_REGISTERED, member, new MemberRegistered(member, "NL", OffsetDateTime.now()));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(count(member)).isPositive());

        UUID exportId = UUID.randomUUID();
        send(
                EventType.MEMBER_DATA_EXPORT_REQUESTED,
                member,
                new MemberDataExportRequested(member, exportId, OffsetDateTime.now()));
        var part = KafkaTestClient.await(
                        Topics.MEMBER_DATA_RIGHTS, r -> r.value().contains(exportId.toString()), TIMEOUT)
                .orElseThrow(() -> new AssertionError("no export part from " + serviceName()));
        assertThat(part.key()).isEqualTo(member.toString());
        assertThat(part.value())
                .contains("MemberDataExportPart")
                .contains(serviceName())
                .contains("NL");

        UUID erasureId = UUID.randomUUID();
        send(
                EventType.MEMBER_ERASURE_REQUESTED,
                member,
                new MemberErasureRequested(member, erasureId, OffsetDateTime.now()));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(count(member)).isZero());
        var confirmation = KafkaTestClient.await(
                        Topics.MEMBER_DATA_RIGHTS, r -> r.value().contains(erasureId.toString()), TIMEOUT)
                .orElseThrow(() -> new AssertionError("no erasure confirmation from " + serviceName()));
        assertThat(confirmation.value()).contains("MemberErasureConfirmed").contains(serviceName());

        // Erasure is final: a registration of the member still in flight (or replayed) re-creates nothing. A second
        // member's event on the same key (same partition, so applied after it) is the anchor that it was handled.
        UUID other = UUID.randomUUID();
        send(EventType.MEMBER_REGISTERED, member, new MemberRegistered(member, "NL", OffsetDateTime.now()));
        KafkaTestClient.send(
                Topics.MEMBER_EVENTS,
                member.toString(),
                codec.write(codec.wrap(
                        EventType.MEMBER_REGISTERED,
                        "/member-service",
                        other.toString(),
                        new MemberRegistered(other, "BE", OffsetDateTime.now()))));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(count(other)).isPositive());
        assertThat(count(member)).as("the erased member stays erased").isZero();
    }

    private void send(EventType type, UUID member, Object payload) {
        KafkaTestClient.send(
                Topics.MEMBER_EVENTS,
                member.toString(),
                codec.write(codec.wrap(type, "/member-service", member.toString(), payload)));
    }

    private long count(UUID member) {
        return QuarkusTransaction.requiringNew().call(() -> memberDataCount(member));
    }
}

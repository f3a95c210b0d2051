package com.dcbeacon.member.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.Members;
import com.dcbeacon.member.StoredMembers;
import com.dcbeacon.member.domain.LedgerEntry;
import com.dcbeacon.member.persistence.LedgerEntryRepository;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * One trace across the outbox: a request's trace id reaches the Kafka record (header and envelope) of the event it
 * published, and a consumed record's traceparent becomes the parent of the span that applies it.
 */
@QuarkusTest
@TestProfile(TraceAcrossOutboxTest.Sampled.class)
class TraceAcrossOutboxTest {

    public static class Sampled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.traces.sampler", "always_on");
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Inject
    StoredMembers members;

    @Inject
    BoxServiceEvents boxService;

    @Inject
    LedgerEntryRepository ledger;

    @Inject
    EventCodec codec;

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldCarryTheRequestsTraceIdToThePublishedRecord() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body(Members.signUpJson("traced-" + UUID.randomUUID() + "@example.com"))
                .post("/api/members")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        ConsumerRecord<String, String> record = KafkaTestClient.await(
                        Topics.MEMBER_EVENTS,
                        r -> id.equals(r.key())
                                && EventType.MEMBER_REGISTERED.typeName().equals(KafkaTestClient.header(r, "ce_type")),
                        Duration.ofSeconds(30))
                .orElseThrow();
        // The only sign-up request of this test run: its server span
        List<SpanData> signUps = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(s -> s.getKind() == SpanKind.SERVER
                                        && s.getName().equals("POST /api/members"))
                                .toList(),
                        l -> !l.isEmpty());
        assertThat(signUps).hasSize(1);
        SpanData server = signUps.get(0);

        String header = KafkaTestClient.header(record, "traceparent");
        assertThat(header).as("traceparent header").isNotNull();
        assertThat(traceId(header)).isEqualTo(server.getTraceId());
        assertThat(mapper.readTree(record.value()).path("traceparent").asText()).isEqualTo(header);
    }

    @Test
    void shouldApplyAConsumedEventInTheTraceOfItsTraceparentHeader() throws Exception {
        String traceId = newTraceId();
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        UUID memberId = UUID.randomUUID();
        String value = codec.write(boxShipped(memberId));

        SpanData applied = sendAndAwaitApplied(memberId, value, Map.of("traceparent", traceparent));

        assertThat(applied.getTraceId()).isEqualTo(traceId);
        // The connector's receive span continues the header; the handler's span is its child
        SpanData received = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getSpanId().equals(applied.getParentSpanId()))
                .findFirst()
                .orElseThrow();
        assertThat(received.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(received.getName()).isEqualTo(Topics.BOX_EVENTS + " receive");
        assertThat(received.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void shouldContinueTheEnvelopesTraceparentWhenTheRecordHasNoHeader() throws Exception {
        String traceId = newTraceId();
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        UUID memberId = UUID.randomUUID();
        String value = codec.write(boxShipped(memberId).withTraceContext(traceparent, null));

        SpanData applied = sendAndAwaitApplied(memberId, value, Map.of());

        assertThat(applied.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(applied.getTraceId()).isEqualTo(traceId);
        assertThat(applied.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    }

    private EventEnvelope boxShipped(UUID memberId) {
        UUID subscriptionId = members.subscribed(memberId, "classic");
        UUID box = UUID.randomUUID();
        String cycle = YearMonth.now(ZoneOffset.UTC).toString();
        boxService.previewed(memberId, box, cycle);
        return codec.wrap(
                EventType.BOX_SHIPPED,
                "/box-service",
                memberId.toString(),
                new BoxShipped(
                        box,
                        memberId,
                        cycle,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        subscriptionId,
                        "classic",
                        2499L,
                        "EUR"));
    }

    /** Sends the record, waits for its charge and returns the span that applied it. */
    private SpanData sendAndAwaitApplied(UUID memberId, String value, Map<String, String> headers) throws Exception {
        String eventId = mapper.readTree(value).path("id").asText();
        KafkaTestClient.sendAcknowledged(Topics.BOX_EVENTS, memberId.toString(), value, headers);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew()
                                .call(() ->
                                        ledger.count("memberId = ?1 and type = ?2", memberId, LedgerEntry.Type.CHARGE))
                        == 1);
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(s -> s.getName().endsWith("apply " + EventType.BOX_SHIPPED.typeName()))
                                .filter(s -> eventId.equals(
                                        s.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))))
                                .findFirst()
                                .orElse(null),
                        s -> s != null);
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String traceId(String traceparent) {
        return traceparent.split("-")[1];
    }
}

package com.dcbeacon.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.platform.events.payload.MemberRegistered;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void shouldAcceptAWellFormedEnvelope() {
        assertThat(EventSchemas.envelopeProblems(envelope())).isEmpty();
    }

    @Test
    void shouldLetConsumersReadAFieldANewerProducerAddedButNeverLetAProducerWriteOne() {
        ObjectNode extraField = envelope();
        ((ObjectNode) extraField.get("data")).put("loyaltyTier", "gold");
        assertThat(EventSchemas.envelopeProblems(extraField))
                .as("consumer side: tolerant")
                .isEmpty();
        assertThat(EventSchemas.payloadProblems(EventType.MEMBER_REGISTERED, extraField.get("data")))
                .as("producer side: strict")
                .isNotEmpty();
    }

    @Test
    void shouldAcceptCloudEventsExtensionAttributes() {
        ObjectNode traced = envelope();
        traced.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(EventSchemas.envelopeProblems(traced)).isEmpty();
        ObjectNode notAnExtension = envelope();
        notAnExtension.put("Trace-Parent", "x");
        assertThat(EventSchemas.envelopeProblems(notAnExtension))
                .as("extension names are lower-case letters and digits")
                .isNotEmpty();
    }

    @Test
    void shouldRejectPayloadsThatBreakTheContract() {
        ObjectNode wrongType = envelope();
        ((ObjectNode) wrongType.get("data")).put("registeredAt", 42);
        assertThat(EventSchemas.envelopeProblems(wrongType))
                .as("a known field with the wrong type")
                .isNotEmpty();

        ObjectNode badCountry = envelope();
        ((ObjectNode) badCountry.get("data")).put("country", "Germany");
        assertThat(EventSchemas.envelopeProblems(badCountry)).isNotEmpty();

        ObjectNode badId = envelope();
        badId.put("id", "not-a-uuid");
        assertThat(EventSchemas.envelopeProblems(badId)).isNotEmpty();
    }

    @Test
    void shouldRejectUnknownTypesAndVersions() {
        ObjectNode unknownType = envelope();
        unknownType.put("type", "MemberTeleported");
        assertThat(EventSchemas.envelopeProblems(unknownType)).containsExactly("unknown event type MemberTeleported");

        ObjectNode futureVersion = envelope();
        futureVersion.put("dataschema", "urn:dcbeacon:event:MemberRegistered:v9");
        assertThat(EventSchemas.envelopeProblems(futureVersion)).hasSize(1);
    }

    @Test
    void shouldHaveASchemaForEveryEventType() {
        for (EventType type : EventType.values()) {
            assertThat(EventType.class.getClassLoader().getResource(type.schemaResource()))
                    .as(type.schemaResource())
                    .isNotNull();
        }
    }

    private ObjectNode envelope() {
        UUID memberId = UUID.randomUUID();
        EventEnvelope envelope = EventEnvelope.of(
                EventType.MEMBER_REGISTERED,
                "/member-service",
                memberId.toString(),
                mapper.valueToTree(new MemberRegistered(memberId, "DE", OffsetDateTime.now())));
        return mapper.valueToTree(envelope);
    }
}

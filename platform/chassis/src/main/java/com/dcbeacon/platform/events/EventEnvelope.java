package com.dcbeacon.platform.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The JSON envelope of every event on Kafka, with CloudEvents 1.0 attribute names so standard
 * tooling can read it. {@code subject} is the aggregate id and also the Kafka record key.
 *
 * <p>{@code traceparent} and {@code tracestate} are the CloudEvents distributed tracing extension: the W3C trace
 * context of the code that published the event, absent when it ran outside any trace.
 *
 * <p>{@code sequence} is the CloudEvents sequence extension: the event's place among the events of its {@code subject}
 * on its topic from its {@code source}, a decimal string compared as a number (1, 2, 3, ... with no gaps, assigned by the
 * outbox in commit order). Consumers apply an aggregate's events in this order ({@link #sequenceNumber()}); events written
 * before it existed have none.
 */
public record EventEnvelope(
        String specversion,
        UUID id,
        String type,
        String source,
        String subject,
        OffsetDateTime time,
        String dataschema,
        String datacontenttype,
        JsonNode data,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceparent,
        @JsonInclude(JsonInclude.Include.NON_NULL) String tracestate,
        @JsonInclude(JsonInclude.Include.NON_NULL) String sequence) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public static EventEnvelope of(EventType type, String source, String subject, JsonNode data) {
        return new EventEnvelope(
                SPEC_VERSION,
                UUID.randomUUID(),
                type.typeName(),
                source,
                subject,
                OffsetDateTime.now(),
                type.schemaUri(),
                CONTENT_TYPE,
                data,
                null,
                null,
                null);
    }

    /** This envelope naming another schema version of its type (a producer writing an older version). */
    public EventEnvelope withDataschema(String dataschema) {
        return new EventEnvelope(
                specversion,
                id,
                type,
                source,
                subject,
                time,
                dataschema,
                datacontenttype,
                data,
                traceparent,
                tracestate,
                sequence);
    }

    /** This envelope with the given W3C trace context (either may be null). */
    public EventEnvelope withTraceContext(String traceparent, String tracestate) {
        return new EventEnvelope(
                specversion,
                id,
                type,
                source,
                subject,
                time,
                dataschema,
                datacontenttype,
                data,
                traceparent,
                tracestate,
                sequence);
    }

    /** This envelope as the {@code sequence}-th event of its subject on its topic (1 for the first). */
    public EventEnvelope withSequence(long sequence) {
        return new EventEnvelope(
                specversion,
                id,
                type,
                source,
                subject,
                time,
                dataschema,
                datacontenttype,
                data,
                traceparent,
                tracestate,
                Long.toString(sequence));
    }

    /** The sequence as a number; null when the event has none (written before sequences existed). */
    public Long sequenceNumber() {
        return sequence == null ? null : Long.valueOf(sequence);
    }
}

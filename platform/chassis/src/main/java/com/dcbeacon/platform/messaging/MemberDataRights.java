package com.dcbeacon.platform.messaging;

import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.MemberDataExportPart;
import com.dcbeacon.platform.events.payload.MemberDataExportRequested;
import com.dcbeacon.platform.events.payload.MemberErasureConfirmed;
import com.dcbeacon.platform.events.payload.MemberErasureRequested;
import com.dcbeacon.platform.outbox.Outbox;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The data-rights protocol every service that holds member data follows: answer an export request with
 * its part, and an erasure request with the erasure and a confirmation, both on {@code member-data-rights}
 * (which only member-service reads) and in the same transaction as the inbox record.
 */
@ApplicationScoped
public class MemberDataRights {

    private final InboundEvents events;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final String service;
    private final ErasedMembers erased;

    public MemberDataRights(
            InboundEvents events,
            Outbox outbox,
            ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.application.name") String service,
            ErasedMembers erased) {
        this.erased = erased;
        this.events = events;
        this.outbox = outbox;
        this.mapper = mapper;
        this.service = service;
    }

    public void exportRequested(EventEnvelope event, MemberDataHolder holder) {
        MemberDataExportRequested request = events.payload(event, MemberDataExportRequested.class);
        outbox.publish(
                EventType.MEMBER_DATA_EXPORT_PART,
                request.memberId().toString(),
                new MemberDataExportPart(
                        request.exportId(),
                        request.memberId(),
                        service,
                        mapper.valueToTree(holder.export(request.memberId()))));
    }

    public void erasureRequested(EventEnvelope event, MemberDataHolder holder) {
        MemberErasureRequested request = events.payload(event, MemberErasureRequested.class);
        holder.erase(request.memberId());
        erased.record(request.memberId()); // in-flight events about the member are dropped from now on
        outbox.publish(
                EventType.MEMBER_ERASURE_CONFIRMED,
                request.memberId().toString(),
                new MemberErasureConfirmed(
                        request.erasureId(), request.memberId(), service, OffsetDateTime.now(ZoneOffset.UTC)));
    }
}

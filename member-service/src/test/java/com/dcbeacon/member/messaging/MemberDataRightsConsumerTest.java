package com.dcbeacon.member.messaging;

import com.dcbeacon.member.StoredMembers;
import com.dcbeacon.member.domain.DataExports;
import com.dcbeacon.member.persistence.DataExportRepository;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.MemberDataExportPart;
import com.dcbeacon.platform.testing.ConsumerContract;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The member-data-rights channel: applied once, poison records dead-lettered, the partition kept moving. box-service's
 * part of an export the member requested is added to it; every service keys its part by member id.
 */
@QuarkusTest
class MemberDataRightsConsumerTest extends ConsumerContract {

    @Inject
    StoredMembers members;

    @Inject
    DataExports dataExports;

    @Inject
    DataExportRepository exports;

    @Inject
    ObjectMapper json;

    @Override
    protected String consumerName() {
        return BoxAndDataRightsEventsConsumer.CONSUMER;
    }

    @Override
    protected String sourceTopic() {
        return Topics.MEMBER_DATA_RIGHTS;
    }

    @Override
    protected EventEnvelope validEvent(UUID memberId) {
        members.store(memberId);
        UUID exportId = dataExports.requestExport(memberId).id;
        return codec.wrap(
                EventType.MEMBER_DATA_EXPORT_PART,
                "/box-service",
                memberId.toString(),
                new MemberDataExportPart(
                        exportId, memberId, "box-service", json.valueToTree(Map.of("boxes", List.of()))));
    }

    /** Parts the member's exports hold. */
    @Override
    protected long effectCount(UUID memberId) {
        return exports.list("memberId", memberId).stream()
                .mapToLong(e -> e.parts.size())
                .sum();
    }
}

package com.dcbeacon.member.messaging;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.StoredMembers;
import com.dcbeacon.member.domain.LedgerEntry;
import com.dcbeacon.member.persistence.LedgerEntryRepository;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.testing.ConsumerContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The box-events channel: applied once, poison records dead-lettered, the partition kept moving. A shipped box of a
 * subscribed member whose preview was mailed is charged; box-service keys it by member id.
 */
@QuarkusTest
class BoxEventsConsumerTest extends ConsumerContract {

    @Inject
    StoredMembers members;

    @Inject
    LedgerEntryRepository ledger;

    @Inject
    BoxServiceEvents boxService;

    @Override
    protected String consumerName() {
        return BoxAndDataRightsEventsConsumer.CONSUMER;
    }

    @Override
    protected String sourceTopic() {
        return Topics.BOX_EVENTS;
    }

    @Override
    protected EventEnvelope validEvent(UUID memberId) {
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

    /** Charges booked for the member: one per shipped box. */
    @Override
    protected long effectCount(UUID memberId) {
        return ledger.count("memberId = ?1 and type = ?2", memberId, LedgerEntry.Type.CHARGE);
    }
}

package com.dcbeacon.member.messaging;

import com.dcbeacon.member.domain.BoxNotices;
import com.dcbeacon.member.domain.BoxPreviews;
import com.dcbeacon.member.domain.DataErasures;
import com.dcbeacon.member.domain.DataExports;
import com.dcbeacon.member.domain.Gifts;
import com.dcbeacon.member.domain.Ledger;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.BoxContentsChanged;
import com.dcbeacon.platform.events.payload.BoxCurated;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.events.payload.BoxWithdrawn;
import com.dcbeacon.platform.events.payload.CreditGranted;
import com.dcbeacon.platform.events.payload.MemberDataExportPart;
import com.dcbeacon.platform.events.payload.MemberErasureConfirmed;
import com.dcbeacon.platform.events.payload.RecallNoticeIssued;
import com.dcbeacon.platform.messaging.EventConsumer;
import com.dcbeacon.platform.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What member-service learns from the other services: curated boxes and boxes whose contents box-service changed (the
 * member gets a preview of each), shipped boxes
 * (charges), credits, withdrawn boxes (the member
 * is told), export parts and erasure confirmations. Each event has its effect once, however often it arrives.
 */
@ApplicationScoped
public class BoxAndDataRightsEventsConsumer implements EventConsumer {

    static final String CONSUMER = "member-service";

    private final InboundEvents events;
    private final Map<EventType, Consumer<EventEnvelope>> handlers;

    public BoxAndDataRightsEventsConsumer(
            InboundEvents events,
            Ledger ledger,
            BoxNotices notices,
            BoxPreviews previews,
            DataExports exports,
            DataErasures erasures,
            Gifts gifts) {
        this.events = events;
        this.handlers = Map.of(
                EventType.BOX_CURATED,
                        e -> {
                            BoxCurated curated = events.payload(e, BoxCurated.class);
                            gifts.boxReported(curated.memberId(), curated.boxId(), curated.cycle(), true);
                            previews.curated(curated);
                        },
                EventType.BOX_CONTENTS_CHANGED,
                        e -> previews.contentsChanged(events.payload(e, BoxContentsChanged.class)),
                EventType.BOX_SHIPPED,
                        e -> {
                            BoxShipped shipped = events.payload(e, BoxShipped.class);
                            gifts.boxReported(shipped.memberId(), shipped.boxId(), shipped.cycle(), false);
                            ledger.charge(shipped);
                        },
                EventType.CREDIT_GRANTED, e -> ledger.credit(events.payload(e, CreditGranted.class)),
                EventType.BOX_WITHDRAWN,
                        e -> {
                            BoxWithdrawn withdrawn = events.payload(e, BoxWithdrawn.class);
                            gifts.boxReported(withdrawn.memberId(), withdrawn.boxId(), withdrawn.cycle(), false);
                            notices.withdrawn(withdrawn);
                        },
                EventType.RECALL_NOTICE_ISSUED, e -> notices.recalled(events.payload(e, RecallNoticeIssued.class)),
                EventType.MEMBER_DATA_EXPORT_PART,
                        e -> exports.addExportPart(events.payload(e, MemberDataExportPart.class)),
                EventType.MEMBER_ERASURE_CONFIRMED,
                        e -> erasures.confirmErasure(events.payload(e, MemberErasureConfirmed.class)));
    }

    @Override
    public Map<String, Handlers> handlersByTopic() {
        return EventConsumer.forTopics(CONSUMER, handlers, Topics.BOX_EVENTS, Topics.MEMBER_DATA_RIGHTS);
    }

    @Incoming("box-events")
    @Blocking(ordered = true)
    public void onBoxEvent(String value) {
        events.apply(CONSUMER, Topics.BOX_EVENTS, value, handlers);
    }

    /** Export parts and erasure confirmations from every service, on a topic only member-service reads. */
    @Incoming("member-data-rights")
    @Blocking(ordered = true)
    public void onDataRightsAnswer(String value) {
        events.apply(CONSUMER, Topics.MEMBER_DATA_RIGHTS, value, handlers);
    }
}

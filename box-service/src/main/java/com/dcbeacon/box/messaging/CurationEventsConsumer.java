package com.dcbeacon.box.messaging;

import com.dcbeacon.box.domain.BoxRemedies;
import com.dcbeacon.box.domain.CurationReplicas;
import com.dcbeacon.box.domain.ProductStatus;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.CampaignCreated;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.events.payload.ProductRated;
import com.dcbeacon.platform.events.payload.ProductRecalled;
import com.dcbeacon.platform.events.payload.ProductRetired;
import com.dcbeacon.platform.events.payload.ProductStockChanged;
import com.dcbeacon.platform.messaging.EventConsumer;
import com.dcbeacon.platform.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Taste profiles, the catalogue, campaigns and ratings, replicated for curation. */
@ApplicationScoped
public class CurationEventsConsumer implements EventConsumer {

    private final InboundEvents events;
    private final Map<EventType, Consumer<EventEnvelope>> handlers;

    public CurationEventsConsumer(InboundEvents events, CurationReplicas replicas, BoxRemedies remedies) {
        this.events = events;
        this.handlers = Map.of(
                EventType.MEMBER_PREFERENCES_CHANGED,
                        e -> replicas.preferencesChanged(events.payload(e, MemberPreferencesChanged.class)),
                EventType.PRODUCT_PUBLISHED,
                        e -> replicas.productPublishedOrUpdated(events.payload(e, ProductData.class)),
                EventType.PRODUCT_UPDATED,
                        e -> replicas.productPublishedOrUpdated(events.payload(e, ProductData.class)),
                EventType.PRODUCT_STOCK_CHANGED,
                        e -> {
                            ProductStockChanged changed = events.payload(e, ProductStockChanged.class);
                            replicas.stockChanged(changed.productId(), changed.stock(), changed.appliedDelta());
                        },
                EventType.PRODUCT_RETIRED,
                        e -> replicas.statusChanged(
                                events.payload(e, ProductRetired.class).productId(), ProductStatus.RETIRED),
                EventType.PRODUCT_RECALLED,
                        e -> {
                            ProductRecalled recall = events.payload(e, ProductRecalled.class);
                            remedies.recalling(recall.productId());
                            replicas.statusChanged(recall.productId(), ProductStatus.RECALLED);
                            remedies.recalled(recall.productId(), recall.reason());
                        },
                EventType.CAMPAIGN_CREATED, e -> replicas.campaignCreated(events.payload(e, CampaignCreated.class)),
                EventType.PRODUCT_RATED, e -> replicas.rated(events.payload(e, ProductRated.class)));
    }

    @Override
    public Map<String, Handlers> handlersByTopic() {
        return EventConsumer.forTopics(
                MemberEventsConsumer.CONSUMER,
                handlers,
                Topics.MEMBER_PREFERENCES,
                Topics.BRAND_EVENTS,
                Topics.FEEDBACK_EVENTS);
    }

    @Incoming("member-preferences")
    @Blocking(ordered = true)
    public void onMemberPreferences(String value) {
        events.apply(MemberEventsConsumer.CONSUMER, Topics.MEMBER_PREFERENCES, value, handlers);
    }

    @Incoming("brand-events")
    @Blocking(ordered = true)
    public void onBrandEvent(String value) {
        events.apply(MemberEventsConsumer.CONSUMER, Topics.BRAND_EVENTS, value, handlers);
    }

    @Incoming("feedback-events")
    @Blocking(ordered = true)
    public void onFeedbackEvent(String value) {
        events.apply(MemberEventsConsumer.CONSUMER, Topics.FEEDBACK_EVENTS, value, handlers);
    }
}

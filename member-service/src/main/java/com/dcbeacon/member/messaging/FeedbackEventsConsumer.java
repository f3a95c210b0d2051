package com.dcbeacon.member.messaging;

import com.dcbeacon.member.domain.AccountNotices;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.NpsSurveyInvited;
import com.dcbeacon.platform.messaging.EventConsumer;
import com.dcbeacon.platform.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What member-service learns from feedback-service: an invitation to the NPS survey, which the member is told of by
 * mail, once per invitation however often it arrives. Ratings on the same topic are none of its business.
 */
@ApplicationScoped
public class FeedbackEventsConsumer implements EventConsumer {

    private final InboundEvents events;
    private final Map<EventType, Consumer<EventEnvelope>> handlers;

    public FeedbackEventsConsumer(InboundEvents events, AccountNotices notices) {
        this.events = events;
        this.handlers = Map.of(
                EventType.NPS_SURVEY_INVITED, e -> notices.npsInvited(events.payload(e, NpsSurveyInvited.class)));
    }

    @Override
    public Map<String, Handlers> handlersByTopic() {
        return EventConsumer.forTopics(BoxAndDataRightsEventsConsumer.CONSUMER, handlers, Topics.FEEDBACK_EVENTS);
    }

    @Incoming("feedback-events")
    @Blocking(ordered = true)
    public void onFeedbackEvent(String value) {
        events.apply(BoxAndDataRightsEventsConsumer.CONSUMER, Topics.FEEDBACK_EVENTS, value, handlers);
    }
}

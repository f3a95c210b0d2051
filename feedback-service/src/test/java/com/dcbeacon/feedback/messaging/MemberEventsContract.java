package com.dcbeacon.feedback.messaging;

import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.ConsumerContract;

/** The consumer contract of the member-events consumer, once per event type it handles (subclasses). */
abstract class MemberEventsContract extends ConsumerContract {

    @Override
    protected String consumerName() {
        return MemberEventsConsumer.CONSUMER;
    }

    @Override
    protected String sourceTopic() {
        return Topics.MEMBER_EVENTS;
    }
}

package com.dcbeacon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's dead-letter topics, as its application.properties names them, are the ones the chassis replays from
 * ({@code Topics.deadLetter}) and the manifests and the local stack create: {@code <topic>.dlq.<service>}.
 */
class DeadLetterTopicsTest {

    static List<String> services() {
        return ServiceConfig.SERVICES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyChannelDeadLettersToTheTopicTheReplayReads(String service) {
        Properties config = ServiceConfig.properties(service);
        assertThat(config.getProperty("quarkus.application.name")).isEqualTo(service);
        assertThat(ServiceConfig.channels(config)).isNotEmpty();
        assertThat(ServiceConfig.deadLetterViolations(config)).isEmpty();
    }

    @Test
    void shouldFailOnAWronglyNamedOrMissingDeadLetterTopic() {
        Properties wrong = ServiceConfig.properties("member-service");
        wrong.setProperty("mp.messaging.incoming.box-events.dead-letter-queue.topic", "box-events.dlq.member");
        assertThat(ServiceConfig.deadLetterViolations(wrong))
                .singleElement()
                .asString()
                .contains("box-events.dlq.member-service");

        Properties missing = ServiceConfig.properties("member-service");
        missing.remove("mp.messaging.incoming.box-events.dead-letter-queue.topic");
        assertThat(ServiceConfig.deadLetterViolations(missing))
                .singleElement()
                .asString()
                .contains("names no dead-letter topic");
    }
}

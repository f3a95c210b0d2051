package com.dcbeacon.deploy;

import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Topics, consumers and producers as the services' configuration and the chassis's event catalogue state them, so the
 * manifests cannot drift from the code: nothing here is a copy of a topic name.
 */
final class ServiceConfig {

    static final List<String> SERVICES = List.of("member-service", "brand-service", "box-service", "feedback-service");

    private static final String INCOMING = "mp.messaging.incoming.";

    private ServiceConfig() {}

    /** One incoming channel of a service: the topic it reads, its consumer group and its dead-letter topic. */
    record Channel(String name, String topic, String group, String deadLetterTopic) {}

    /** Every topic: each event type's topic, and every topic and dead-letter topic the services consume. */
    static Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        Arrays.stream(EventType.values()).map(EventType::topic).forEach(topics::add);
        for (String service : SERVICES) {
            topics.addAll(consumedTopics(service));
            topics.addAll(deadLetterTopics(service));
        }
        return topics;
    }

    static Set<String> consumedTopics(String service) {
        Set<String> topics = new TreeSet<>();
        channels(properties(service)).forEach(c -> topics.add(c.topic()));
        return topics;
    }

    /** The service's own dead-letter topics, which it writes when an event fails for good and reads to replay it. */
    static Set<String> deadLetterTopics(String service) {
        Set<String> topics = new TreeSet<>();
        channels(properties(service)).stream()
                .map(Channel::deadLetterTopic)
                .filter(Objects::nonNull)
                .forEach(topics::add);
        return topics;
    }

    /** The consumer groups the service's channels join. */
    static Set<String> groups(String service) {
        Set<String> groups = new TreeSet<>();
        channels(properties(service)).forEach(c -> groups.add(c.group()));
        return groups;
    }

    /**
     * The topics a service publishes on (through its outbox): the topics of the chassis's event types ({@link
     * EventType#topic()}) that are named after it ({@code member-events} and {@code member-preferences} are
     * member-service's), and {@link Topics#MEMBER_DATA_RIGHTS}, which is named after its reader instead: every service
     * member-service asks for export parts and erasure confirmations ({@code dcbeacon.data-rights.*} in its
     * configuration) publishes on it.
     */
    static Set<String> producedTopics(String service) {
        Set<String> produced = new TreeSet<>();
        for (EventType type : EventType.values()) {
            boolean publishes = type.topic().equals(Topics.MEMBER_DATA_RIGHTS)
                    ? dataRightsServices().contains(service)
                    : owner(type.topic()).equals(service);
            if (publishes) {
                produced.add(type.topic());
            }
        }
        return produced;
    }

    private static String owner(String topic) {
        return SERVICES.stream()
                .filter(s -> topic.startsWith(s.substring(0, s.length() - "service".length())))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("topic " + topic + " is named after no service"));
    }

    /** The services member-service asks for their part of an export and for the erasure of a member. */
    private static Set<String> dataRightsServices() {
        Properties member = properties("member-service");
        Set<String> services = new TreeSet<>(list(member.getProperty("dcbeacon.data-rights.erasing-services", "")));
        list(member.getProperty("dcbeacon.data-rights.export-sections", "")).forEach(s -> services.add(s + "-service"));
        return services;
    }

    /**
     * What is wrong with a service's dead-letter topics: each incoming channel must name one, and it must be {@code
     * <topic>.dlq.<quarkus.application.name>}, the topic the chassis's dead-letter replay reads ({@link
     * Topics#deadLetter}).
     */
    static List<String> deadLetterViolations(Properties config) {
        String service = config.getProperty("quarkus.application.name");
        List<String> violations = new ArrayList<>();
        for (Channel channel : channels(config)) {
            String expected = Topics.deadLetter(channel.topic(), service);
            if (channel.deadLetterTopic() == null) {
                violations.add(
                        service + ": channel " + channel.name() + " names no dead-letter topic; expected " + expected);
            } else if (!channel.deadLetterTopic().equals(expected)) {
                violations.add(service + ": channel " + channel.name() + " dead-letters to " + channel.deadLetterTopic()
                        + ", but the replay reads " + expected);
            }
        }
        return violations;
    }

    /** The incoming channels a configuration declares (each has a {@code connector}). */
    static List<Channel> channels(Properties config) {
        List<Channel> channels = new ArrayList<>();
        for (String key : new TreeSet<>(config.stringPropertyNames())) {
            if (key.startsWith(INCOMING) && key.endsWith(".connector")) {
                String name = key.substring(INCOMING.length(), key.length() - ".connector".length());
                String prefix = INCOMING + name + ".";
                channels.add(new Channel(
                        name,
                        config.getProperty(prefix + "topic", name),
                        // Quarkus's default group id is the application name
                        config.getProperty(prefix + "group.id", config.getProperty("quarkus.application.name")),
                        config.getProperty(prefix + "dead-letter-queue.topic")));
            }
        }
        return channels;
    }

    static Properties properties(String service) {
        return load(PolicyCheck.REPO.resolve(service).resolve("src/main/resources/application.properties"));
    }

    static Properties load(Path file) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}

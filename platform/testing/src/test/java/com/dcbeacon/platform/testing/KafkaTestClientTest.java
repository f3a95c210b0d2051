package com.dcbeacon.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.platform.kafka.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a topic to its end offsets (every acknowledged record, no quiet window), and awaiting a record. */
class KafkaTestClientTest {

    @Test
    void readsEveryAcknowledgedRecordOfEveryPartitionInOffsetOrder(@TempDir Path directory) throws Exception {
        try (KafkaBroker broker = KafkaBroker.in(directory, KafkaBroker.freePort())) {
            broker.start(Duration.ofSeconds(60));
            String servers = broker.bootstrapServers();
            createTopic(servers, "three-partitions", 3);
            createTopic(servers, "empty", 2);

            List<RecordMetadata> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                sent.add(KafkaTestClient.sendAcknowledged(
                        servers, "three-partitions", "key-" + i % 7, "v" + i, Map.of()));
            }
            assertThat(sent)
                    .extracting(RecordMetadata::partition)
                    .as("spread over partitions")
                    .contains(0, 1, 2);

            List<ConsumerRecord<String, String>> read = KafkaTestClient.readAll(servers, "three-partitions");
            assertThat(read)
                    .extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, 30).mapToObj(i -> "v" + i).toList());
            for (int partition = 0; partition < 3; partition++) {
                int p = partition;
                List<Long> offsets = read.stream()
                        .filter(r -> r.partition() == p)
                        .map(ConsumerRecord::offset)
                        .toList();
                assertThat(offsets)
                        .as("partition %d in offset order", p)
                        .isSortedAccordingTo(Comparator.naturalOrder());
            }

            KafkaTestClient.sendAcknowledged(servers, "three-partitions", "key-late", "late", Map.of());
            assertThat(KafkaTestClient.readAll(servers, "three-partitions"))
                    .as("read again, the record sent since")
                    .hasSize(31)
                    .extracting(ConsumerRecord::value)
                    .contains("late");
            assertThat(KafkaTestClient.readAll(servers, "empty")).isEmpty();
            assertThat(KafkaTestClient.readAll(servers, "absent"))
                    .as("a topic that is not there")
                    .isEmpty();
            assertThat(topics(servers))
                    .as("reading did not create it")
                    .contains("empty")
                    .doesNotContain("absent");
        }
    }

    @Test
    void awaitsATopicCreatedMeanwhileAndTheRecordThatMatches(@TempDir Path directory) throws Exception {
        try (KafkaBroker broker = KafkaBroker.in(directory, KafkaBroker.freePort())) {
            broker.start(Duration.ofSeconds(60));
            String servers = broker.bootstrapServers();
            CompletableFuture<Optional<ConsumerRecord<String, String>>> found =
                    CompletableFuture.supplyAsync(() -> KafkaTestClient.await(
                            servers, "appears-later", r -> "wanted".equals(r.value()), Duration.ofSeconds(60)));

            createTopic(servers, "appears-later", 2);
            KafkaTestClient.sendAcknowledged(servers, "appears-later", "k", "other", Map.of());
            KafkaTestClient.sendAcknowledged(servers, "appears-later", "k", "wanted", Map.of());

            assertThat(found.get(90, TimeUnit.SECONDS))
                    .as("the matching record, found once the topic was created")
                    .hasValueSatisfying(r -> assertThat(r.key()).isEqualTo("k"));
            assertThat(KafkaTestClient.await(
                            servers, "appears-later", r -> "other".equals(r.value()), Duration.ofSeconds(10)))
                    .as("another record of it found likewise")
                    .isPresent();
            assertThat(KafkaTestClient.await(
                            servers, "appears-later", r -> "never".equals(r.value()), Duration.ofSeconds(2)))
                    .as("none matches: empty once the timeout passed")
                    .isEmpty();
        }
    }

    private static java.util.Set<String> topics(String servers) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        try (Admin admin = Admin.create(props)) {
            return admin.listTopics().names().get();
        }
    }

    private static void createTopic(String servers, String name, int partitions) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get();
        }
    }
}

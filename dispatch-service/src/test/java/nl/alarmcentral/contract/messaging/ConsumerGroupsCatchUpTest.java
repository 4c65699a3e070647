package nl.alarmcentral.contract.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import nl.alarmcentral.infra.test.SharedTestInfra;

/**
 * {@link ConsumerGroups#allCaughtUp()} against a real broker: a service that starts with events
 * waiting for its group is ready only once its group has committed past everything that waited at
 * its previous progress look (so also past events written while it worked off its backlog), and
 * events written after that do not take it back (a backlog later is a delay, reported as one, not a reason
 * to leave the load balancer). In dispatch-service, whose readiness depends on it and whose tests
 * have a real Kafka; in ConsumerGroups' package for its progress look. A plain JUnit test: no
 * Quarkus start is needed.
 */
class ConsumerGroupsCatchUpTest {

    private static final int PARTITIONS = 3;

    @Test
    void caughtUpOnlyOnceWhatWaitedAtTheStartIsCommittedAndThenForGood() throws Exception {
        String bootstrap = SharedTestInfra.kafka().bootstrapServers();
        String topic = "catch-up-" + UUID.randomUUID();
        String group = "catch-up-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(10, TimeUnit.SECONDS);
            // The group was here before the restart: it had committed up to the start of each partition.
            commit(admin, group, topic, Map.of(0, 0L, 1, 0L, 2, 0L));
            Map<Integer, Long> ends = send(bootstrap, topic, 6);

            ConsumerGroups groups = new ConsumerGroups(config(bootstrap, topic, group), TestMessagingConfig.SHORT,
                    new SimpleMeterRegistry(), null);
            groups.checkProgress();
            assertThat(groups.allCaughtUp()).as("not assigned yet: nothing is known of its start").isFalse();

            groups.onPartitionsAssigned(TestConsumers.of(group), List.of());
            groups.checkProgress();
            assertThat(groups.allCaughtUp()).as("six events wait from before its start").isFalse();

            Map<Integer, Long> almost = new HashMap<>(ends);
            almost.put(0, 0L);
            commit(admin, group, topic, almost);
            groups.checkProgress();
            assertThat(groups.allCaughtUp()).as("one partition still behind").isFalse();

            Map<Integer, Long> newer = send(bootstrap, topic, 3);
            groups.checkProgress();
            commit(admin, group, topic, ends);
            groups.checkProgress();
            assertThat(groups.allCaughtUp()).as("past the start's events, but three that came meanwhile wait").isFalse();

            send(bootstrap, topic, 3);
            commit(admin, group, topic, newer);
            groups.checkProgress();
            assertThat(groups.allCaughtUp()).as("everything of the last look is done; three newer events wait").isTrue();

            send(bootstrap, topic, 3);
            groups.checkProgress();
            assertThat(groups.allCaughtUp()).as("a later backlog does not take it back").isTrue();
        }
    }

    @Test
    void withoutABrokerNothingCanWait() {
        ConsumerGroups groups = new ConsumerGroups(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(
                Map.of("mp.messaging.incoming.alarm-events.group.id", "in-memory",
                        "mp.messaging.incoming.alarm-events.consumer-rebalance-listener.name", ConsumerGroups.LISTENER),
                "test", 100)).build(), TestMessagingConfig.SHORT, new SimpleMeterRegistry(), null);
        assertThat(groups.allCaughtUp()).isTrue();
    }

    private static void commit(Admin admin, String group, String topic, Map<Integer, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> at = new HashMap<>();
        offsets.forEach((partition, offset) -> at.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, at).all().get(10, TimeUnit.SECONDS);
    }

    /** Sends {@code count} events, two per partition and so on; returns each partition's end after. */
    private static Map<Integer, Long> send(String bootstrap, String topic, int count) throws Exception {
        Map<Integer, Long> ends = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                int partition = i % PARTITIONS;
                long offset = producer.send(new ProducerRecord<>(topic, partition, "key", "event")).get(10, TimeUnit.SECONDS).offset();
                ends.merge(partition, offset + 1, Math::max);
            }
        }
        return ends;
    }

    private static org.eclipse.microprofile.config.Config config(String bootstrap, String topic, String group) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "mp.messaging.incoming.alarm-events.topic", topic,
                "mp.messaging.incoming.alarm-events.group.id", group,
                "mp.messaging.incoming.alarm-events.consumer-rebalance-listener.name", ConsumerGroups.LISTENER),
                "test", 100)).build();
    }
}

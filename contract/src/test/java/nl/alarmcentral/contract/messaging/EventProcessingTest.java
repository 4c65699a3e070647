package nl.alarmcentral.contract.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import nl.alarmcentral.contract.messaging.EventProcessing.Patience;

/**
 * When a consumer keeps at an event and when it gives up, and what its consumer group's state says
 * meanwhile. Back-offs are shortened; the rules are the production ones.
 */
class EventProcessingTest {

    private static final Map<String, String> CHANNELS = Map.of(
            "mp.messaging.incoming.alarm-events.topic", "alarm.events",
            "mp.messaging.incoming.alarm-events.group.id", "dispatch-service",
            "mp.messaging.incoming.alarm-events.concurrency", "3",
            "mp.messaging.incoming.alarm-events.consumer-rebalance-listener.name", ConsumerGroups.LISTENER,
            "mp.messaging.incoming.other.group.id", "not-watched");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConsumerGroups groups = new ConsumerGroups(config(CHANNELS), CONFIG, meters, null);
    private final EventProcessing processing = new EventProcessing(CONFIG, groups);

    @Test
    void aPassingFailureIsWaitedOutAndTheEventCountsAsDelayedMeanwhile() {
        AtomicInteger attempts = new AtomicInteger();
        List<ConsumerGroups.JobState> during = new java.util.ArrayList<>();
        String result = processing.untilDone(event(), () -> {
            if (attempts.incrementAndGet() <= 5) {
                during.add(groups.state("dispatch-service").orElseThrow());
                return Uni.createFrom().failure(new ConnectException("database away"));
            }
            return Uni.createFrom().item("recorded");
        }, Patience.UNTIL_GIVEN_UP).await().atMost(Duration.ofSeconds(5));

        assertThat(result).isEqualTo("recorded");
        assertThat(attempts).hasValue(6);
        // From the second attempt on, the event is known to wait; the gauge counts it.
        assertThat(during.subList(1, during.size())).allSatisfy(state -> {
            assertThat(state.isDelayed()).isTrue();
            assertThat(state.waiting()).isEqualTo(1);
        });
        ConsumerGroups.JobState after = groups.state("dispatch-service").orElseThrow();
        assertThat(after.isDelayed()).isFalse();
        assertThat(after.waiting()).isZero();
        assertThat(meters.get("alarmcentral.events.waiting").tag("topic", "alarm.events").gauge().value()).isZero();
    }

    @Test
    void aPassingFailureOutlastsTheGiveUpTime() {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        String result = processing.untilDone(event(), () -> Duration.ofNanos(System.nanoTime() - start)
                .compareTo(CONFIG.giveUpAfter().multipliedBy(3)) < 0
                        ? Uni.createFrom().failure(new RuntimeException(new ConnectException("still away")))
                        : Uni.createFrom().item("recorded"), Patience.UNTIL_GIVEN_UP)
                .invoke(attempts::incrementAndGet).await().atMost(Duration.ofSeconds(5));
        assertThat(result).isEqualTo("recorded");
    }

    @Test
    void anUnprocessableEventFailsAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> processing.untilDone(event(), () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new UnprocessableEventException("unknown type"));
        }, Patience.UNTIL_GIVEN_UP).await().atMost(Duration.ofSeconds(5))).isInstanceOf(UnprocessableEventException.class);
        assertThat(attempts).hasValue(1);
        assertThat(groups.state("dispatch-service").orElseThrow().isDelayed()).isFalse();
    }

    @Test
    void anotherFailureIsRetriedForAWhileThenHandedBack() {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        assertThatThrownBy(() -> processing.untilDone(event(), () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("a bug"));
        }, Patience.UNTIL_GIVEN_UP).await().atMost(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(CONFIG.giveUpAfter());
        assertThat(attempts.get()).isGreaterThan(1);
        assertThat(groups.state("dispatch-service").orElseThrow().isDelayed()).isFalse();
    }

    @Test
    void anErasureIsNeverGivenUpOn() {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        String result = processing.untilDone(event(), () -> {
            attempts.incrementAndGet();
            return Duration.ofNanos(System.nanoTime() - start).compareTo(CONFIG.giveUpAfter().multipliedBy(3)) < 0
                    ? Uni.createFrom().failure(new IllegalStateException("a bug, fixed later"))
                    : Uni.createFrom().item("erased");
        }, Patience.FOREVER).await().atMost(Duration.ofSeconds(5));
        assertThat(result).isEqualTo("erased");
        assertThat(attempts.get()).isGreaterThan(3);
    }

    @Test
    void aServiceIsAssignedOnlyWhenEachConsumerOfEachJobHasHadItsFirstAssignment() {
        assertThat(groups.jobs()).extracting(ConsumerGroups.Job::channel).containsExactly("alarm-events");
        assertThat(groups.allAssigned()).isFalse();
        groups.onPartitionsAssigned(TestConsumers.of("dispatch-service"), List.of());
        groups.onPartitionsAssigned(TestConsumers.of("dispatch-service"), List.of());
        // The same consumer twice is still one.
        Consumer<?, ?> third = TestConsumers.of("dispatch-service");
        groups.onPartitionsAssigned(third, List.of());
        groups.onPartitionsAssigned(third, List.of());
        assertThat(groups.allAssigned()).isTrue();
        assertThat(groups.state("dispatch-service").orElseThrow().assigned()).isEqualTo(3);
    }

    @Test
    void twoJobsMayNotShareAConsumerGroup() {
        Map<String, String> shared = new java.util.HashMap<>(CHANNELS);
        shared.put("mp.messaging.incoming.worker-registrations.group.id", "dispatch-service");
        shared.put("mp.messaging.incoming.worker-registrations.consumer-rebalance-listener.name", ConsumerGroups.LISTENER);
        assertThatThrownBy(() -> new ConsumerGroups(config(shared), CONFIG, meters, null))
                .hasMessageContaining("share group dispatch-service");
    }

    private static Message<String> event() {
        return Message.of("{}").addMetadata(new IncomingKafkaRecordMetadata<>(
                new ConsumerRecord<>("alarm.events", 1, 42L, "worker", "{}"), "alarm-events$2"));
    }

    /** A consumer that only knows its group (all the listener asks of it). */
    private static org.eclipse.microprofile.config.Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }

    private static final MessagingConfig CONFIG = TestMessagingConfig.SHORT;
}

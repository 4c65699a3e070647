package nl.alarmcentral.alarm.service;

import static nl.alarmcentral.alarm.PinsAndTimersSupport.column;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.eventsOf;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import nl.alarmcentral.alarm.messaging.AlarmEventPublisher;
import nl.alarmcentral.alarm.messaging.OutgoingEvent;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * The expiry check's guarantees, with the real database and broker: timers that ran out while
 * the service was down fire once after a start, checks running side by side (as on two instances)
 * still fire each timer once, and a timer that runs out while the broker is away is a durable alarm
 * that the relay publishes once the broker is back.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class TimerExpiryJobTest {

    @Inject
    TimerExpiryJob job;

    @Inject
    Vertx vertx;

    @Inject
    AlarmEventPublisher publisher;

    @Test
    void timersThatRanOutWhileTheServiceWasDownFireOnce() {
        TestTokens.Subject worker = TestTokens.newWorker();
        List<UUID> timers = insertDueTimers(worker, 3, "3 hours");

        await().atMost(Duration.ofSeconds(15)).until(() -> missed(worker) == 3);

        assertOneMissedCheckInPerTimer(worker, timers);
    }

    @Test
    void checksRunningSideBySideFireEachTimerOnce() throws Exception {
        TestTokens.Subject worker = TestTokens.newWorker();
        List<UUID> timers = insertDueTimers(worker, 12, "1 minute");

        // Two checks at once, each on its own Vert.x context with its own session and transaction,
        // as two instances would run them (the scheduled check may join in as a third).
        CompletableFuture<Integer> first = checkOnNewContext();
        CompletableFuture<Integer> second = checkOnNewContext();
        int fired = first.get(30, TimeUnit.SECONDS) + second.get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(15)).until(() -> missed(worker) == timers.size());
        assertThat(fired).isLessThanOrEqualTo(timers.size());
        assertOneMissedCheckInPerTimer(worker, timers);
    }

    @Test
    void aTimerThatRunsOutWhileTheBrokerIsAwayBecomesADurableAlarmThatTheRelayPublishesOnce() throws Exception {
        AlarmEventPublisher real = ClientProxy.unwrap(publisher);
        QuarkusMock.installMockForType(new BrokerDown(), AlarmEventPublisher.class);
        TestTokens.Subject worker = TestTokens.newWorker();
        List<UUID> timers = insertDueTimers(worker, 1, "10 minutes");
        String alarmId = AlarmIds.of(worker.id(), timers.get(0)).toString();
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> missed(worker) == 1);
            assertThat(column("SELECT alarm_id FROM alarm WHERE alarm_id = ?::uuid AND published_at IS NULL", alarmId))
                    .as("the alarm is durable in the database, waiting for the broker").containsExactly(alarmId);
            assertThat(eventsOf(worker, Duration.ofSeconds(2))).isEmpty();
        } finally {
            QuarkusMock.installMockForType(real, AlarmEventPublisher.class);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> column(
                "SELECT alarm_id FROM alarm WHERE alarm_id = ?::uuid AND published_at IS NOT NULL", alarmId).size() == 1);
        assertOneMissedCheckInPerTimer(worker, timers);
    }

    /** A publisher whose broker does not answer. */
    static class BrokerDown extends AlarmEventPublisher {
        BrokerDown() {
            super(null);
        }

        @Override
        public Uni<Void> send(OutgoingEvent event) {
            return Uni.createFrom().failure(new IllegalStateException("broker down (test)"));
        }
    }

    private CompletableFuture<Integer> checkOnNewContext() {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> job.fireDue().subscribe().with(result::complete, result::completeExceptionally));
        return result;
    }

    private static List<UUID> insertDueTimers(TestTokens.Subject worker, int count, String ago) {
        List<UUID> timers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            timers.add(UUID.randomUUID());
        }
        String values = timers.stream().map(id -> "('" + id + "'::uuid, ?, now() - interval '1 day', "
                + "now() - interval '" + ago + "', 0, 'ACTIVE')").collect(Collectors.joining(", "));
        Object[] workers = timers.stream().map(id -> worker.id()).toArray();
        sql("INSERT INTO safety_timer (timer_id, worker_id, started_at, expected_end, grace_minutes, state) VALUES "
                + values, workers);
        return timers;
    }

    private static int missed(TestTokens.Subject worker) {
        return column("SELECT timer_id FROM safety_timer WHERE worker_id = ? AND state = 'MISSED'", worker.id()).size();
    }

    private static void assertOneMissedCheckInPerTimer(TestTokens.Subject worker, List<UUID> timers) {
        List<ConsumerRecord<String, String>> events = eventsOf(worker, Duration.ofSeconds(3));
        assertThat(events).allSatisfy(e -> assertThat(KafkaTopics.header(e, "ce_type")).isEqualTo(EventTypes.CHECKIN_MISSED));
        Set<String> expected = timers.stream().map(t -> AlarmIds.of(worker.id(), t).toString()).collect(Collectors.toSet());
        List<String> ids = events.stream().map(e -> KafkaTopics.header(e, "ce_id")).toList();
        assertThat(ids).hasSize(timers.size()).containsExactlyInAnyOrderElementsOf(expected);
    }
}

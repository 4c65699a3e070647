package nl.alarmcentral.alarm.service;

import static nl.alarmcentral.alarm.DeviceTestSupport.bindNewDevice;
import static nl.alarmcentral.alarm.DeviceTestSupport.event;
import static nl.alarmcentral.alarm.DeviceTestSupport.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.alarm.DeviceTestSupport;
import nl.alarmcentral.alarm.DeviceTestSupport.TestDevice;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class HeartbeatServiceTest {

    /** The offline check runs every second in tests; a second warning would show within this. */
    private static final Duration SEVERAL_CHECKS = Duration.ofSeconds(4);

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    Scheduler scheduler;

    @Inject
    HeartbeatService heartbeats;

    @Test
    void aSilentDeviceIsReportedOfflineOnceUntilItIsHeardFromAgain() throws Exception {
        // Interval 1 s, grace factor 2: offline 2 s after binding, since it was never heard from.
        TestDevice device = bindNewDevice(1, Instant.now());

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> !offline(device, Duration.ofMillis(300)).isEmpty());
        List<ConsumerRecord<String, String>> warnings = offline(device, SEVERAL_CHECKS);
        assertThat(warnings).hasSize(1);
        ConsumerRecord<String, String> warning = warnings.get(0);
        JsonNode payload = json.readTree(warning.value());
        assertThat(payload.get("eventId").asText()).isEqualTo(KafkaTopics.header(warning, "ce_id"));
        assertThat(payload.get("deviceId").asText()).isEqualTo(device.deviceId());
        assertThat(payload.get("workerId").asText()).isEqualTo(device.workerId());
        assertThat(payload.get("occurredAt").asText()).isNotBlank();
        assertThat(events(device.workerId(), EventTypes.ALARM_RAISED, Duration.ofMillis(300))).as("a warning, not an alarm")
                .isEmpty();

        // Heard from again: it may go offline again later, with a new warning.
        device.send(event("HEARTBEAT", UUID.randomUUID())).statusCode(204);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> offline(device, Duration.ofMillis(300)).size() == 2);
        List<ConsumerRecord<String, String>> again = offline(device, SEVERAL_CHECKS);
        assertThat(again).hasSize(2);
        // A new silence (counted from the heartbeat, not from the binding) has a new warning id.
        assertThat(KafkaTopics.header(again.get(1), "ce_id")).isNotEqualTo(KafkaTopics.header(again.get(0), "ce_id"));
    }

    @Test
    void twoInstancesCheckingAtOnceReportADeviceOnce() throws Exception {
        scheduler.pause(HeartbeatScheduler.OFFLINE_CHECK);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // Bound an hour ago and never heard from: due at once.
            TestDevice device = bindNewDevice(1, Instant.now().minusSeconds(3600));
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Integer> first = pool.submit(() -> {
                start.await();
                return DeviceTestSupport.await(heartbeats::notifyOfflineDevices);
            });
            Future<Integer> second = pool.submit(() -> {
                start.await();
                return DeviceTestSupport.await(heartbeats::notifyOfflineDevices);
            });
            first.get(20, TimeUnit.SECONDS);
            second.get(20, TimeUnit.SECONDS);

            // The scheduled check is paused: the one warning came from one of these two runs.
            assertThat(offline(device, SEVERAL_CHECKS)).hasSize(1);
        } finally {
            pool.shutdownNow();
            scheduler.resume(HeartbeatScheduler.OFFLINE_CHECK);
        }
    }

    private static List<ConsumerRecord<String, String>> offline(TestDevice device, Duration within) {
        return events(device.workerId(), EventTypes.DEVICE_OFFLINE, within);
    }
}

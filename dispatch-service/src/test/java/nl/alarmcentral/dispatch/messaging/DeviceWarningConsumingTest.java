package nl.alarmcentral.dispatch.messaging;

import static nl.alarmcentral.dispatch.Incidents.awaitWithAlarm;
import static nl.alarmcentral.dispatch.Incidents.entries;
import static nl.alarmcentral.dispatch.Incidents.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.dispatch.AlarmEvents;
import nl.alarmcentral.dispatch.DispatchDatabase;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;

/** Device warnings: on the timeline of her active incident, kept otherwise, never an incident of their own. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class DeviceWarningConsumingTest {

    @Inject
    DispatchDatabase database;

    @Test
    void aWarningJoinsTheActiveIncidentsTimeline() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        AlarmEvents.raised(alarmId, worker, "PANIC");
        Map<String, Object> before = awaitWithAlarm(alarmId, "NONE");
        String device = "btn-" + UUID.randomUUID();

        AlarmEvents.deviceWarning(EventTypes.DEVICE_OFFLINE, UUID.randomUUID(), device, worker);
        AlarmEvents.deviceWarning(EventTypes.DEVICE_BATTERY_LOW, UUID.randomUUID(), device, worker);

        Map<String, Object> incident = awaitWithAlarm(alarmId, i -> ((List<?>) i.get("timeline")).size() == 3);
        assertThat(path(incident, "timeline.type")).isEqualTo(List.of("ALARM", "DEVICE_OFFLINE", "DEVICE_BATTERY_LOW"));
        assertThat(entries(incident, "DEVICE_OFFLINE").get(0)).satisfies(entry -> {
            assertThat(entry.get("deviceId")).isEqualTo(device);
            assertThat(entry.get("alarmId")).isNull();
            assertThat(entry.get("kind")).isNull();
        });
        // A warning is not an alarm: the incident is otherwise unchanged.
        assertThat(incident.get("priority")).isEqualTo("ALARM");
        assertThat(incident.get("lastAlarmAt")).isEqualTo(before.get("lastAlarmAt"));
        assertThat((List<?>) incident.get("alarms")).hasSize(1);
    }

    @Test
    void aWarningWithoutAnIncidentIsKeptAndOpensNone() {
        String worker = UUID.randomUUID().toString();
        String device = "btn-" + UUID.randomUUID();

        AlarmEvents.deviceWarning(EventTypes.DEVICE_OFFLINE, UUID.randomUUID(), device, worker);
        AlarmEvents.deviceWarning(EventTypes.DEVICE_BATTERY_LOW, UUID.randomUUID(), device, worker);

        await().atMost(Duration.ofSeconds(15)).until(() -> database.count(
                "select count(*) from device_warning where worker_id = $1 and incident_id is null", worker) == 2);
        assertThat(database.count("select count(*) from device_warning where device_id = $1 and type = 'OFFLINE'", device))
                .isEqualTo(1);
        assertThat(database.count("select count(*) from incident where worker_id = $1", worker)).isZero();
    }

    @Test
    void aRedeliveredWarningChangesNothing() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        UUID warning = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        String device = "btn-" + UUID.randomUUID();
        AlarmEvents.deviceWarning(EventTypes.DEVICE_OFFLINE, kept, device, worker);
        AlarmEvents.deviceWarning(EventTypes.DEVICE_OFFLINE, kept, device, worker);
        AlarmEvents.raised(alarmId, worker, "PANIC");
        AlarmEvents.deviceWarning(EventTypes.DEVICE_BATTERY_LOW, warning, device, worker);
        AlarmEvents.deviceWarning(EventTypes.DEVICE_BATTERY_LOW, warning, device, worker);
        UUID later = UUID.randomUUID();
        AlarmEvents.raised(later, worker, "PANIC");

        Map<String, Object> incident = awaitWithAlarm(later, "NONE");

        assertThat(path(incident, "timeline.type")).isEqualTo(List.of("ALARM", "DEVICE_BATTERY_LOW", "ALARM"));
        assertThat(database.count("select count(*) from device_warning where worker_id = $1", worker)).isEqualTo(2);
    }
}

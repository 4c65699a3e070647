package nl.alarmcentral.dispatch.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import nl.alarmcentral.dispatch.Incidents;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;

/** Cancel and duress PIN entries: a cancel marks, a duress always wins and is never lost. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class PinEntryConsumingTest {

    @Inject
    DispatchDatabase database;

    @Test
    void aCancelMarksTheIncidentWhichStaysOpen() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        AlarmEvents.raised(alarmId, worker, "PANIC");
        awaitWithAlarm(alarmId, "NONE");

        AlarmEvents.cancelled(UUID.randomUUID(), alarmId, worker);

        Map<String, Object> incident = awaitWithAlarm(alarmId, i -> !entries(i, "CANCELLED").isEmpty());
        assertThat(incident.get("status")).isEqualTo("OPEN");
        assertThat(incident.get("cancelledByWorker")).isEqualTo(true);
        assertThat(incident.get("cancelledAt")).isEqualTo(entries(incident, "CANCELLED").get(0).get("at"));
        assertThat(incident.get("duress")).isEqualTo(false);
        assertThat(incident.get("priority")).isEqualTo("ALARM");
        assertThat(path(incident, "timeline.type")).isEqualTo(List.of("ALARM", "CANCELLED"));
        assertThat(entries(incident, "CANCELLED").get(0).get("alarmId")).isEqualTo(alarmId.toString());
    }

    @Test
    void aLaterAlarmIsNotCoveredByAnEarlierCancel() {
        String worker = UUID.randomUUID().toString();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        AlarmEvents.raised(first, worker, "PANIC");
        AlarmEvents.cancelled(UUID.randomUUID(), first, worker);
        awaitWithAlarm(first, i -> Boolean.TRUE.equals(i.get("cancelledByWorker")));

        AlarmEvents.raised(second, worker, "PANIC");

        Map<String, Object> incident = awaitWithAlarm(second, "NONE");
        assertThat(incident.get("cancelledByWorker")).isEqualTo(false);
        assertThat(incident.get("cancelledAt")).isNull();
        assertThat(path(incident, "timeline.type")).isEqualTo(List.of("ALARM", "CANCELLED", "ALARM"));

        AlarmEvents.cancelled(UUID.randomUUID(), second, worker);
        awaitWithAlarm(second, i -> Boolean.TRUE.equals(i.get("cancelledByWorker")));
    }

    @Test
    void aDuressAfterACancelIsNeverShownCancelled() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        AlarmEvents.raised(alarmId, worker, "PANIC");
        AlarmEvents.cancelled(UUID.randomUUID(), alarmId, worker);
        awaitWithAlarm(alarmId, i -> Boolean.TRUE.equals(i.get("cancelledByWorker")));

        AlarmEvents.duress(UUID.randomUUID(), alarmId, worker);

        Map<String, Object> incident = awaitWithAlarm(alarmId, i -> Boolean.TRUE.equals(i.get("duress")));
        assertShownAsDuress(incident);
        assertThat(path(incident, "timeline.type")).isEqualTo(List.of("ALARM", "DURESS"));
    }

    @Test
    void aDuressBeforeACancelIsNeverShownCancelled() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        AlarmEvents.raised(alarmId, worker, "PANIC");
        AlarmEvents.duress(UUID.randomUUID(), alarmId, worker);
        AlarmEvents.cancelled(UUID.randomUUID(), alarmId, worker);
        String marker = awaitMarker(worker);

        Map<String, Object> incident = Incidents.withDevice(marker).get(0);
        assertShownAsDuress(incident);
        assertThat(path(incident, "timeline.type")).isEqualTo(List.of("ALARM", "DURESS", "DEVICE_BATTERY_LOW"));
        // The cancel is kept as a fact; the view leaves it out.
        assertThat(database.count("select count(*) from pin_entry where alarm_id = $1 and type = 'CANCEL'", alarmId))
                .isEqualTo(1);
    }

    @Test
    void aDuressWithoutAnAlarmDispatchHasSeenOpensAnIncident() {
        String worker = UUID.randomUUID().toString();
        RegistryStubResource.server().stubFor(get(urlPathEqualTo("/api/dispatch-cards/" + worker))
                .willReturn(okJson("{\"workerId\":\"" + worker + "\",\"workingName\":\"Vera\",\"safetyNote\":null}")));
        UUID unseenAlarm = UUID.randomUUID();

        AlarmEvents.duress(UUID.randomUUID(), unseenAlarm, worker);

        Map<String, Object> incident = awaitWithAlarm(unseenAlarm, "AVAILABLE");
        assertShownAsDuress(incident);
        assertThat(incident.get("kind")).isNull();
        assertThat(incident.get("status")).isEqualTo("OPEN");
        assertThat((List<?>) incident.get("alarms")).isEmpty();
        assertThat(path(incident, "timeline.type")).isEqualTo(List.of("DURESS"));
        assertThat(path(incident, "card.workingName")).isEqualTo("Vera");
        assertThat(incident.get("lastAlarmAt")).isEqualTo(entries(incident, "DURESS").get(0).get("at"));
    }

    @Test
    void aDuressIncidentIsListedFirst() {
        String calm = UUID.randomUUID().toString();
        UUID older = UUID.randomUUID();
        AlarmEvents.raised(older, calm, "PANIC");
        awaitWithAlarm(older, "NONE");
        String threatened = UUID.randomUUID().toString();
        UUID newer = UUID.randomUUID();
        AlarmEvents.raised(newer, threatened, "PANIC");
        AlarmEvents.duress(UUID.randomUUID(), newer, threatened);
        awaitWithAlarm(newer, i -> Boolean.TRUE.equals(i.get("duress")));

        List<Map<String, Object>> list = Incidents.active();

        List<String> ids = list.stream().map(i -> (String) i.get("id")).toList();
        assertThat(ids.indexOf(Incidents.withAlarm(newer).get(0).get("id")))
                .isLessThan(ids.indexOf(Incidents.withAlarm(older).get(0).get("id")));
        // Every duress before every other incident; within a priority, oldest first.
        List<String> priorities = list.stream().map(i -> (String) i.get("priority")).toList();
        assertThat(priorities).isSortedAccordingTo((a, b) -> Boolean.compare("ALARM".equals(a), "ALARM".equals(b)));
        for (String priority : List.of("DURESS", "ALARM")) {
            assertThat(list.stream().filter(i -> priority.equals(i.get("priority"))).map(i -> (String) i.get("openedAt"))
                    .map(java.time.Instant::parse).toList()).isSorted();
        }
    }

    @Test
    void aCancelOfAnAlarmNobodySawWithoutAnIncidentChangesNothing() {
        String worker = UUID.randomUUID().toString();

        AlarmEvents.cancelled(UUID.randomUUID(), UUID.randomUUID(), worker);
        awaitMarker(worker);

        assertThat(database.count("select count(*) from incident where worker_id = $1", worker)).isZero();
        assertThat(database.count("select count(*) from pin_entry p join incident i on i.id = p.incident_id"
                + " where i.worker_id = $1", worker)).isZero();
    }

    @Test
    void aRedeliveredCancelOrDuressChangesNothing() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        UUID cancel = UUID.randomUUID();
        AlarmEvents.raised(alarmId, worker, "PANIC");
        AlarmEvents.cancelled(cancel, alarmId, worker);
        AlarmEvents.cancelled(cancel, alarmId, worker);
        String marker = awaitMarker(worker);
        assertThat(path(Incidents.withDevice(marker).get(0), "timeline.type"))
                .isEqualTo(List.of("ALARM", "CANCELLED", "DEVICE_BATTERY_LOW"));

        String other = UUID.randomUUID().toString();
        UUID duress = UUID.randomUUID();
        UUID unseenAlarm = UUID.randomUUID();
        AlarmEvents.duress(duress, unseenAlarm, other);
        AlarmEvents.duress(duress, unseenAlarm, other);
        String otherMarker = awaitMarker(other);
        assertThat(path(Incidents.withDevice(otherMarker).get(0), "timeline.type"))
                .isEqualTo(List.of("DURESS", "DEVICE_BATTERY_LOW"));
        assertThat(database.count("select count(*) from incident where worker_id = $1", other)).isEqualTo(1);
    }

    private static void assertShownAsDuress(Map<String, Object> incident) {
        assertThat(incident.get("duress")).isEqualTo(true);
        assertThat(incident.get("priority")).isEqualTo("DURESS");
        assertThat(incident.get("cancelledByWorker")).isEqualTo(false);
        assertThat(incident.get("cancelledAt")).isNull();
        assertThat(incident.get("silent")).isEqualTo(true);
        assertThat(entries(incident, "CANCELLED")).isEmpty();
    }

    /**
     * Sends a device warning after the events under test and waits until it is recorded. The
     * events of one worker are consumed in order, so everything sent before it has been consumed.
     */
    private String awaitMarker(String worker) {
        String deviceId = "marker-" + UUID.randomUUID();
        AlarmEvents.deviceWarning(EventTypes.DEVICE_BATTERY_LOW, UUID.randomUUID(), deviceId, worker);
        await().atMost(Duration.ofSeconds(15)).until(() -> database.count(
                "select count(*) from device_warning where device_id = $1", deviceId) == 1);
        return deviceId;
    }
}

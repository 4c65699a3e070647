package nl.alarmcentral.dispatch.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static nl.alarmcentral.dispatch.Incidents.awaitWithAlarm;
import static nl.alarmcentral.dispatch.Incidents.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.dispatch.AlarmEvents;
import nl.alarmcentral.dispatch.Incidents;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;

/** Alarms (raised and missed check-ins) becoming incidents, and what is dead-lettered. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class AlarmEventConsumerTest {

    @Test
    void anAlarmOpensAnIncidentWithTheWorkersCard() {
        String worker = UUID.randomUUID().toString();
        stubCard(worker, "Roxy", "Ring twice; escape via the garden");
        UUID alarmId = UUID.randomUUID();

        AlarmEvents.raised(alarmId, worker, "PANIC");

        Map<String, Object> incident = awaitWithAlarm(alarmId, "AVAILABLE");
        assertThat(incident.get("status")).isEqualTo("OPEN");
        assertThat(incident.get("kind")).isEqualTo("PANIC");
        assertThat(incident.get("priority")).isEqualTo("ALARM");
        assertThat(incident.get("duress")).isEqualTo(false);
        assertThat(incident.get("cancelledByWorker")).isEqualTo(false);
        assertThat(incident.get("cancelledAt")).isNull();
        assertThat(incident.get("silent")).isEqualTo(false);
        assertThat(path(incident, "card.workingName")).isEqualTo("Roxy");
        assertThat(path(incident, "card.safetyNote")).isEqualTo("Ring twice; escape via the garden");
        assertThat(path(incident, "alarms.alarmId")).isEqualTo(List.of(alarmId.toString()));
        assertThat(Incidents.timeline(incident)).singleElement().satisfies(entry -> {
            assertThat(entry.get("type")).isEqualTo("ALARM");
            assertThat(entry.get("alarmId")).isEqualTo(alarmId.toString());
            assertThat(entry.get("kind")).isEqualTo("PANIC");
            assertThat(entry.get("channel")).isEqualTo("APP");
            assertThat(entry.get("at")).isEqualTo(((List<?>) path(incident, "alarms.raisedAt")).get(0));
            assertThat(entry.get("deviceId")).isNull();
        });
        RegistryStubResource.server().verify(getRequestedFor(urlPathEqualTo("/api/dispatch-cards/" + worker))
                .withQueryParam("incidentId", matching(String.valueOf(incident.get("id"))))
                .withHeader("Authorization", matching("Bearer .+")));
    }

    @Test
    void aMissedCheckInOpensAnIncidentLikeAnyAlarm() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();

        AlarmEvents.alarm(EventTypes.CHECKIN_MISSED, alarmId, worker, "CHECKIN_MISSED", "TIMER", false);

        Map<String, Object> incident = awaitWithAlarm(alarmId, "NONE");
        assertThat(incident.get("status")).isEqualTo("OPEN");
        assertThat(incident.get("kind")).isEqualTo("CHECKIN_MISSED");
        assertThat(incident.get("priority")).isEqualTo("ALARM");
        assertThat(Incidents.timeline(incident)).singleElement().satisfies(entry -> {
            assertThat(entry.get("type")).isEqualTo("ALARM");
            assertThat(entry.get("kind")).isEqualTo("CHECKIN_MISSED");
            assertThat(entry.get("channel")).isEqualTo("TIMER");
        });
    }

    @Test
    void aSilentAlarmMakesTheIncidentSilent() {
        String worker = UUID.randomUUID().toString();
        UUID panic = UUID.randomUUID();
        UUID silent = UUID.randomUUID();

        AlarmEvents.raised(panic, worker, "PANIC");
        awaitWithAlarm(panic, "NONE");
        assertThat(Incidents.withAlarm(panic).get(0).get("silent")).isEqualTo(false);
        AlarmEvents.alarm(EventTypes.ALARM_RAISED, silent, worker, "SILENT", "DEVICE", false);

        Map<String, Object> incident = awaitWithAlarm(panic, i -> ((List<?>) i.get("alarms")).size() == 2);
        assertThat(incident.get("silent")).isEqualTo(true);
        assertThat(Incidents.entries(incident, "ALARM")).extracting(e -> e.get("kind"), e -> e.get("channel"))
                .containsExactly(tuple("PANIC", "APP"), tuple("SILENT", "DEVICE"));
    }

    @Test
    void aRedeliveredAlarmIsRecordedOnce() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        UUID missed = UUID.randomUUID();

        AlarmEvents.raised(alarmId, worker, "SILENT");
        AlarmEvents.raised(alarmId, worker, "SILENT");
        AlarmEvents.alarm(EventTypes.CHECKIN_MISSED, missed, worker, "CHECKIN_MISSED", "TIMER", false);
        AlarmEvents.alarm(EventTypes.CHECKIN_MISSED, missed, worker, "CHECKIN_MISSED", "TIMER", false);
        UUID later = UUID.randomUUID();
        AlarmEvents.raised(later, worker, "SILENT");

        // The events of one worker are consumed in order: once the later alarm shows, the repeats were consumed.
        Map<String, Object> incident = awaitWithAlarm(later, "NONE");
        assertThat(path(incident, "alarms.alarmId")).isEqualTo(List.of(alarmId.toString(), missed.toString(), later.toString()));
        assertThat(Incidents.timeline(incident)).hasSize(3);
    }

    @Test
    void furtherAlarmsJoinTheWorkersOpenIncident() {
        String worker = UUID.randomUUID().toString();
        stubCard(worker, "Lola", null);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        AlarmEvents.raised(first, worker, "PANIC");
        awaitWithAlarm(first, "AVAILABLE");
        AlarmEvents.raised(second, worker, "SILENT");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> withFirst = Incidents.withAlarm(first);
            assertThat(withFirst).hasSize(1);
            assertThat(path(withFirst.get(0), "alarms.alarmId")).isEqualTo(List.of(first.toString(), second.toString()));
            assertThat(withFirst.get(0).get("kind")).isEqualTo("PANIC");
        });
    }

    @Test
    void fieldsDispatchDoesNotKnowDoNotStopAnAlarm() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        // As an older producer sends it (no hasDetails), plus a field a newer one might add.
        String payload = "{\"alarmId\":\"" + alarmId + "\",\"workerId\":\"" + worker
                + "\",\"kind\":\"PANIC\",\"channel\":\"DEVICE\",\"raisedAt\":\"" + Instant.now() + "\",\"batteryPct\":12}";

        AlarmEvents.send(worker, EventTypes.ALARM_RAISED, alarmId.toString(), payload);

        assertThat(awaitWithAlarm(alarmId, "NONE").get("kind")).isEqualTo("PANIC");
    }

    @Test
    void whenTheRegistryIsDownTheIncidentShowsAtOnceAndTheCardFollows() {
        String worker = UUID.randomUUID().toString();
        RegistryStubResource.server().stubFor(get(urlPathEqualTo("/api/dispatch-cards/" + worker))
                .willReturn(aResponse().withStatus(503)));
        UUID alarmId = UUID.randomUUID();

        AlarmEvents.raised(alarmId, worker, "PANIC");
        awaitWithAlarm(alarmId, "UNAVAILABLE");

        stubCard(worker, "Scarlett", "Code word pineapple");
        Map<String, Object> incident = awaitWithAlarm(alarmId, "AVAILABLE");
        assertThat(path(incident, "card.workingName")).isEqualTo("Scarlett");
    }

    @Test
    void aWorkerWithoutRegistrationStillGetsAnIncident() {
        String worker = UUID.randomUUID().toString();
        RegistryStubResource.server().stubFor(get(urlPathEqualTo("/api/dispatch-cards/" + worker))
                .willReturn(aResponse().withStatus(404)));
        UUID alarmId = UUID.randomUUID();

        AlarmEvents.raised(alarmId, worker, "PANIC");

        Map<String, Object> incident = awaitWithAlarm(alarmId, "NONE");
        assertThat(path(incident, "card.workingName")).isNull();
    }

    @Test
    void unprocessableEventsAreDeadLetteredAndConsumingGoesOn() {
        String worker = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        double deadLetteredBefore = deadLettered();
        // Unreadable, of an unknown type, of the wrong shape, and lacking a required field, one per payload family.
        AlarmEvents.send(worker, EventTypes.ALARM_RAISED, UUID.randomUUID().toString(), "{not json");
        AlarmEvents.send(worker, "com.example.unknown.v1", UUID.randomUUID().toString(), "{}");
        AlarmEvents.send(worker, EventTypes.CHECKIN_MISSED, UUID.randomUUID().toString(), "[1, 2]");
        AlarmEvents.send(worker, EventTypes.ALARM_RAISED, UUID.randomUUID().toString(), "{\"alarmId\":\"" + UUID.randomUUID()
                + "\",\"workerId\":\"" + worker + "\",\"kind\":\"NOT_A_KIND\",\"channel\":\"APP\",\"raisedAt\":\"" + now + "\"}");
        AlarmEvents.send(worker, EventTypes.ALARM_DURESS, UUID.randomUUID().toString(),
                "{\"workerId\":\"" + worker + "\",\"occurredAt\":\"" + now + "\"}");
        AlarmEvents.send(worker, EventTypes.ALARM_CANCELLED, UUID.randomUUID().toString(), "");
        AlarmEvents.send(worker, EventTypes.DEVICE_OFFLINE, UUID.randomUUID().toString(),
                "{\"eventId\":\"" + UUID.randomUUID() + "\",\"workerId\":\"" + worker + "\",\"occurredAt\":\"" + now + "\"}");

        stubCard(worker, "Nina", null);
        UUID valid = UUID.randomUUID();
        AlarmEvents.raised(valid, worker, "PANIC");
        awaitWithAlarm(valid, "AVAILABLE");

        var dead = KafkaTopics.readAll(Topics.ALARM_EVENTS_DEAD_LETTER, r -> worker.equals(r.key()), Duration.ofSeconds(3));
        assertThat(dead).hasSize(7);
        assertThat(dead).extracting(r -> KafkaTopics.header(r, "ce_type")).containsExactly(EventTypes.ALARM_RAISED,
                "com.example.unknown.v1", EventTypes.CHECKIN_MISSED, EventTypes.ALARM_RAISED, EventTypes.ALARM_DURESS,
                EventTypes.ALARM_CANCELLED, EventTypes.DEVICE_OFFLINE);
        // Parked as sent, so that ops can read and replay them.
        assertThat(dead.get(0).value()).isEqualTo("{not json");
        assertThat(KafkaTopics.header(dead.get(0), "dead-letter-reason")).doesNotContain("not json");
        // Ops see them counted by topic.
        assertThat(deadLettered()).isEqualTo(deadLetteredBefore + 7);
    }

    /**
     * alarm-service's readiness check sends one rehearsal at each start (issue 21): it is
     * acknowledged and forgotten, neither an incident nor a dead letter, and the alarms behind it go on.
     */
    @Test
    void aRehearsalIsSkippedWithoutAnIncidentOrADeadLetter() {
        String rehearsalWorker = "alarm-service-rehearsal";
        double deadLetteredBefore = deadLettered();
        UUID rehearsal = UUID.randomUUID();
        AlarmEvents.alarm(EventTypes.PATH_REHEARSAL, rehearsal, rehearsalWorker, "PANIC", "APP", false);
        // Behind it on the same partition (same key): a real alarm, which must still come through.
        UUID next = UUID.randomUUID();
        AlarmEvents.raised(next, rehearsalWorker, "PANIC");
        awaitWithAlarm(next, incident -> true);

        assertThat(Incidents.withAlarm(rehearsal)).as("no incident for the rehearsal").isEmpty();
        assertThat(deadLettered()).as("nothing dead-lettered").isEqualTo(deadLetteredBefore);
        assertThat(KafkaTopics.readAll(Topics.ALARM_EVENTS_DEAD_LETTER, r -> rehearsalWorker.equals(r.key()),
                Duration.ofSeconds(2))).isEmpty();
    }

    private static double deadLettered() {
        String metrics = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("alarmcentral_events_dead_lettered_total{")
                && line.contains("topic=\"alarm.events\"")).mapToDouble(line -> Double.parseDouble(line.substring(
                        line.lastIndexOf(' ') + 1))).sum();
    }

    private static void stubCard(String worker, String workingName, String note) {
        String body = "{\"workerId\":\"" + worker + "\",\"workingName\":\"" + workingName + "\",\"safetyNote\":"
                + (note == null ? "null" : "\"" + note + "\"") + "}";
        RegistryStubResource.server().stubFor(get(urlPathEqualTo("/api/dispatch-cards/" + worker)).willReturn(okJson(body)));
    }
}

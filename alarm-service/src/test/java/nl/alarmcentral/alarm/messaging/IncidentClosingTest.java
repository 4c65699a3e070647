package nl.alarmcentral.alarm.messaging;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.DURESS_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.column;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.incidentClosed;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.incidentHeaders;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.sql;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.workerWithPins;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.confirm;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.dispatchDetails;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import nl.alarmcentral.alarm.Alarm;
import nl.alarmcentral.alarm.DeviceTestSupport;
import nl.alarmcentral.alarm.service.AlarmIds;
import nl.alarmcentral.alarm.SealingTestSupport;
import nl.alarmcentral.alarm.service.AlarmService;
import nl.alarmcentral.alarm.service.Location;
import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * Dispatch closes an incident ({@code incident.closed} on {@code incident.events}, with the real
 * broker and database): exactly the positions of its alarms and the note of the timer its alarm came
 * from are dropped, and their details are no longer served; an alarm of hers that is not on it (her
 * next incident's) keeps its position; a position held in memory from a database outage is not
 * added to such an alarm afterwards.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class IncidentClosingTest {

    private static final Duration PROCESSED = Duration.ofSeconds(20);
    private static final String NOTE = "Hotel Central room 12";

    @Test
    void aClosingClearsExactlyItsAlarmsAndTheirDetailsAreNoLongerServed() {
        TestTokens.Subject worker = workerWithPins();
        String onIncident = raiseWithPosition(worker);
        String timerId = start(worker, "{\"minutes\":60,\"note\":\"" + NOTE + "\"}").statusCode(201).extract().path("id");
        confirm(worker, timerId, DURESS_PIN).statusCode(200);
        String timerAlarm = AlarmIds.of(worker.id(), UUID.fromString(timerId)).toString();
        // Raised just before the close, already on her next incident: its dispatcher needs the position.
        String next = raiseWithPosition(worker);
        assertThat(SealingTestSupport.note(worker.id(), timerAlarm)).isEqualTo(NOTE);
        assertThat(SealingTestSupport.position(worker.id(), onIncident).lat()).isEqualTo(51.5555);

        // Other types and an unreadable closing are passed over; the closing after them is applied.
        KafkaTopics.send(Topics.INCIDENT_EVENTS, worker.id(), "{\"incidentId\":\"" + UUID.randomUUID() + "\",\"workerId\":\""
                + worker.id() + "\",\"occurredAt\":\"" + Instant.now() + "\",\"alarmIds\":[\"" + next + "\"]}",
                incidentHeaders(EventTypes.INCIDENT_OPENED));
        KafkaTopics.send(Topics.INCIDENT_EVENTS, worker.id(), "not json", incidentHeaders(EventTypes.INCIDENT_CLOSED));
        incidentClosed(worker.id(), onIncident, timerAlarm, UUID.randomUUID().toString());

        await().atMost(PROCESSED).pollInterval(Duration.ofMillis(200)).until(() -> closed(onIncident) && closed(timerAlarm));
        assertThat(position(onIncident)).isEqualTo("none");
        assertThat(column("select note is null from safety_timer where timer_id = ?::uuid", timerId)).containsExactly("t");
        // Her next incident's alarm is untouched.
        assertThat(closed(next)).isFalse();
        assertThat(position(next)).isEqualTo("sealed");
        assertThat(SealingTestSupport.position(worker.id(), next).lat()).isEqualTo(51.5555);

        // After the close: as for cleared details (200, nothing), never a 5xx nor a 404 dispatch would retry.
        dispatchDetails(onIncident).statusCode(200).body("alarmId", equalTo(onIncident))
                .body("location", nullValue()).body("timerNote", nullValue());
        dispatchDetails(timerAlarm).statusCode(200).body("location", nullValue()).body("timerNote", nullValue());
        // Her view of the timer is unchanged (it shows no note once confirmed, whichever PIN).
        given().auth().oauth2(worker.token()).when().get("/api/me/timers/" + timerId).then().statusCode(200)
                .body("state", equalTo("CONFIRMED")).body("hasNote", equalTo(false));

        // A redelivered closing changes nothing (and fails nothing).
        incidentClosed(worker.id(), onIncident, timerAlarm);
        String closedAt = column("select incident_closed_at from alarm where alarm_id = ?::uuid", onIncident).get(0);
        incidentClosed(worker.id(), next);
        await().atMost(PROCESSED).pollInterval(Duration.ofMillis(200)).until(() -> closed(next));
        assertThat(column("select incident_closed_at from alarm where alarm_id = ?::uuid", onIncident)).containsExactly(closedAt);
        assertThat(position(next)).isEqualTo("none");
    }

    @Test
    void aPositionHeldFromADatabaseOutageIsNotAddedToAClosedOrDetachedAlarm() {
        TestTokens.Subject worker = workerWithPins();
        String closedAlarm = raiseWithPosition(worker);
        String erasedAlarm = raiseWithPosition(worker);
        incidentClosed(worker.id(), closedAlarm);
        await().atMost(PROCESSED).pollInterval(Duration.ofMillis(200)).until(() -> closed(closedAlarm));
        // As the erasure leaves a published row of hers (its position already gone).
        sql("update alarm set worker_id = null, client_ref = null, sealed_position = null where alarm_id = ?::uuid", erasedAlarm);

        // What the row follower or the unstored writer does with a copy held in memory while the
        // database was away (AlarmService#writeFollowed): the row exists, the copy has a position.
        for (String alarmId : List.of(closedAlarm, erasedAlarm)) {
            DeviceTestSupport.await(() -> Arc.container().instance(AlarmService.class).get().writeFollowed(heldCopy(worker, alarmId)));
        }

        assertThat(position(closedAlarm)).isEqualTo("none");
        assertThat(position(erasedAlarm)).isEqualTo("none");
        assertThat(column("select coalesce(worker_id, 'none') from alarm where alarm_id = ?::uuid", erasedAlarm))
                .containsExactly("none");
    }

    /** The alarm as this instance would hold it in memory, with its position. */
    private static Alarm heldCopy(TestTokens.Subject worker, String alarmId) {
        Alarm held = new Alarm();
        held.alarmId = UUID.fromString(alarmId);
        held.workerId = worker.id();
        held.clientRef = UUID.randomUUID();
        held.kind = AlarmKind.SILENT;
        held.channel = AlarmChannel.APP;
        held.raisedAt = Instant.now();
        held.position = new Location(52.1, 4.3, 5.0, null);
        held.hasDetails = true;
        held.publishedAt = Instant.now();
        return held;
    }

    private static String raiseWithPosition(TestTokens.Subject worker) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"SILENT\",\"clientRef\":\"" + UUID.randomUUID()
                        + "\",\"location\":{\"lat\":51.5555,\"lon\":5.0913,\"accuracyM\":12.5}}")
                .when().post("/api/alarms").then().statusCode(202).extract().path("alarmId");
    }

    private static boolean closed(String alarmId) {
        return column("select incident_closed_at is not null from alarm where alarm_id = ?::uuid", alarmId).equals(List.of("t"));
    }

    private static String position(String alarmId) {
        return column("select case when sealed_position is null then 'none' else 'sealed' end from alarm "
                + "where alarm_id = ?::uuid", alarmId).get(0);
    }
}

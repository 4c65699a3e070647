package nl.alarmcentral.alarm.rest;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.CANCEL_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.DURESS_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.column;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.confirm;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.dispatchDetails;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.eventsOf;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.sql;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.start;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.typesOf;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.workerWithPins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.alarmcentral.alarm.SealingTestSupport;
import nl.alarmcentral.alarm.service.AlarmIds;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class TimerResourceTest {

    private static final Duration WATCH = Duration.ofSeconds(3);
    private static final String NOTE = "Hotel Centraal room 12, client 0612345678";

    @Test
    void aTimerIsStartedListedAndExtendedWithoutEverShowingTheNote() {
        TestTokens.Subject worker = workerWithPins();
        Instant before = Instant.now();

        String body = start(worker, "{\"minutes\":60,\"note\":\"" + NOTE + "\"}")
                .statusCode(201)
                .body("state", equalTo("ACTIVE"))
                .body("graceMinutes", equalTo(5))
                .body("hasNote", equalTo(true))
                .extract().asString();
        assertThat(body).doesNotContain("Hotel").doesNotContain("0612345678");
        Response started = given().auth().oauth2(worker.token()).when().get("/api/me/timers").then().extract().response();
        String timerId = started.path("[0].id");
        Instant expectedEnd = Instant.parse(started.path("[0].expectedEnd"));
        assertThat(expectedEnd).isBetween(before.plus(Duration.ofMinutes(60)), Instant.now().plus(Duration.ofMinutes(60)));
        assertThat(started.asString()).doesNotContain("Hotel");

        start(worker, "{\"minutes\":30,\"graceMinutes\":0}").statusCode(201).body("hasNote", equalTo(false));
        given().auth().oauth2(worker.token()).when().get("/api/me/timers")
                .then().statusCode(200).body("$", hasSize(2)).body("[0].graceMinutes", equalTo(0));

        Response extended = given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"minutes\":30}")
                .when().post("/api/me/timers/" + timerId + "/extend").then().statusCode(200).extract().response();
        assertThat(Instant.parse(extended.path("expectedEnd"))).isEqualTo(expectedEnd.plus(Duration.ofMinutes(30)));

        Response capped = given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"minutes\":1440}")
                .when().post("/api/me/timers/" + timerId + "/extend").then().statusCode(200).extract().response();
        assertThat(Instant.parse(capped.path("expectedEnd")))
                .isBetween(Instant.now().plus(Duration.ofHours(24)).minusSeconds(10), Instant.now().plus(Duration.ofHours(24)));

        List<String> stored = column("SELECT encode(note, 'escape') FROM safety_timer WHERE timer_id = ?::uuid", timerId);
        assertThat(stored.get(0)).as("encrypted at rest").doesNotContain("Hotel");
    }

    @Test
    void aTimerExtendedAfterItsExpectedEndRunsFromNow() {
        TestTokens.Subject worker = workerWithPins();
        String timerId = start(worker, "{\"minutes\":10,\"graceMinutes\":30}").statusCode(201).extract().path("id");
        sql("UPDATE safety_timer SET expected_end = now() - interval '10 minutes' WHERE timer_id = ?::uuid", timerId);

        Instant before = Instant.now();
        Response extended = given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"minutes\":15}")
                .when().post("/api/me/timers/" + timerId + "/extend").then().statusCode(200).extract().response();
        assertThat(Instant.parse(extended.path("expectedEnd"))).isAfterOrEqualTo(before.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aTimerOutsideTheLimitsIsRefusedNamingTheField() {
        TestTokens.Subject worker = workerWithPins();
        start(worker, "{\"minutes\":4}").statusCode(400).body("violations.field", contains("minutes"));
        start(worker, "{\"minutes\":1441}").statusCode(400).body("violations.field", contains("minutes"));
        start(worker, "{\"minutes\":60,\"graceMinutes\":61}").statusCode(400).body("violations.field", contains("graceMinutes"));
        start(worker, "{\"minutes\":60,\"note\":\"" + "x".repeat(1001) + "\"}").statusCode(400)
                .body("violations.field", contains("note"));
        start(TestTokens.newWorker(), "{\"minutes\":60}").statusCode(409)
                .body("detail", containsString("Set your cancel PIN and duress PIN first"));
    }

    @Test
    void aNoteIsRefusedUntilHerPublicKeysetIsKnownAndNothingStarts() {
        TestTokens.Subject worker = TestTokens.newWorker();
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"cancelPin\":\"" + CANCEL_PIN + "\",\"duressPin\":\"" + DURESS_PIN + "\"}")
                .when().put("/api/me/pins").then().statusCode(200);

        start(worker, "{\"minutes\":60,\"note\":\"" + NOTE + "\"}").statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:conflict"))
                .body("detail", containsString("save your registration first"))
                .body(not(containsString("Hotel")));
        assertThat(column("SELECT count(*) FROM safety_timer WHERE worker_id = ?", worker.id())).containsExactly("0");
        // Without a note the timer starts as always.
        start(worker, "{\"minutes\":60}").statusCode(201);

        // Her registration with a public keyset arrives (as the registry publishes it): now a note is sealed to her.
        SealingTestSupport.registered(worker.id());
        String timerId = start(worker, "{\"minutes\":60,\"note\":\"" + NOTE + "\"}").statusCode(201).extract().path("id");
        assertThat(column("SELECT encode(note, 'escape') FROM safety_timer WHERE timer_id = ?::uuid", timerId).get(0))
                .doesNotContain("Hotel");
    }

    @Test
    void confirmingWithTheCancelPinEndsTheTimerAndDeletesTheNote() {
        TestTokens.Subject worker = workerWithPins();
        String timerId = start(worker, "{\"minutes\":60,\"note\":\"" + NOTE + "\"}").statusCode(201).extract().path("id");

        confirm(worker, timerId, "0000").statusCode(403).body("detail", containsString("4 attempt(s) left"));
        confirm(worker, timerId, CANCEL_PIN).statusCode(200)
                .body("id", equalTo(timerId)).body("state", equalTo("CONFIRMED")).body("hasNote", equalTo(false));

        assertThat(column("SELECT coalesce(encode(note, 'hex'), 'deleted') FROM safety_timer WHERE timer_id = ?::uuid", timerId))
                .containsExactly("deleted");
        given().auth().oauth2(worker.token()).when().get("/api/me/timers").then().body("$", hasSize(0));
        confirm(worker, timerId, CANCEL_PIN).statusCode(409).body("detail", containsString("already confirmed"));
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"minutes\":30}")
                .when().post("/api/me/timers/" + timerId + "/extend").then().statusCode(409);
        assertThat(eventsOf(worker, WATCH)).isEmpty();
        assertThat(column("SELECT purpose || ' ' || outcome FROM pin_attempt WHERE worker_id = ? ORDER BY attempted_at",
                worker.id())).containsExactly("CHECKIN WRONG", "CHECKIN ACCEPTED", "CHECKIN ACCEPTED");
    }

    @Test
    void confirmingWithTheDuressPinLooksTheSameButRaisesTheAlarmWithItsNote() {
        TestTokens.Subject worker = workerWithPins();
        String safeTimer = start(worker, "{\"minutes\":60,\"note\":\"" + NOTE + "\"}").statusCode(201).extract().path("id");
        String duressTimer = start(worker, "{\"minutes\":60,\"note\":\"" + NOTE + "\"}").statusCode(201).extract().path("id");

        Response safe = confirm(worker, safeTimer, CANCEL_PIN).extract().response();
        Response duress = confirm(worker, duressTimer, DURESS_PIN).extract().response();
        AlarmCancelResourceTest.assertSameAnswer(safe, duress);
        assertThat(duress.<String>path("state")).isEqualTo("CONFIRMED");
        assertThat(duress.<Boolean>path("hasNote")).isFalse();
        confirm(worker, duressTimer, CANCEL_PIN).statusCode(409).body("detail", containsString("already confirmed"));

        List<ConsumerRecord<String, String>> events = eventsOf(worker, WATCH);
        assertThat(typesOf(events)).containsExactly(EventTypes.CHECKIN_MISSED, EventTypes.ALARM_DURESS);
        String alarmId = AlarmIds.of(worker.id(), UUID.fromString(duressTimer)).toString();
        assertThat(KafkaTopics.header(events.get(0), "ce_id")).isEqualTo(alarmId);
        assertThat(events.get(0).value()).contains("\"channel\":\"TIMER\"").contains("\"hasDetails\":true")
                .doesNotContain("Hotel");
        assertThat(events.get(1).value()).contains(alarmId);

        assertThat(SealingTestSupport.note(worker.id(), alarmId)).isEqualTo(NOTE);
    }

    @Test
    void aTimerThatRunsOutIsOneMissedCheckInWhoseNoteOnlyDispatchCanFetch() {
        TestTokens.Subject worker = workerWithPins();
        String timerId = start(worker, "{\"minutes\":5,\"graceMinutes\":0,\"note\":\"" + NOTE + "\"}")
                .statusCode(201).extract().path("id");
        String withoutNote = start(worker, "{\"minutes\":5,\"graceMinutes\":0}").statusCode(201).extract().path("id");
        String running = start(worker, "{\"minutes\":5,\"graceMinutes\":10}").statusCode(201).extract().path("id");
        sql("UPDATE safety_timer SET expected_end = now() - interval '1 second' WHERE worker_id = ?", worker.id());

        await().atMost(Duration.ofSeconds(15)).until(() -> column(
                "SELECT timer_id::text FROM safety_timer WHERE worker_id = ? AND state = 'MISSED'", worker.id()).size() == 2);

        List<ConsumerRecord<String, String>> events = eventsOf(worker, WATCH);
        assertThat(typesOf(events)).containsExactly(EventTypes.CHECKIN_MISSED, EventTypes.CHECKIN_MISSED);
        String alarmId = AlarmIds.of(worker.id(), UUID.fromString(timerId)).toString();
        String plainAlarmId = AlarmIds.of(worker.id(), UUID.fromString(withoutNote)).toString();
        ConsumerRecord<String, String> withNote = events.stream()
                .filter(e -> alarmId.equals(KafkaTopics.header(e, "ce_id"))).findFirst().orElseThrow();
        assertThat(withNote.value()).contains("\"kind\":\"CHECKIN_MISSED\"").contains("\"channel\":\"TIMER\"")
                .contains("\"hasDetails\":true").doesNotContain("Hotel").doesNotContain("0612345678");
        assertThat(events).anySatisfy(e -> assertThat(e.value()).contains(plainAlarmId).contains("\"hasDetails\":false"));

        dispatchDetails(alarmId).statusCode(200).body("alarmId", equalTo(alarmId)).body("timerNote.kind", equalTo("TIMER_NOTE"))
                .body("timerNote.subjectId", equalTo(timerId));
        assertThat(SealingTestSupport.note(worker.id(), alarmId)).isEqualTo(NOTE);
        dispatchDetails(plainAlarmId).statusCode(200).body("timerNote", equalTo(null));
        given().auth().oauth2(worker.token()).when().get("/api/alarms/" + alarmId + "/details").then().statusCode(403);

        given().auth().oauth2(worker.token()).when().get("/api/me/timers/" + timerId)
                .then().statusCode(200).body("state", equalTo("MISSED"));
        given().auth().oauth2(worker.token()).when().get("/api/me/timers")
                .then().body("id", contains(running));
        confirm(worker, timerId, CANCEL_PIN).statusCode(409).body("detail", containsString("run out"));
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"minutes\":30}")
                .when().post("/api/me/timers/" + timerId + "/extend").then().statusCode(409);
    }

    @Test
    void onlyHerOwnTimers() {
        TestTokens.Subject owner = workerWithPins();
        TestTokens.Subject other = workerWithPins();
        String timerId = start(owner, "{\"minutes\":60}").statusCode(201).extract().path("id");

        given().auth().oauth2(other.token()).when().get("/api/me/timers/" + timerId).then().statusCode(404);
        given().auth().oauth2(other.token()).contentType(ContentType.JSON).body("{\"minutes\":30}")
                .when().post("/api/me/timers/" + timerId + "/extend").then().statusCode(404);
        confirm(other, timerId, CANCEL_PIN).statusCode(404);
        given().auth().oauth2(other.token()).when().get("/api/me/timers").then().body("$", hasSize(0));
        given().auth().oauth2(TestTokens.user("d1", Set.of("dispatcher"))).when().get("/api/me/timers").then().statusCode(403);
        given().auth().oauth2(owner.token()).when().get("/api/me/timers/" + timerId)
                .then().statusCode(200).body("state", equalTo("ACTIVE"));
    }

    @Test
    void timersAreCountedWithoutIds() {
        TestTokens.Subject worker = workerWithPins();
        String timerId = start(worker, "{\"minutes\":60}").statusCode(201).extract().path("id");
        confirm(worker, timerId, CANCEL_PIN).statusCode(200);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("alarmcentral_safety_timers_started_total [1-9]")
                .containsPattern("alarmcentral_safety_timers_confirmed_total [1-9]")
                .contains("alarmcentral_safety_timers_missed_total")
                .doesNotContain(timerId).doesNotContain(worker.id());
    }
}

package nl.alarmcentral.alarm.rest;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.CANCEL_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.DURESS_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.eventsOf;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.raise;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.typesOf;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.workerWithPins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.alarmcentral.alarm.PinsAndTimersSupport;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * PINs against guessing: PINs anyone would try first are refused when she sets them, and wrong PINs
 * from one address are limited across workers, for every PIN endpoint and both PINs alike, while a
 * duress PIN still escalates. The per-address limit is 3 here (20 in production), and this class
 * has the application to itself, so no other test's wrong PINs count.
 */
@QuarkusTest
@TestProfile(PinGuessingTest.LowAddressLimit.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class PinGuessingTest {

    private static final Duration WATCH = Duration.ofSeconds(3);

    /** Three wrong PINs per address and 15 minutes. */
    public static class LowAddressLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("alarm.pins.max-wrong-per-address", "3");
        }
    }

    @Test
    void pinsAnyoneWouldTryFirstAreRefusedNamingWhichPinAndWhy() {
        TestTokens.Subject worker = TestTokens.newWorker();
        putPins(worker, "1111", "90817").statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:validation"))
                .body("violations.field", contains("cancelPin"))
                .body("violations.message", contains("is too easy to guess: all digits are the same"));
        putPins(worker, "4719", "9876").statusCode(400)
                .body("violations.field", contains("duressPin"))
                .body("violations.message", contains("is too easy to guess: the digits count up or down in a row"));
        putPins(worker, "2580", "4719").statusCode(400)
                .body("violations.field", contains("cancelPin"))
                .body("violations.message", contains("is too easy to guess: it is one of the most common PINs"));
        given().auth().oauth2(worker.token()).when().get("/api/me/pins").then().body("set", equalTo(false));

        putPins(worker, "4719", "90817").statusCode(200);
    }

    @Test
    void wrongPinsFromOneAddressLockPinEntryThereForEveryWorkerAndBothPinsAlike() {
        // Three wrong PINs, each for another worker (none of them reaches her own lock of 5).
        for (int i = 0; i < 3; i++) {
            TestTokens.Subject target = workerWithPins();
            cancel(target, raise(target, "PANIC"), "5550").then().statusCode(403);
        }

        TestTokens.Subject worker = workerWithPins();
        String alarmId = raise(worker, "PANIC");
        Response rightPin = cancel(worker, alarmId, CANCEL_PIN);
        assertThat(rightPin.statusCode()).isEqualTo(429);
        assertThat(rightPin.contentType()).isEqualTo("application/problem+json");
        assertThat(rightPin.<String>path("type")).isEqualTo("urn:alarmcentral:problem:pin-locked");
        assertThat(Long.parseLong(rightPin.header("Retry-After"))).isBetween(1L, 15 * 60L);

        Response duressPin = cancel(worker, alarmId, DURESS_PIN);
        AlarmCancelResourceTest.assertSameAnswer(rightPin, duressPin);

        // The countdown and a timer's check-in are PIN endpoints too.
        Response countdown = given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"clientRef\":\"" + UUID.randomUUID() + "\",\"kind\":\"PANIC\",\"pin\":\"" + CANCEL_PIN + "\"}")
                .when().post("/api/alarms/countdown-cancel").then().extract().response();
        AlarmCancelResourceTest.assertSameAnswer(rightPin, countdown);
        String timerId = PinsAndTimersSupport.start(worker, "{\"minutes\":60}").statusCode(201).extract().path("id");
        PinsAndTimersSupport.confirm(worker, timerId, CANCEL_PIN).statusCode(429)
                .body("type", equalTo("urn:alarmcentral:problem:pin-locked"));

        assertThat(typesOf(eventsOf(worker, WATCH))).as("nothing cancelled; the duress PIN still escalated")
                .containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_DURESS);
        assertThat(PinsAndTimersSupport.column("SELECT outcome FROM pin_attempt WHERE worker_id = ? ORDER BY attempted_at",
                worker.id())).containsExactly("LOCKED", "LOCKED", "LOCKED", "LOCKED");
        assertThat(PinsAndTimersSupport.column("SELECT count(*) FROM worker_pins WHERE worker_id = ? AND locked_until IS NULL",
                worker.id())).as("her own PINs are not locked: only this address is").containsExactly("1");
    }

    private static io.restassured.response.ValidatableResponse putPins(TestTokens.Subject worker, String cancelPin,
            String duressPin) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"cancelPin\":\"" + cancelPin + "\",\"duressPin\":\"" + duressPin + "\"}")
                .when().put("/api/me/pins").then();
    }

    private static Response cancel(TestTokens.Subject worker, String alarmId, String pin) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"pin\":\"" + pin + "\"}")
                .when().post("/api/alarms/" + alarmId + "/cancel").then().extract().response();
    }
}

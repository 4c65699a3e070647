package nl.alarmcentral.alarm.rest;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.CANCEL_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.DURESS_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.eventsOf;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.raise;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.typesOf;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.workerWithPins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.response.Response;
import nl.alarmcentral.alarm.PinsAndTimersSupport;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class AlarmCancelResourceTest {

    private static final Duration WATCH = Duration.ofSeconds(3);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theCancelPinCancelsOnceAndARepeatAnswersTheSame() throws Exception {
        TestTokens.Subject worker = workerWithPins();
        String alarmId = raise(worker, "PANIC");

        Response first = cancel(worker, alarmId, CANCEL_PIN);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.<String>path("alarmId")).isEqualTo(alarmId);
        assertThat(first.<String>path("status")).isEqualTo("CANCELLED");
        Response again = cancel(worker, alarmId, CANCEL_PIN);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.<String>path("at")).isEqualTo(first.<String>path("at"));

        List<ConsumerRecord<String, String>> events = eventsOf(worker, WATCH);
        assertThat(typesOf(events)).containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_CANCELLED);
        ConsumerRecord<String, String> cancelled = events.get(1);
        assertThat(KafkaTopics.header(cancelled, "ce_id")).isNotEqualTo(alarmId);
        JsonNode payload = json.readTree(cancelled.value());
        assertThat(payload.get("alarmId").asText()).isEqualTo(alarmId);
        assertThat(payload.get("workerId").asText()).isEqualTo(worker.id());
        assertThat(payload.get("occurredAt").asText()).isNotBlank();
        assertThat(payload.size()).isEqualTo(3);
    }

    @Test
    void theDuressPinAnswersExactlyLikeACancelAndPublishesADuress() throws Exception {
        TestTokens.Subject worker = workerWithPins();
        String cancelledAlarm = raise(worker, "PANIC");
        String duressAlarm = raise(worker, "PANIC");

        Response cancel = cancel(worker, cancelledAlarm, CANCEL_PIN);
        Response duress = cancel(worker, duressAlarm, DURESS_PIN);

        assertSameAnswer(cancel, duress);
        assertThat(duress.<String>path("alarmId")).isEqualTo(duressAlarm);

        List<ConsumerRecord<String, String>> events = eventsOf(worker, WATCH);
        Map<String, List<String>> typesByAlarm = events.stream().collect(Collectors.groupingBy(
                e -> alarmIdOf(e), Collectors.mapping(e -> KafkaTopics.header(e, "ce_type"), Collectors.toList())));
        assertThat(typesByAlarm.get(cancelledAlarm)).containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_CANCELLED);
        assertThat(typesByAlarm.get(duressAlarm)).containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_DURESS);

        assertThat(PinsAndTimersSupport.column("SELECT purpose || ' ' || outcome FROM pin_attempt WHERE worker_id = ? "
                + "ORDER BY attempted_at", worker.id()))
                .as("the audit never tells a duress from a cancel")
                .containsExactly("CANCEL ACCEPTED", "CANCEL ACCEPTED");
    }

    @Test
    void aDuressAfterACancelStillEscalatesAndACancelNeverUndoesADuress() {
        TestTokens.Subject worker = workerWithPins();
        String first = raise(worker, "SILENT");
        String second = raise(worker, "SILENT");

        assertThat(cancel(worker, first, CANCEL_PIN).statusCode()).isEqualTo(200);
        assertThat(cancel(worker, first, DURESS_PIN).statusCode()).isEqualTo(200);
        assertThat(cancel(worker, second, DURESS_PIN).statusCode()).isEqualTo(200);
        Response cancelAfterDuress = cancel(worker, second, CANCEL_PIN);
        assertThat(cancelAfterDuress.statusCode()).isEqualTo(200);
        assertThat(cancelAfterDuress.<String>path("status")).isEqualTo("CANCELLED");
        assertThat(cancel(worker, second, DURESS_PIN).statusCode()).isEqualTo(200);

        Map<String, List<String>> typesByAlarm = eventsOf(worker, WATCH).stream().collect(Collectors.groupingBy(
                e -> alarmIdOf(e), Collectors.mapping(e -> KafkaTopics.header(e, "ce_type"), Collectors.toList())));
        assertThat(typesByAlarm.get(first))
                .containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_CANCELLED, EventTypes.ALARM_DURESS);
        assertThat(typesByAlarm.get(second)).as("no cancel after a duress, and one duress")
                .containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_DURESS);
    }

    @Test
    void aWrongPinIsRefusedWithTheAttemptsLeft() {
        TestTokens.Subject worker = workerWithPins();
        String alarmId = raise(worker, "PANIC");

        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"pin\":\"0000\"}")
                .when().post("/api/alarms/" + alarmId + "/cancel")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:pin-incorrect"))
                .body("attemptsLeft", equalTo(4))
                .body("detail", containsString("The PIN is not correct. 4 attempt(s) left"));
        assertThat(typesOf(eventsOf(worker, WATCH))).containsExactly(EventTypes.ALARM_RAISED);
    }

    @Test
    void fiveWrongPinsLockPinEntryButNeitherAlarmsNorTheDuressPin() {
        TestTokens.Subject worker = workerWithPins();
        String alarmId = raise(worker, "PANIC");

        for (int left = 4; left >= 1; left--) {
            Response wrong = cancel(worker, alarmId, "11" + left + "1");
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(wrong.<String>path("detail")).contains(left + " attempt(s) left");
        }
        Response fifth = cancel(worker, alarmId, "2222");
        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.contentType()).isEqualTo("application/problem+json");
        assertThat(fifth.getHeader("Retry-After")).isEqualTo("900");
        assertThat(fifth.<String>path("detail")).contains("locked");

        Response rightPin = cancel(worker, alarmId, CANCEL_PIN);
        Response duressPin = cancel(worker, alarmId, DURESS_PIN);
        assertThat(rightPin.statusCode()).as("even the right PIN is locked out").isEqualTo(429);
        assertThat(Integer.parseInt(rightPin.getHeader("Retry-After"))).isBetween(890, 900);
        assertSameAnswer(rightPin, duressPin);

        String whileLocked = raise(worker, "PANIC");

        List<ConsumerRecord<String, String>> events = eventsOf(worker, WATCH);
        assertThat(typesOf(events)).as("no cancel while locked; the duress PIN still escalates; alarms still go")
                .containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_DURESS, EventTypes.ALARM_RAISED);
        assertThat(alarmIdOf(events.get(1))).isEqualTo(alarmId);
        assertThat(alarmIdOf(events.get(2))).isEqualTo(whileLocked);
        assertThat(PinsAndTimersSupport.column("SELECT outcome FROM pin_attempt WHERE worker_id = ? ORDER BY attempted_at",
                worker.id())).containsExactly("WRONG", "WRONG", "WRONG", "WRONG", "WRONG", "LOCKED", "LOCKED");
    }

    @Test
    void newPinsReplaceTheOldOnesAndLiftALock() {
        TestTokens.Subject worker = workerWithPins();
        String alarmId = raise(worker, "PANIC");
        for (int i = 0; i < 5; i++) {
            cancel(worker, alarmId, "000" + i);
        }
        assertThat(cancel(worker, alarmId, CANCEL_PIN).statusCode()).isEqualTo(429);

        given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"cancelPin\":\"4231\",\"duressPin\":\"5768\"}")
                .when().put("/api/me/pins").then().statusCode(200);

        assertThat(cancel(worker, alarmId, CANCEL_PIN).statusCode()).as("the old PIN").isEqualTo(403);
        assertThat(cancel(worker, alarmId, "4231").statusCode()).isEqualTo(200);
        assertThat(typesOf(eventsOf(worker, WATCH))).containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_CANCELLED);
    }

    @Test
    void onlyHerOwnAlarmCanBeCancelled() {
        TestTokens.Subject owner = workerWithPins();
        TestTokens.Subject other = workerWithPins();
        String alarmId = raise(owner, "PANIC");

        Response foreign = cancel(other, alarmId, CANCEL_PIN);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.contentType()).isEqualTo("application/problem+json");
        assertThat(cancel(other, UUID.randomUUID().toString(), CANCEL_PIN).statusCode()).isEqualTo(404);
        assertThat(typesOf(eventsOf(owner, WATCH))).containsExactly(EventTypes.ALARM_RAISED);
        given().auth().oauth2(TestTokens.user("d1", Set.of("dispatcher"))).contentType(ContentType.JSON)
                .body("{\"pin\":\"1234\"}").when().post("/api/alarms/" + alarmId + "/cancel").then().statusCode(403);
    }

    @Test
    void withoutPinsNothingCanBeCancelled() {
        TestTokens.Subject worker = TestTokens.newWorker();
        String alarmId = raise(worker, "PANIC");

        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"pin\":\"1234\"}")
                .when().post("/api/alarms/" + alarmId + "/cancel")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("Set your cancel PIN and duress PIN first"));
        assertThat(typesOf(eventsOf(worker, WATCH))).containsExactly(EventTypes.ALARM_RAISED);
    }

    @Test
    void pinAttemptsAreCountedWithoutIds() {
        TestTokens.Subject worker = workerWithPins();
        String alarmId = raise(worker, "PANIC");
        cancel(worker, alarmId, CANCEL_PIN);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("alarmcentral_pin_attempts_total\\{[^}]*outcome=\"ACCEPTED\"[^}]*purpose=\"CANCEL\"[^}]*\\} [1-9]")
                .contains("outcome=\"WRONG\"").contains("outcome=\"LOCKED\"")
                .doesNotContain("DURESS")
                .doesNotContain(worker.id()).doesNotContain(alarmId);
    }

    /** Same status, same headers (names, and content type), same body keys. */
    static void assertSameAnswer(Response expected, Response actual) {
        assertThat(actual.statusCode()).isEqualTo(expected.statusCode());
        assertThat(actual.contentType()).isEqualTo(expected.contentType());
        assertThat(headerNames(actual)).isEqualTo(headerNames(expected));
        Map<String, Object> expectedBody = expected.jsonPath().getMap("");
        Map<String, Object> actualBody = actual.jsonPath().getMap("");
        assertThat(actualBody.keySet()).isEqualTo(expectedBody.keySet());
        for (String key : List.of("status", "type", "title", "detail")) {
            assertThat(actualBody.get(key)).as(key).isEqualTo(expectedBody.get(key));
        }
    }

    private static Set<String> headerNames(Response response) {
        return response.headers().asList().stream().map(Header::getName).map(String::toLowerCase)
                .filter(name -> !name.equals("content-length")).collect(Collectors.toSet());
    }

    private String alarmIdOf(ConsumerRecord<String, String> event) {
        try {
            return json.readTree(event.value()).get("alarmId").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response cancel(TestTokens.Subject worker, String alarmId, String pin) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"pin\":\"" + pin + "\"}")
                .when().post("/api/alarms/" + alarmId + "/cancel")
                .then().extract().response();
    }
}

package nl.alarmcentral.alarm.rest;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.CANCEL_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.DURESS_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.eventsOf;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.typesOf;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.workerWithPins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
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
class CountdownCancelResourceTest {

    private static final Duration WATCH = Duration.ofSeconds(3);

    @Test
    void theCancelPinSendsNothingAndTheDuressPinSendsTheAlarmWithADuressLookingTheSame() {
        TestTokens.Subject worker = workerWithPins();
        UUID cancelledPress = UUID.randomUUID();
        UUID duressPress = UUID.randomUUID();

        Response cancel = countdownCancel(worker, cancelledPress, "PANIC", CANCEL_PIN);
        Response duress = countdownCancel(worker, duressPress, "SILENT", DURESS_PIN);

        assertThat(cancel.statusCode()).isEqualTo(200);
        assertThat(cancel.<String>path("status")).isEqualTo("CANCELLED");
        AlarmCancelResourceTest.assertSameAnswer(cancel, duress);

        List<ConsumerRecord<String, String>> events = eventsOf(worker, WATCH);
        assertThat(typesOf(events)).containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_DURESS);
        assertThat(KafkaTopics.header(events.get(0), "ce_id")).isEqualTo(duress.<String>path("alarmId"));
        assertThat(events.get(0).value()).contains("\"kind\":\"SILENT\"").contains("\"channel\":\"APP\"");
        assertThat(events.get(1).value()).contains(duress.<String>path("alarmId"));
        assertThat(PinsAndTimersSupport.column("SELECT purpose || ' ' || outcome FROM pin_attempt WHERE worker_id = ?",
                worker.id())).containsExactly("COUNTDOWN ACCEPTED", "COUNTDOWN ACCEPTED");
    }

    @Test
    void aCountdownCancelWithTheCancelPinSendsNoEventAtAll() {
        TestTokens.Subject worker = workerWithPins();
        countdownCancel(worker, UUID.randomUUID(), "PANIC", CANCEL_PIN).then().statusCode(200);
        assertThat(eventsOf(worker, WATCH)).isEmpty();
    }

    @Test
    void aCountdownCancelAfterTheAlarmWasSentCancelsThatAlarm() {
        TestTokens.Subject worker = workerWithPins();
        UUID clientRef = UUID.randomUUID();
        String alarmId = given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"PANIC\",\"clientRef\":\"" + clientRef + "\"}")
                .when().post("/api/alarms").then().statusCode(202).extract().path("alarmId");

        countdownCancel(worker, clientRef, "PANIC", CANCEL_PIN).then().statusCode(200).body("alarmId", equalTo(alarmId));

        assertThat(typesOf(eventsOf(worker, WATCH))).containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_CANCELLED);
    }

    @Test
    void aWrongPinCancelsNothing() {
        TestTokens.Subject worker = workerWithPins();
        countdownCancel(worker, UUID.randomUUID(), "PANIC", "0000").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"clientRef\":\"" + UUID.randomUUID() + "\",\"kind\":\"CHECKIN_MISSED\",\"pin\":\"1234\"}")
                .when().post("/api/alarms/countdown-cancel").then().statusCode(400);
        assertThat(eventsOf(worker, WATCH)).isEmpty();
    }

    private static Response countdownCancel(TestTokens.Subject worker, UUID clientRef, String kind, String pin) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"clientRef\":\"" + clientRef + "\",\"kind\":\"" + kind + "\",\"pin\":\"" + pin + "\"}")
                .when().post("/api/alarms/countdown-cancel")
                .then().extract().response();
    }
}

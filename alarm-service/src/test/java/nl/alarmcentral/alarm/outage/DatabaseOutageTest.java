package nl.alarmcentral.alarm.outage;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.CANCEL_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.column;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.workerWithPins;
import static nl.alarmcentral.alarm.rest.AlarmResourceTest.receivedCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import nl.alarmcentral.alarm.SealingTestSupport;
import nl.alarmcentral.alarm.messaging.AlarmEventPublisher;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * The alarm database refusing connections: a press is accepted through the broker alone (202),
 * its position stays out of Kafka, and once the database is back its row appears with the
 * position. What needs the database (a PIN, a timer) answers 503 problem+json, never 500.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class DatabaseOutageTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPressIsAcceptedByTheBrokerAloneAndItsRowFollowsWhenTheDatabaseIsBack() throws Exception {
        TestTokens.Subject worker = workerWithPins();
        UUID clientRef = UUID.randomUUID();
        double brokerBefore = receivedCount("APP", "SILENT", "broker");
        String alarmId;
        try (AlarmDatabaseOutage outage = AlarmDatabaseOutage.begin()) {
            ValidatableResponse first = press(worker, clientRef).statusCode(202)
                    .body("alarmId", notNullValue()).body("acceptedAt", notNullValue());
            alarmId = first.extract().path("alarmId");
            String acceptedAt = first.extract().path("acceptedAt");
            press(worker, clientRef).statusCode(202)
                    .body("alarmId", equalTo(alarmId)).body("acceptedAt", equalTo(acceptedAt));

            given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"pin\":\"" + CANCEL_PIN + "\"}")
                    .when().post("/api/alarms/" + alarmId + "/cancel")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("urn:alarmcentral:problem:unavailable"));
            given().auth().oauth2(worker.token()).when().get("/api/me/timers")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("2"))
                    .body("type", equalTo("urn:alarmcentral:problem:unavailable"));
        }

        List<ConsumerRecord<String, String>> events = KafkaTopics.readAll(Topics.ALARM_EVENTS,
                r -> worker.id().equals(r.key()), Duration.ofSeconds(3));
        assertThat(events).as("one event, also for the retry").hasSize(1);
        ConsumerRecord<String, String> event = events.get(0);
        assertThat(KafkaTopics.header(event, "ce_id")).isEqualTo(alarmId);
        assertThat(KafkaTopics.header(event, AlarmEventPublisher.NOT_STORED_HEADER)).isEqualTo("true");
        assertThat(KafkaTopics.header(event, AlarmEventPublisher.CLIENT_REF_HEADER)).isEqualTo(clientRef.toString());
        JsonNode payload = json.readTree(event.value());
        assertThat(payload.get("hasDetails").asBoolean()).isTrue();
        assertThat(event.value()).as("the position never goes onto Kafka").doesNotContain("51.4416").doesNotContain("5.4697");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(column(
                "SELECT concat_ws(' ', client_ref, kind, channel, sealed_position IS NOT NULL, has_details, "
                        + "published_at IS NOT NULL) FROM alarm WHERE alarm_id = CAST(? AS uuid)", alarmId))
                .containsExactly(clientRef + " SILENT APP t t t"));
        // Held plain in memory while the database was away; written sealed to her key.
        assertThat(SealingTestSupport.position(worker.id(), alarmId)).extracting(p -> p.lat(), p -> p.lon())
                .containsExactly(51.4416, 5.4697);
        assertThat(receivedCount("APP", "SILENT", "broker")).isEqualTo(brokerBefore + 1);

        // The database is used again once it is back; the earlier alarm can be cancelled now.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            double databaseBefore = receivedCount("APP", "PANIC", "database");
            given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                    .body("{\"kind\":\"PANIC\",\"clientRef\":\"" + UUID.randomUUID() + "\"}")
                    .when().post("/api/alarms").then().statusCode(202);
            assertThat(receivedCount("APP", "PANIC", "database")).isEqualTo(databaseBefore + 1);
        });
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"pin\":\"" + CANCEL_PIN + "\"}")
                .when().post("/api/alarms/" + alarmId + "/cancel")
                .then().statusCode(200);
    }

    private static ValidatableResponse press(TestTokens.Subject worker, UUID clientRef) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"SILENT\",\"clientRef\":\"" + clientRef + "\",\"location\":"
                        + "{\"lat\":51.4416,\"lon\":5.4697,\"accuracyM\":20,\"capturedAt\":\"2026-01-01T10:00:00Z\"}}")
                .when().post("/api/alarms")
                .then();
    }
}

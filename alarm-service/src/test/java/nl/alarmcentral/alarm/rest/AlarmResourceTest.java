package nl.alarmcentral.alarm.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import nl.alarmcentral.alarm.SealingTestSupport;
import nl.alarmcentral.contract.event.AlarmPosition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
public class AlarmResourceTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anAcceptedAlarmIsACloudEventOnTheBrokerKeyedByTheWorker() throws Exception {
        TestTokens.Subject worker = TestTokens.newWorker();
        UUID clientRef = UUID.randomUUID();

        String alarmId = raise(worker, "PANIC", clientRef)
                .statusCode(202)
                .body("alarmId", notNullValue())
                .body("acceptedAt", notNullValue())
                .extract().path("alarmId");

        List<ConsumerRecord<String, String>> events = KafkaTopics.readAll(Topics.ALARM_EVENTS,
                r -> worker.id().equals(r.key()), Duration.ofSeconds(3));
        assertThat(events).hasSize(1);
        ConsumerRecord<String, String> event = events.get(0);
        assertThat(KafkaTopics.header(event, "ce_id")).isEqualTo(alarmId);
        assertThat(KafkaTopics.header(event, "ce_type")).isEqualTo(EventTypes.ALARM_RAISED);
        assertThat(KafkaTopics.header(event, "ce_source")).isEqualTo(EventTypes.SOURCE_ALARM_SERVICE);
        assertThat(KafkaTopics.header(event, "ce_specversion")).isEqualTo("1.0");
        JsonNode payload = json.readTree(event.value());
        assertThat(payload.get("alarmId").asText()).isEqualTo(alarmId);
        assertThat(payload.get("workerId").asText()).isEqualTo(worker.id());
        assertThat(payload.get("kind").asText()).isEqualTo("PANIC");
        assertThat(payload.get("channel").asText()).isEqualTo("APP");
        assertThat(payload.get("raisedAt").asText()).isNotBlank();
        assertThat(payload.get("hasDetails").asBoolean()).isFalse();
        assertThat(payload.size()).as("no personal data in the event").isEqualTo(6);
    }

    @Test
    void aPositionStaysInAlarmServiceAndDispatchFetchesItByClaimCheck() {
        TestTokens.Subject worker = TestTokens.newWorker();
        SealingTestSupport.withKey(worker.id());
        String alarmId = given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"SILENT\",\"clientRef\":\"" + UUID.randomUUID() + "\",\"location\":"
                        + "{\"lat\":51.5555,\"lon\":5.0913,\"accuracyM\":12.5,\"capturedAt\":\"2026-01-01T10:00:00Z\"}}")
                .when().post("/api/alarms")
                .then().statusCode(202).extract().path("alarmId");

        List<ConsumerRecord<String, String>> events = KafkaTopics.readAll(Topics.ALARM_EVENTS,
                r -> worker.id().equals(r.key()), Duration.ofSeconds(3));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).value()).contains("\"hasDetails\":true").doesNotContain("51.5555").doesNotContain("5.0913");

        String dispatch = TestTokens.serviceAccount("dispatch-service", Set.of("svc-dispatch"));
        given().auth().oauth2(dispatch).when().get("/api/alarms/" + alarmId + "/details")
                .then().statusCode(200)
                .body("alarmId", equalTo(alarmId))
                .body("location.kind", equalTo("ALARM_POSITION"));
        // Sealed to her: only her private key (the registry's) opens it.
        assertThat(SealingTestSupport.position(worker.id(), alarmId)).isEqualTo(
                new AlarmPosition(51.5555, 5.0913, 12.5, Instant.parse("2026-01-01T10:00:00Z")));
        given().auth().oauth2(worker.token()).when().get("/api/alarms/" + alarmId + "/details").then().statusCode(403);
        given().auth().oauth2(dispatch).when().get("/api/alarms/" + UUID.randomUUID() + "/details").then().statusCode(404);
    }

    @Test
    void aPositionOutOfRangeIsRefusedNamingTheField() {
        given().auth().oauth2(TestTokens.newWorker().token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"PANIC\",\"clientRef\":\"" + UUID.randomUUID() + "\",\"location\":{\"lat\":91,\"lon\":5}}")
                .when().post("/api/alarms")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("location.lat"));
        given().auth().oauth2(TestTokens.newWorker().token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"PANIC\",\"clientRef\":\"" + UUID.randomUUID() + "\",\"location\":{\"lat\":\"north\",\"lon\":5}}")
                .when().post("/api/alarms")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("location.lat"));
    }

    @Test
    void anOversizedBodyIsRefused() {
        String padding = "x".repeat(20_000);
        given().auth().oauth2(TestTokens.newWorker().token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"PANIC\",\"clientRef\":\"" + UUID.randomUUID() + "\",\"pad\":\"" + padding + "\"}")
                .when().post("/api/alarms")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:too-large"));
    }

    @Test
    void anotherMediaTypeIsRefused() {
        given().auth().oauth2(TestTokens.newWorker().token()).contentType(ContentType.TEXT).body("PANIC")
                .when().post("/api/alarms")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void aRepeatedPressIsTheSameAlarmAndOneEvent() {
        TestTokens.Subject worker = TestTokens.newWorker();
        UUID clientRef = UUID.randomUUID();

        String first = raise(worker, "SILENT", clientRef).statusCode(202).extract().path("alarmId");
        String second = raise(worker, "SILENT", clientRef).statusCode(202).extract().path("alarmId");

        assertThat(second).isEqualTo(first);
        assertThat(KafkaTopics.readAll(Topics.ALARM_EVENTS, r -> worker.id().equals(r.key()), Duration.ofSeconds(3)))
                .hasSize(1);
    }

    @Test
    void alarmsAreCountedByChannelKindAndStoreWithoutIds() {
        double before = receivedCount("APP", "SILENT", "database");
        double beforeBroker = receivedCount("APP", "SILENT", "broker");
        TestTokens.Subject worker = TestTokens.newWorker();
        UUID clientRef = UUID.randomUUID();
        raise(worker, "SILENT", clientRef).statusCode(202);
        raise(worker, "SILENT", clientRef).statusCode(202);

        assertThat(receivedCount("APP", "SILENT", "database")).as("a repeated press counts once").isEqualTo(before + 1);
        assertThat(receivedCount("APP", "SILENT", "broker")).as("the database took it").isEqualTo(beforeBroker);
        assertThat(given().when().get("/q/metrics").then().extract().asString()).doesNotContain(worker.id());
    }

    /** The value of alarmcentral_alarms_received_total for one channel, kind and store. */
    public static double receivedCount(String channel, String kind, String store) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("alarmcentral_alarms_received_total\\{channel=\"" + channel
                + "\",kind=\"" + kind + "\",store=\"" + store + "\"\\} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void theSameClientRefFromTwoWorkersIsTwoAlarms() {
        UUID clientRef = UUID.randomUUID();
        String first = raise(TestTokens.newWorker(), "PANIC", clientRef).statusCode(202).extract().path("alarmId");
        String second = raise(TestTokens.newWorker(), "PANIC", clientRef).statusCode(202).extract().path("alarmId");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aMissedCheckInCannotBeRaisedFromTheApp() {
        raise(TestTokens.newWorker(), "CHECKIN_MISSED", UUID.randomUUID())
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:validation"));
    }

    @Test
    void anUnknownKindIsAClientError() {
        raise(TestTokens.newWorker(), "FIRE", UUID.randomUUID())
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:malformed-request"));
    }

    @Test
    void aClientRefIsRequired() {
        given().auth().oauth2(TestTokens.newWorker().token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"PANIC\"}")
                .when().post("/api/alarms")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("clientRef"));
    }

    @Test
    void onlyWorkersRaiseAlarms() {
        given().contentType(ContentType.JSON).body("{\"kind\":\"PANIC\",\"clientRef\":\"" + UUID.randomUUID() + "\"}")
                .when().post("/api/alarms").then().statusCode(401);
        given().auth().oauth2(TestTokens.user("d1", Set.of("dispatcher"))).contentType(ContentType.JSON)
                .body("{\"kind\":\"PANIC\",\"clientRef\":\"" + UUID.randomUUID() + "\"}")
                .when().post("/api/alarms").then().statusCode(403);
    }

    private static io.restassured.response.ValidatableResponse raise(TestTokens.Subject worker, String kind, UUID clientRef) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"" + kind + "\",\"clientRef\":\"" + clientRef + "\"}")
                .when().post("/api/alarms")
                .then();
    }
}

package nl.alarmcentral.alarm.rest;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.DeviceTestSupport.bindNewDevice;
import static nl.alarmcentral.alarm.DeviceTestSupport.event;
import static nl.alarmcentral.alarm.DeviceTestSupport.events;
import static nl.alarmcentral.alarm.DeviceTestSupport.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
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
import io.restassured.response.ValidatableResponse;
import nl.alarmcentral.alarm.DeviceTestSupport;
import nl.alarmcentral.alarm.DeviceTestSupport.TestDevice;
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
class DeviceEventResourceTest {

    private static final Duration READ = Duration.ofSeconds(3);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anSosIsAnAlarmOfTheBoundWorkerFromTheDeviceChannel() throws Exception {
        TestDevice device = bindNewDevice();
        UUID eventId = UUID.randomUUID();

        SealingTestSupport.withKey(device.workerId());
        String alarmId = device.send("{\"eventId\":\"" + eventId + "\",\"type\":\"SOS\",\"location\":"
                + "{\"lat\":51.5555,\"lon\":5.0913,\"accuracyM\":8,\"capturedAt\":\"2026-01-01T10:00:00Z\"}}")
                .statusCode(202)
                .body("alarmId", notNullValue())
                .body("acceptedAt", notNullValue())
                .extract().path("alarmId");

        List<ConsumerRecord<String, String>> events = events(device.workerId(), READ);
        assertThat(events).hasSize(1);
        ConsumerRecord<String, String> event = events.get(0);
        assertThat(KafkaTopics.header(event, "ce_type")).isEqualTo(EventTypes.ALARM_RAISED);
        assertThat(KafkaTopics.header(event, "ce_id")).isEqualTo(alarmId);
        JsonNode payload = json.readTree(event.value());
        assertThat(payload.get("alarmId").asText()).isEqualTo(alarmId);
        assertThat(payload.get("workerId").asText()).isEqualTo(device.workerId());
        assertThat(payload.get("kind").asText()).isEqualTo("PANIC");
        assertThat(payload.get("channel").asText()).isEqualTo("DEVICE");
        assertThat(payload.get("hasDetails").asBoolean()).isTrue();
        assertThat(event.value()).doesNotContain(device.deviceId()).doesNotContain("51.5555");

        // The position is kept for dispatch, sealed to her, as for the app.
        AlarmPosition position = SealingTestSupport.position(device.workerId(), alarmId);
        assertThat(position.lat()).isEqualTo(51.5555);
        assertThat(position.accuracyM()).isEqualTo(8.0);
    }

    @Test
    void aSilentSosIsASilentAlarm() throws Exception {
        TestDevice device = bindNewDevice();

        device.send(event("SILENT_SOS", UUID.randomUUID())).statusCode(202);

        List<ConsumerRecord<String, String>> events = events(device.workerId(), READ);
        assertThat(events).hasSize(1);
        JsonNode payload = json.readTree(events.get(0).value());
        assertThat(payload.get("kind").asText()).isEqualTo("SILENT");
        assertThat(payload.get("channel").asText()).isEqualTo("DEVICE");
        assertThat(payload.get("hasDetails").asBoolean()).isFalse();
    }

    @Test
    void aRetriedSosIsTheSameAlarmAndOneEvent() {
        TestDevice device = bindNewDevice();
        String body = event("SOS", UUID.randomUUID());
        long now = Instant.now().getEpochSecond();

        String first = device.send(now, body).statusCode(202).extract().path("alarmId");
        String second = device.send(now + 1, body).statusCode(202).extract().path("alarmId");

        assertThat(second).isEqualTo(first);
        assertThat(events(device.workerId(), READ)).hasSize(1);
    }

    @Test
    void anUnknownDeviceIsRefusedAndCounted() {
        double before = rejected("unknown_device");
        String body = event("SOS", UUID.randomUUID());
        String ts = Long.toString(Instant.now().getEpochSecond());

        unauthenticated(DeviceTestSupport.send("button-" + UUID.randomUUID(), ts,
                DeviceTestSupport.sign("some-secret", ts, body), body));
        unauthenticated(DeviceTestSupport.send("not%20a%20device%20id", ts, DeviceTestSupport.sign("some-secret", ts, body), body));

        assertThat(rejected("unknown_device")).isEqualTo(before + 2);
    }

    @Test
    void aBadSignatureIsRefusedWithTheSameAnswerAndNoAlarm() {
        TestDevice device = bindNewDevice();
        double before = rejected("bad_signature");
        String body = event("SOS", UUID.randomUUID());
        String ts = Long.toString(Instant.now().getEpochSecond());

        unauthenticated(DeviceTestSupport.send(device.deviceId(), ts, DeviceTestSupport.sign("wrong-secret", ts, body), body));
        unauthenticated(DeviceTestSupport.send(device.deviceId(), ts, null, body));
        unauthenticated(DeviceTestSupport.send(device.deviceId(), null, DeviceTestSupport.sign(device.secret(), ts, body), body));
        unauthenticated(DeviceTestSupport.send(device.deviceId(), ts,
                DeviceTestSupport.sign(device.secret(), ts, body).toUpperCase(), body));

        assertThat(rejected("bad_signature")).isEqualTo(before + 4);
        assertThat(events(device.workerId(), READ)).isEmpty();
    }

    @Test
    void aTimestampOutsideTheWindowIsRefusedEitherWay() {
        TestDevice device = bindNewDevice();
        double before = rejected("stale_timestamp");
        long now = Instant.now().getEpochSecond();

        unauthenticated(device.send(now - 360, event("SOS", UUID.randomUUID())));
        unauthenticated(device.send(now + 360, event("SOS", UUID.randomUUID())));
        device.send(now - 240, event("HEARTBEAT", UUID.randomUUID())).statusCode(204);

        assertThat(rejected("stale_timestamp")).isEqualTo(before + 2);
        assertThat(events(device.workerId(), EventTypes.ALARM_RAISED, READ)).isEmpty();
    }

    @Test
    void theSameRequestIsAcceptedOnlyOnce() {
        TestDevice device = bindNewDevice();
        double before = rejected("replay");
        String body = event("SOS", UUID.randomUUID());
        String ts = Long.toString(Instant.now().getEpochSecond());
        String signature = DeviceTestSupport.sign(device.secret(), ts, body);

        DeviceTestSupport.send(device.deviceId(), ts, signature, body).statusCode(202);
        unauthenticated(DeviceTestSupport.send(device.deviceId(), ts, signature, body));

        assertThat(rejected("replay")).isEqualTo(before + 1);
        assertThat(events(device.workerId(), READ)).hasSize(1);
    }

    @Test
    void aHeartbeatIsAcceptedAndSendsNothing() {
        TestDevice device = bindNewDevice();

        device.send(event("HEARTBEAT", UUID.randomUUID())).statusCode(204).body(emptyOrNullString());

        assertThat(events(device.workerId(), READ)).isEmpty();
    }

    @Test
    void aLowBatteryIsOneWarningAlsoWhenRetried() throws Exception {
        TestDevice device = bindNewDevice();
        String body = event("LOW_BATTERY", UUID.randomUUID());
        long now = Instant.now().getEpochSecond();

        device.send(now, body).statusCode(204);
        device.send(now + 1, body).statusCode(204);

        List<ConsumerRecord<String, String>> events = events(device.workerId(), READ);
        assertThat(events).hasSize(1);
        ConsumerRecord<String, String> event = events.get(0);
        assertThat(KafkaTopics.header(event, "ce_type")).isEqualTo(EventTypes.DEVICE_BATTERY_LOW);
        JsonNode payload = json.readTree(event.value());
        assertThat(payload.get("eventId").asText()).isEqualTo(KafkaTopics.header(event, "ce_id"));
        assertThat(payload.get("deviceId").asText()).isEqualTo(device.deviceId());
        assertThat(payload.get("workerId").asText()).isEqualTo(device.workerId());
        assertThat(payload.get("occurredAt").asText()).isNotBlank();

        // Another low-battery event is another warning.
        device.send(event("LOW_BATTERY", UUID.randomUUID())).statusCode(204);
        assertThat(events(device.workerId(), READ)).hasSize(2);
    }

    @Test
    void aMalformedBodyFromASignedDeviceNamesTheField() {
        TestDevice device = bindNewDevice();
        double before = rejected("malformed");

        device.send("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"SOS\",\"location\":{\"lat\":91,\"lon\":5}}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("location.lat"));
        device.send(event("FIRE", UUID.randomUUID()))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:malformed-request"))
                .body("detail", containsString("type"));
        device.send("{\"type\":\"SOS\"}")
                .statusCode(400)
                .body("violations.field", hasItem("eventId"));
        device.send("{\"eventId\":")
                .statusCode(400)
                .contentType("application/problem+json");

        assertThat(rejected("malformed")).isEqualTo(before + 4);
        assertThat(events(device.workerId(), READ)).isEmpty();
    }

    @Test
    void unknownFieldsFromANewerFirmwareDoNotBlockAnAlarm() {
        TestDevice device = bindNewDevice();

        device.send("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"SOS\",\"batteryPercent\":12}").statusCode(202);
    }

    @Test
    void theDemoButtonRaisesAlarmsForTheDemoWorker() {
        String worker1 = "3fb648d7-7729-4083-b4ce-d68411edcb17";
        String body = event("SOS", UUID.randomUUID());
        String ts = Long.toString(Instant.now().getEpochSecond());

        String alarmId = DeviceTestSupport.send("demo-button-1", ts, DeviceTestSupport.sign("demo-button-1-secret", ts, body), body)
                .statusCode(202).extract().path("alarmId");

        assertThat(KafkaTopics.readAll(Topics.ALARM_EVENTS,
                r -> alarmId.equals(KafkaTopics.header(r, "ce_id")), READ))
                .singleElement().satisfies(r -> assertThat(r.key()).isEqualTo(worker1));
    }

    private static void unauthenticated(ValidatableResponse response) {
        response.statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:unauthenticated"))
                .body("detail", equalTo("The request could not be authenticated as coming from a bound device."));
    }
}

package nl.alarmcentral.alarm.messaging;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.CANCEL_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.column;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.raise;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.workerWithPins;
import static org.assertj.core.api.Assertions.assertThat;
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
import io.restassured.http.ContentType;
import nl.alarmcentral.alarm.DeviceTestSupport;
import nl.alarmcentral.alarm.DeviceTestSupport.TestDevice;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * A worker who withdraws (a tombstone on worker.registrations): her PINs, PIN audit, timers and
 * notes, alarm positions, buttons and published outbox events go at once, and her alarm rows no
 * longer name her (kept as statistics).
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class WorkerErasureTest {

    private static final Duration ERASED = Duration.ofSeconds(20);

    /**
     * What {@link #workerWithData()} leaves: her PINs, a wrong and an accepted PIN in the audit, a
     * timer, one alarm with a (sealed) position, a button, two alarms, one published cancel in the
     * outbox, and her public sealing keyset.
     */
    private static final Map<String, Long> WITH_DATA = Map.of("pins", 1L, "audit", 2L, "timers", 1L, "positions", 1L,
            "devices", 1L, "alarms", 2L, "outbox", 1L, "sealingKey", 1L);

    @Test
    void aTombstoneErasesHerDataAndNobodyElses() {
        Worker her = workerWithData();
        Worker other = workerWithData();
        assertThat(rowsOf(her)).isEqualTo(WITH_DATA);

        erased(her.subject().id());

        await().atMost(ERASED).pollInterval(Duration.ofMillis(200)).until(() -> rowsOf(her).values().stream().allMatch(n -> n == 0));
        assertThat(rowsOf(other)).isEqualTo(WITH_DATA);
        // Her alarms stay as statistics (id, kind, channel, times), detached from her: no worker id, no
        // client reference, no position; which one was cancelled when stays too.
        assertThat(column("select concat_ws(' ', kind, channel, coalesce(worker_id, 'none'), coalesce(client_ref::text, 'none'), "
                + "coalesce(encode(sealed_position, 'hex'), 'none')) from alarm where alarm_id = ?", UUID.fromString(her.alarmId())))
                .containsExactly("SILENT APP none none none");
        assertThat(column("select count(*) from alarm_cancel where alarm_id = ?", UUID.fromString(her.cancelledAlarmId())))
                .containsExactly("1");
        // Her button no longer works; the other's does.
        her.device().send(DeviceTestSupport.event("HEARTBEAT", UUID.randomUUID())).statusCode(401);
        other.device().send(DeviceTestSupport.event("HEARTBEAT", UUID.randomUUID())).statusCode(204);
        // Her PINs are gone: she would have to set them again.
        given().auth().oauth2(her.subject().token()).when().get("/api/me/pins").then().statusCode(200)
                .body("set", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void erasingTwiceOrSomeoneWithoutDataChangesNothingAndRegistrationsAreIgnored() {
        Worker her = workerWithData();
        String stranger = UUID.randomUUID().toString();

        KafkaTopics.send(Topics.WORKER_REGISTRATIONS, her.subject().id(),
                "{\"workerId\":\"" + her.subject().id() + "\",\"registeredAt\":\"" + Instant.now() + "\"}",
                headers(EventTypes.WORKER_REGISTERED));
        erased(stranger);
        erased(her.subject().id());
        erased(her.subject().id());

        await().atMost(ERASED).pollInterval(Duration.ofMillis(200)).until(() -> rowsOf(her).values().stream().allMatch(n -> n == 0));
        Worker after = workerWithData();
        assertThat(rowsOf(after)).isEqualTo(WITH_DATA);
    }

    /**
     * A worker with PINs, one wrong PIN in the audit, a running timer with a note, an alarm with a
     * position, and a bound button.
     */
    private static Worker workerWithData() {
        TestTokens.Subject worker = workerWithPins();
        String timerId = given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"minutes\":60,\"note\":\"Hotel room 12\"}")
                .when().post("/api/me/timers").then().statusCode(201).extract().path("id");
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"pin\":\"0000\"}")
                .when().post("/api/me/timers/" + timerId + "/confirm").then().statusCode(403);
        String alarmId = given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"SILENT\",\"clientRef\":\"" + UUID.randomUUID()
                        + "\",\"location\":{\"lat\":51.5555,\"lon\":5.0913,\"accuracyM\":12.5}}")
                .when().post("/api/alarms").then().statusCode(202).extract().path("alarmId");
        TestDevice device = new TestDevice("button-" + UUID.randomUUID(), worker.id(), "secret-" + UUID.randomUUID());
        DeviceTestSupport.bind(device, 300, Instant.now());
        // A cancelled alarm: its cancel went through the outbox, whose payload names her.
        String cancelledAlarmId = raise(worker, "PANIC");
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"pin\":\"" + CANCEL_PIN + "\"}")
                .when().post("/api/alarms/" + cancelledAlarmId + "/cancel").then().statusCode(200);
        await().atMost(ERASED).until(() -> count("select count(*) from outbox_event where worker_id = ? "
                + "and published_at is not null", worker.id()) == 1);
        return new Worker(worker, alarmId, cancelledAlarmId, device);
    }

    private static Map<String, Long> rowsOf(Worker worker) {
        String id = worker.subject().id();
        return Map.of(
                "pins", count("select count(*) from worker_pins where worker_id = ?", id),
                "audit", count("select count(*) from pin_attempt where worker_id = ?", id),
                "timers", count("select count(*) from safety_timer where worker_id = ?", id),
                "positions", Long.parseLong(column("select count(*) from alarm where alarm_id = ? and sealed_position is not null",
                        UUID.fromString(worker.alarmId())).get(0)),
                "sealingKey", count("select count(*) from worker_sealing_key where worker_id = ?", id),
                "devices", count("select count(*) from bound_device where worker_id = ?", id),
                "alarms", count("select count(*) from alarm where worker_id = ?", id),
                "outbox", count("select count(*) from outbox_event where worker_id = ? or payload like '%"
                        + worker.subject().id() + "%'", id));
    }

    private static long count(String query, String workerId) {
        List<String> values = column(query, workerId);
        return Long.parseLong(values.get(0));
    }

    private static void erased(String workerId) {
        KafkaTopics.send(Topics.WORKER_REGISTRATIONS, workerId, null, headers(EventTypes.WORKER_ERASED));
    }

    private static Map<String, String> headers(String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", type,
                "ce_source", EventTypes.SOURCE_REGISTRY_SERVICE);
    }

    private record Worker(TestTokens.Subject subject, String alarmId, String cancelledAlarmId, TestDevice device) {
    }
}

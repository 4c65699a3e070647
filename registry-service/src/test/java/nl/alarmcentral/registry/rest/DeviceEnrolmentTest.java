package nl.alarmcentral.registry.rest;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.registry.DeviceTestSupport.BINDING_KEY;
import static nl.alarmcentral.registry.DeviceTestSupport.bind;
import static nl.alarmcentral.registry.DeviceTestSupport.bindNew;
import static nl.alarmcentral.registry.DeviceTestSupport.count;
import static nl.alarmcentral.registry.DeviceTestSupport.issueCode;
import static nl.alarmcentral.registry.DeviceTestSupport.metric;
import static nl.alarmcentral.registry.DeviceTestSupport.newCoordinator;
import static nl.alarmcentral.registry.DeviceTestSupport.newDeviceId;
import static nl.alarmcentral.registry.DeviceTestSupport.parse;
import static nl.alarmcentral.registry.DeviceTestSupport.records;
import static nl.alarmcentral.registry.DeviceTestSupport.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import nl.alarmcentral.contract.device.DeviceSecretSeal;
import nl.alarmcentral.contract.event.DeviceBinding;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.DeviceTestSupport;
import nl.alarmcentral.registry.service.DeviceService;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class DeviceEnrolmentTest {

    private static final Duration ON_TOPIC = Duration.ofSeconds(3);
    private static final String CODE_FORMAT = "[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}";

    @Test
    void aWorkersCodeLetsACoordinatorBindAButtonWhoseSealedSecretReachesTheTopic() throws Exception {
        TestTokens.Subject worker = TestTokens.newWorker();
        String coordinator = newCoordinator();
        String deviceId = newDeviceId();
        double bound = metric("alarmcentral_devices_bound_total", null, null);
        double issued = metric("alarmcentral_enrolment_codes_issued_total", null, null);

        Instant before = Instant.now();
        var code = given().auth().oauth2(worker.token())
                .when().post("/api/me/enrolment-codes")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .extract();
        assertThat(code.<String>path("code")).matches(CODE_FORMAT);
        assertThat(Instant.parse(code.path("expiresAt")))
                .isBetween(before.plus(Duration.ofMinutes(15)).minusSeconds(1), Instant.now().plus(Duration.ofMinutes(15)));

        var answer = bind(coordinator, deviceId, code.path("code"), 120)
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("deviceId", equalTo(deviceId))
                .extract();
        String secret = answer.path("secret");
        assertThat(secret).as("256 random bits, base64url").matches("[A-Za-z0-9_-]{43}");
        assertThat(answer.<Map<String, Object>>path("$")).containsOnlyKeys("deviceId", "secret");

        List<ConsumerRecord<String, String>> published = records(deviceId, ON_TOPIC);
        assertThat(published).hasSize(1);
        ConsumerRecord<String, String> record = published.get(0);
        assertThat(KafkaTopics.header(record, "ce_type")).isEqualTo(EventTypes.DEVICE_BOUND);
        assertThat(KafkaTopics.header(record, "ce_source")).isEqualTo(EventTypes.SOURCE_REGISTRY_SERVICE);
        assertThat(KafkaTopics.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(KafkaTopics.header(record, "ce_id")).isNotBlank();
        DeviceBinding binding = parse(record);
        assertThat(binding.deviceId()).isEqualTo(deviceId);
        assertThat(binding.workerId()).isEqualTo(worker.id());
        assertThat(binding.heartbeatIntervalSeconds()).isEqualTo(120);
        assertThat(binding.boundAt()).isBetween(before, Instant.now());
        assertThat(binding.encryptedSecret()).hasSizeLessThanOrEqualTo(512).doesNotContain(secret);
        assertThat(new String(new DeviceSecretSeal(BINDING_KEY).decrypt(deviceId, binding.encryptedSecret()),
                StandardCharsets.UTF_8)).isEqualTo(secret);
        assertThat(record.value()).doesNotContain(secret).contains("\"boundAt\":\"");
        assertThat(binding.workerId()).as("alarm-service's limit").hasSizeLessThanOrEqualTo(64);

        given().auth().oauth2(worker.token()).when().get("/api/me/devices")
                .then().statusCode(200)
                .body("devices.size()", equalTo(1))
                .body("devices[0].deviceId", equalTo(deviceId))
                .body("devices[0].heartbeatIntervalSeconds", equalTo(120))
                .body("devices[0].boundAt", equalTo(binding.boundAt().toString()))
                .body(not(containsString(secret)));
        assertThat(metric("alarmcentral_devices_bound_total", null, null)).isEqualTo(bound + 1);
        assertThat(metric("alarmcentral_enrolment_codes_issued_total", null, null)).isEqualTo(issued + 1);
    }

    @Test
    void theHeartbeatIntervalDefaultsToFiveMinutesAndCodesMayBeTypedLoosely() {
        TestTokens.Subject worker = TestTokens.newWorker();
        String deviceId = newDeviceId();
        String typed = " " + issueCode(worker).toLowerCase().replace("-", " ") + " ";
        bind(newCoordinator(), deviceId, typed, null).statusCode(201);
        given().auth().oauth2(worker.token()).when().get("/api/me/devices")
                .then().statusCode(200).body("devices[0].heartbeatIntervalSeconds", equalTo(300));
    }

    @Test
    void aCodeBindsOnlyOnce() {
        TestTokens.Subject worker = TestTokens.newWorker();
        String code = issueCode(worker);
        bind(newCoordinator(), newDeviceId(), code, null).statusCode(201);

        String second = newDeviceId();
        bind(newCoordinator(), second, code, null).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:validation"))
                .body("violations.field", hasItem("enrolmentCode"));
        assertThat(count("SELECT count(*) FROM device WHERE device_id = ?", second)).isZero();
        assertThat(count("SELECT count(*) FROM enrolment_code WHERE worker_id = ?", worker.id()))
                .as("a used code is gone").isZero();
    }

    @Test
    void aNewCodeReplacesHerEarlierOne() {
        TestTokens.Subject worker = TestTokens.newWorker();
        String first = issueCode(worker);
        String second = issueCode(worker);
        assertThat(second).isNotEqualTo(first);

        bind(newCoordinator(), newDeviceId(), first, null).statusCode(400).body("violations.field", hasItem("enrolmentCode"));
        bind(newCoordinator(), newDeviceId(), second, null).statusCode(201);
    }

    @Test
    void anExpiredCodeIsRefusedAndSaysSo() {
        TestTokens.Subject worker = TestTokens.newWorker();
        String code = issueCode(worker);
        double expired = metric("alarmcentral_enrolment_codes_refused_total", "reason", "expired");
        assertThat(update("UPDATE enrolment_code SET expires_at = now() - interval '1 second' WHERE worker_id = ?", worker.id()))
                .isEqualTo(1);

        String deviceId = newDeviceId();
        bind(newCoordinator(), deviceId, code, null).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:validation"))
                .body("violations.field", hasItem("enrolmentCode"))
                .body("detail", containsString("expired"));
        assertThat(count("SELECT count(*) FROM device WHERE device_id = ?", deviceId)).isZero();
        assertThat(metric("alarmcentral_enrolment_codes_refused_total", "reason", "expired")).isEqualTo(expired + 1);
    }

    @Test
    void aCoordinatorWhoEntersFiveWrongCodesIsLockedOutEvenWithTheRightOne() {
        String guesser = newCoordinator();
        TestTokens.Subject worker = TestTokens.newWorker();
        String code = issueCode(worker);
        double wrong = metric("alarmcentral_enrolment_codes_refused_total", "reason", "wrong");
        double locked = metric("alarmcentral_enrolment_codes_refused_total", "reason", "locked");

        for (String guess : List.of("AAAA-AAAA", "BBBB-BBBB", "not a code", "CCCC-CCCC", "DDDD-DDDD")) {
            bind(guesser, newDeviceId(), guess, null).statusCode(400).body("violations.field", hasItem("enrolmentCode"));
        }
        String deviceId = newDeviceId();
        bind(guesser, deviceId, code, null).statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", not(emptyOrNullString()))
                .body("status", equalTo(429));
        assertThat(count("SELECT count(*) FROM device WHERE device_id = ?", deviceId)).isZero();
        assertThat(metric("alarmcentral_enrolment_codes_refused_total", "reason", "wrong")).isEqualTo(wrong + 5);
        assertThat(metric("alarmcentral_enrolment_codes_refused_total", "reason", "locked")).isEqualTo(locked + 1);

        // The lock is hers alone, and the code was not used up by the refused try.
        bind(newCoordinator(), deviceId, code, null).statusCode(201);
    }

    @Test
    void theLockEndsAfterItsTime() {
        String subject = "coordinator-" + UUID.randomUUID();
        String coordinator = TestTokens.user(subject, Set.of("coordinator"));
        for (int i = 0; i < 5; i++) {
            bind(coordinator, newDeviceId(), "AAAA-AAAA", null).statusCode(400);
        }
        bind(coordinator, newDeviceId(), "AAAA-AAAA", null).statusCode(429);
        assertThat(update("UPDATE enrolment_guard SET locked_until = now() - interval '1 second', "
                + "window_start = now() - interval '1 second' WHERE coordinator_id = ?", subject)).isEqualTo(1);

        bind(coordinator, newDeviceId(), issueCode(TestTokens.newWorker()), null).statusCode(201);
    }

    @Test
    void aBoundButtonCannotBeBoundAgainAndTheSecondCodeStaysUsable() {
        String deviceId = newDeviceId();
        bindNew(TestTokens.newWorker(), deviceId);

        TestTokens.Subject other = TestTokens.newWorker();
        String code = issueCode(other);
        bind(newCoordinator(), deviceId, code, null).statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:conflict"));
        bind(newCoordinator(), newDeviceId(), code, null).statusCode(201);
    }

    @Test
    void coordinatorsSeeBoundButtonsButNotWhoseTheyAre() {
        TestTokens.Subject worker = TestTokens.newWorker();
        String deviceId = newDeviceId();
        String secret = bindNew(worker, deviceId);

        var list = given().auth().oauth2(newCoordinator()).when().get("/api/devices")
                .then().statusCode(200)
                .body(not(containsString(worker.id())))
                .body(not(containsString(secret)))
                .extract();
        List<Map<String, Object>> mine = list.<List<Map<String, Object>>>path("devices").stream()
                .filter(device -> deviceId.equals(device.get("deviceId"))).toList();
        assertThat(mine).singleElement().satisfies(device -> {
            assertThat(device).containsOnlyKeys("deviceId", "status", "boundAt", "lastChangedAt");
            assertThat(device.get("status")).isEqualTo("BOUND");
            assertThat(device.get("lastChangedAt")).isEqualTo(device.get("boundAt"));
        });
    }

    @Test
    void aWorkerUnbindsHerOwnButtonButNotSomeoneElses() {
        TestTokens.Subject owner = TestTokens.newWorker();
        TestTokens.Subject other = TestTokens.newWorker();
        String deviceId = newDeviceId();
        bindNew(owner, deviceId);
        double byWorker = metric("alarmcentral_devices_unbound_total", "by", "worker");

        given().auth().oauth2(other.token()).when().get("/api/me/devices")
                .then().statusCode(200).body("devices.size()", equalTo(0));
        given().auth().oauth2(other.token()).when().delete("/api/me/devices/" + deviceId)
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(count("SELECT count(*) FROM device WHERE device_id = ?", deviceId)).isEqualTo(1);

        given().auth().oauth2(owner.token()).when().delete("/api/me/devices/" + deviceId).then().statusCode(204);
        given().auth().oauth2(owner.token()).when().get("/api/me/devices")
                .then().statusCode(200).body("devices.size()", equalTo(0));
        assertThat(count("SELECT count(*) FROM device WHERE device_id = ?", deviceId)).isZero();
        assertTombstoneIsLast(deviceId);
        assertThat(metric("alarmcentral_devices_unbound_total", "by", "worker")).isEqualTo(byWorker + 1);
        given().auth().oauth2(owner.token()).when().delete("/api/me/devices/" + deviceId).then().statusCode(404);
    }

    @Test
    void aCoordinatorUnbindsAButtonWithATombstone() {
        String deviceId = newDeviceId();
        bindNew(TestTokens.newWorker(), deviceId);
        String coordinator = newCoordinator();

        given().auth().oauth2(coordinator).when().delete("/api/devices/" + deviceId).then().statusCode(204);
        assertTombstoneIsLast(deviceId);
        given().auth().oauth2(coordinator).when().get("/api/devices")
                .then().statusCode(200).body("devices.deviceId", not(hasItem(deviceId)));
        given().auth().oauth2(coordinator).when().delete("/api/devices/" + deviceId)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void neitherTheSecretNorTheCodeIsStoredInPlainText() throws Exception {
        TestTokens.Subject worker = TestTokens.newWorker();
        String code = issueCode(worker);
        try (Connection db = DeviceTestSupport.database();
                PreparedStatement query = db.prepareStatement("SELECT code_hash FROM enrolment_code WHERE worker_id = ?")) {
            query.setString(1, worker.id());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).doesNotContain(code).doesNotContain(code.replace("-", ""));
            }
        }

        String deviceId = newDeviceId();
        String secret = bind(newCoordinator(), deviceId, code, null).statusCode(201).extract().path("secret");
        try (Connection db = DeviceTestSupport.database();
                PreparedStatement query = db.prepareStatement("SELECT * FROM device WHERE device_id = ?")) {
            query.setString(1, deviceId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    byte[] stored = row.getBytes(column);
                    assertThat(stored == null ? "" : new String(stored, StandardCharsets.ISO_8859_1))
                            .as(row.getMetaData().getColumnName(column)).doesNotContain(secret);
                }
                assertThat(row.getString("worker_id")).isEqualTo(worker.id());
            }
        }
    }

    @Test
    void herWithdrawalUnbindsAllHerButtonsAndDeletesHerCode() throws Throwable {
        TestTokens.Subject worker = TestTokens.newWorker();
        String first = newDeviceId();
        String second = newDeviceId();
        bindNew(worker, first);
        bindNew(worker, second);
        String otherDevice = newDeviceId();
        bindNew(TestTokens.newWorker(), otherDevice);
        issueCode(worker);

        DeviceService devices = Arc.container().instance(DeviceService.class).get();
        assertThat(VertxContextSupport.subscribeAndAwait(() -> devices.unbindAllOf(worker.id()))).isEqualTo(2);

        assertThat(count("SELECT count(*) FROM device WHERE worker_id = ?", worker.id())).isZero();
        assertThat(count("SELECT count(*) FROM enrolment_code WHERE worker_id = ?", worker.id())).isZero();
        assertTombstoneIsLast(first);
        assertTombstoneIsLast(second);
        assertThat(count("SELECT count(*) FROM device WHERE device_id = ?", otherDevice)).isEqualTo(1);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> devices.unbindAllOf(worker.id())))
                .as("again: nothing left").isZero();
    }

    @Test
    void herWithdrawalThroughTheApiUnbindsHerButtons() {
        TestTokens.Subject worker = TestTokens.newWorker();
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"workingName\":\"Roxy\"}")
                .when().put("/api/me/profile").then().statusCode(200);
        String deviceId = newDeviceId();
        bindNew(worker, deviceId);

        given().auth().oauth2(worker.token()).when().delete("/api/me").then().statusCode(org.hamcrest.Matchers.oneOf(202, 204));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("SELECT count(*) FROM device WHERE worker_id = ?", worker.id()) == 0);
        assertTombstoneIsLast(deviceId);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        String coordinator = newCoordinator();
        String code = "AAAA-BBBB";
        bind(coordinator, "no spaces please", code, null).statusCode(400)
                .body("type", equalTo("urn:alarmcentral:problem:validation")).body("violations.field", hasItem("deviceId"));
        bind(coordinator, "x".repeat(65), code, null).statusCode(400).body("violations.field", hasItem("deviceId"));
        bind(coordinator, "", code, null).statusCode(400).body("violations.field", hasItem("deviceId"));
        bind(coordinator, newDeviceId(), code, 29).statusCode(400).body("violations.field", hasItem("heartbeatIntervalSeconds"));
        bind(coordinator, newDeviceId(), code, 86401).statusCode(400).body("violations.field", hasItem("heartbeatIntervalSeconds"));
        bind(coordinator, newDeviceId(), "", null).statusCode(400).body("violations.field", hasItem("enrolmentCode"));
        bind(coordinator, newDeviceId(), "A".repeat(33), null).statusCode(400).body("violations.field", hasItem("enrolmentCode"));
        given().auth().oauth2(coordinator).contentType(ContentType.JSON).body("{\"deviceId\":\"b1\"}")
                .when().post("/api/devices").then().statusCode(400).body("violations.field", hasItem("enrolmentCode"));
        given().auth().oauth2(coordinator).contentType(ContentType.JSON)
                .body("{\"deviceId\":\"b1\",\"enrolmentCode\":\"" + code + "\",\"workerId\":\"someone\"}")
                .when().post("/api/devices").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:malformed-request"));
        given().auth().oauth2(coordinator).contentType(ContentType.JSON)
                .body("{\"deviceId\":\"b1\",\"enrolmentCode\":\"" + code + "\",\"heartbeatIntervalSeconds\":\"often\"}")
                .when().post("/api/devices").then().statusCode(400)
                .body("detail", containsString("heartbeatIntervalSeconds"));
        given().auth().oauth2(coordinator).when().delete("/api/devices/bad!id").then().statusCode(400)
                .body("violations.field", hasItem("deviceId"));
        given().auth().oauth2(TestTokens.newWorker().token()).when().delete("/api/me/devices/bad!id").then().statusCode(400)
                .body("violations.field", hasItem("deviceId"));
    }

    @Test
    void metricsNameNoDevice() {
        String deviceId = newDeviceId();
        bindNew(TestTokens.newWorker(), deviceId);
        given().auth().oauth2(newCoordinator()).when().delete("/api/devices/" + deviceId).then().statusCode(204);
        given().when().delete("/api/devices/" + deviceId).then().statusCode(401);
        assertThat(DeviceTestSupport.metrics()).doesNotContain(deviceId);
    }

    /** The last record for the device is a tombstone: a null value, which alarm-service reads as "unbound". */
    private static void assertTombstoneIsLast(String deviceId) {
        List<ConsumerRecord<String, String>> found = records(deviceId, ON_TOPIC);
        assertThat(found).isNotEmpty();
        ConsumerRecord<String, String> last = found.get(found.size() - 1);
        assertThat(last.value()).as("a tombstone").isNull();
        assertThat(KafkaTopics.header(last, "ce_type")).as("no event type: alarm-service unbinds on any null value").isNull();
    }
}

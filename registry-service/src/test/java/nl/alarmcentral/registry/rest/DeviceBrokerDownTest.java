package nl.alarmcentral.registry.rest;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.registry.DeviceTestSupport.bind;
import static nl.alarmcentral.registry.DeviceTestSupport.count;
import static nl.alarmcentral.registry.DeviceTestSupport.issueCode;
import static nl.alarmcentral.registry.DeviceTestSupport.newCoordinator;
import static nl.alarmcentral.registry.DeviceTestSupport.newDeviceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.infra.Ports;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.DeviceTestSupport;

/**
 * When the broker cannot take a binding or an unbinding, the caller is told so (503 with
 * Retry-After) and nothing changed: no button is half-bound or half-unbound, and her code still
 * works for the retry.
 */
@QuarkusTest
@TestProfile(DeviceBrokerDownTest.NoBroker.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class DeviceBrokerDownTest {

    /** Points the producer at a port where no broker listens. */
    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + Ports.free(),
                    "registry.devices.publish-timeout", "2s",
                    "registry.devices.retry-after", "3s");
        }
    }

    @Test
    void aBindingThatCannotBePublishedIsA503AndBindsNothing() {
        TestTokens.Subject worker = TestTokens.newWorker();
        String code = issueCode(worker);
        String deviceId = newDeviceId();
        double unpublished = DeviceTestSupport.metric("alarmcentral_device_bindings_unpublished_total", "operation", "bind");

        bind(newCoordinator(), deviceId, code, null).statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("3"))
                .body("type", equalTo("urn:alarmcentral:problem:unavailable"));

        assertThat(count("SELECT count(*) FROM device WHERE device_id = ?", deviceId)).as("nothing half-bound").isZero();
        assertThat(count("SELECT count(*) FROM enrolment_code WHERE worker_id = ?", worker.id()))
                .as("her code is still there for the retry").isEqualTo(1);
        assertThat(DeviceTestSupport.metric("alarmcentral_device_bindings_unpublished_total", "operation", "bind"))
                .isEqualTo(unpublished + 1);
    }

    @Test
    void anUnbindingThatCannotBePublishedIsA503AndTheButtonStaysBound() throws Exception {
        String deviceId = newDeviceId();
        try (Connection db = DeviceTestSupport.database();
                PreparedStatement insert = db.prepareStatement("INSERT INTO device (device_id, worker_id, secret, "
                        + "heartbeat_interval_seconds, bound_at, changed_at) VALUES (?, ?, ?, 300, ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            insert.setString(1, deviceId);
            insert.setString(2, TestTokens.newWorker().id());
            insert.setBytes(3, new byte[] {1, 2, 3});
            insert.setTimestamp(4, now);
            insert.setTimestamp(5, now);
            insert.executeUpdate();
        }

        given().auth().oauth2(newCoordinator()).when().delete("/api/devices/" + deviceId)
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("3"));

        assertThat(count("SELECT count(*) FROM device WHERE device_id = ?", deviceId)).as("still bound").isEqualTo(1);
    }
}

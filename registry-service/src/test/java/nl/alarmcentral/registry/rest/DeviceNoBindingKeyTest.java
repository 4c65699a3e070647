package nl.alarmcentral.registry.rest;

import static nl.alarmcentral.registry.DeviceTestSupport.bind;
import static nl.alarmcentral.registry.DeviceTestSupport.count;
import static nl.alarmcentral.registry.DeviceTestSupport.issueCode;
import static nl.alarmcentral.registry.DeviceTestSupport.newCoordinator;
import static nl.alarmcentral.registry.DeviceTestSupport.newDeviceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * Without the binding key the registry still starts (dispatch cards matter more than new buttons):
 * binding answers 503 and uses nothing up; codes can still be asked for.
 */
@QuarkusTest
@TestProfile(DeviceNoBindingKeyTest.NoKey.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class DeviceNoBindingKeyTest {

    /** Takes the test key away. */
    public static class NoKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registry.devices.binding-key", "");
        }
    }

    @Test
    void bindingIsUnavailableAndHerCodeStays() {
        TestTokens.Subject worker = TestTokens.newWorker();
        String code = issueCode(worker);
        String deviceId = newDeviceId();

        bind(newCoordinator(), deviceId, code, null).statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:unavailable"));

        assertThat(count("SELECT count(*) FROM device WHERE device_id = ?", deviceId)).isZero();
        assertThat(count("SELECT count(*) FROM enrolment_code WHERE worker_id = ?", worker.id())).isEqualTo(1);
    }
}

package nl.alarmcentral.alarm.messaging;

import static nl.alarmcentral.alarm.DeviceTestSupport.bindingHeaders;
import static nl.alarmcentral.alarm.DeviceTestSupport.event;
import static nl.alarmcentral.alarm.DeviceTestSupport.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.alarm.DeviceTestSupport;
import nl.alarmcentral.alarm.DeviceTestSupport.TestDevice;
import nl.alarmcentral.alarm.crypto.DeviceSecretCipher;
import nl.alarmcentral.contract.event.DeviceBinding;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class DeviceBindingConsumerTest {

    private static final Duration BINDING_APPLIED = Duration.ofSeconds(20);

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void aBindingFromTheTopicLetsTheDeviceRaiseAlarmsAndATombstoneUnbindsIt() throws Exception {
        TestDevice device = newDevice();

        publish(device.deviceId(), DeviceTestSupport.binding(device, 300, Instant.now()));

        await().atMost(BINDING_APPLIED).pollInterval(Duration.ofMillis(200))
                .until(() -> device.send(event("HEARTBEAT", UUID.randomUUID())).extract().statusCode() == 204);
        String alarmId = device.send(event("SOS", UUID.randomUUID())).statusCode(202).extract().path("alarmId");
        assertThat(DeviceTestSupport.events(device.workerId(), EventTypes.ALARM_RAISED, Duration.ofSeconds(3)))
                .singleElement().satisfies(r -> assertThat(KafkaTopics.header(r, "ce_id")).isEqualTo(alarmId));

        DeviceTestSupport.sendTombstone(Topics.DEVICE_BINDINGS, device.deviceId());

        await().atMost(BINDING_APPLIED).pollInterval(Duration.ofMillis(200))
                .until(() -> device.send(event("HEARTBEAT", UUID.randomUUID())).extract().statusCode() == 401);
        device.send(event("SOS", UUID.randomUUID())).statusCode(401);
    }

    @Test
    void aRebindingMovesTheDeviceToTheNewWorkerWithItsNewSecret() {
        TestDevice before = newDevice();
        publish(before.deviceId(), DeviceTestSupport.binding(before, 300, Instant.now().minusSeconds(60)));
        await().atMost(BINDING_APPLIED).pollInterval(Duration.ofMillis(200))
                .until(() -> before.send(event("HEARTBEAT", UUID.randomUUID())).extract().statusCode() == 204);

        TestDevice after = new TestDevice(before.deviceId(), UUID.randomUUID().toString(), "secret-" + UUID.randomUUID());
        publish(after.deviceId(), DeviceTestSupport.binding(after, 300, Instant.now()));
        await().atMost(BINDING_APPLIED).pollInterval(Duration.ofMillis(200))
                .until(() -> after.send(event("HEARTBEAT", UUID.randomUUID())).extract().statusCode() == 204);

        before.send(event("SOS", UUID.randomUUID())).statusCode(401);
        after.send(event("SOS", UUID.randomUUID())).statusCode(202);
        assertThat(DeviceTestSupport.events(after.workerId(), EventTypes.ALARM_RAISED, Duration.ofSeconds(3))).hasSize(1);
        assertThat(DeviceTestSupport.events(before.workerId(), EventTypes.ALARM_RAISED, Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void unreadableBindingsAreSkippedAndLaterBindingsStillApply() throws Exception {
        TestDevice device = newDevice();
        double unreadable = skipped("unreadable");
        double undecryptable = skipped("undecryptable");
        double unknownType = skipped("unknown_type");

        KafkaTopics.send(Topics.DEVICE_BINDINGS, device.deviceId(), "{not json", bindingHeaders());
        DeviceBinding wrongKey = new DeviceBinding(device.deviceId(), device.workerId(),
                new DeviceSecretCipher(Base64.getEncoder().encodeToString(new byte[32])).encrypt(device.deviceId(), device.secret()),
                300, Instant.now());
        publish(device.deviceId(), wrongKey);
        KafkaTopics.send(Topics.DEVICE_BINDINGS, device.deviceId(),
                json.writeValueAsString(DeviceTestSupport.binding(device, 300, Instant.now())),
                Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", "nl.alarmcentral.other.v1",
                        "ce_source", EventTypes.SOURCE_REGISTRY_SERVICE));
        publish(device.deviceId(), DeviceTestSupport.binding(device, 300, Instant.now()));

        await().atMost(BINDING_APPLIED).pollInterval(Duration.ofMillis(200))
                .until(() -> device.send(event("HEARTBEAT", UUID.randomUUID())).extract().statusCode() == 204);
        assertThat(skipped("unreadable")).isEqualTo(unreadable + 1);
        assertThat(skipped("undecryptable")).isEqualTo(undecryptable + 1);
        assertThat(skipped("unknown_type")).isEqualTo(unknownType + 1);
    }

    private static TestDevice newDevice() {
        return new TestDevice("button-" + UUID.randomUUID(), UUID.randomUUID().toString(), "secret-" + UUID.randomUUID());
    }

    private void publish(String key, DeviceBinding binding) {
        try {
            KafkaTopics.send(Topics.DEVICE_BINDINGS, key, json.writeValueAsString(binding), bindingHeaders());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double skipped(String reason) {
        return metric("alarmcentral_device_bindings_skipped_total", "reason", reason);
    }
}

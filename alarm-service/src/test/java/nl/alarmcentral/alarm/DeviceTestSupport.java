package nl.alarmcentral.alarm;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.crypto.DeviceSecretCipher;
import nl.alarmcentral.alarm.service.DeviceBindingService;
import nl.alarmcentral.contract.event.DeviceBinding;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.SharedTestInfra;

/**
 * What the device tests share: a button that signs its requests as {@code docs/devices.md} says
 * (computed here independently of the service's own code), bindings, and the metrics page.
 */
public final class DeviceTestSupport {

    private DeviceTestSupport() {
    }

    /** A bound button of a new worker. */
    public record TestDevice(String deviceId, String workerId, String secret) {

        /** Sends a body signed now. */
        public ValidatableResponse send(String body) {
            return send(Instant.now().getEpochSecond(), body);
        }

        /** Sends a body signed with the given timestamp. */
        public ValidatableResponse send(long timestamp, String body) {
            String ts = Long.toString(timestamp);
            return DeviceTestSupport.send(deviceId, ts, sign(secret, ts, body), body);
        }
    }

    /** Binds a new button to a new worker (as if the binding came from the topic). */
    public static TestDevice bindNewDevice(int heartbeatIntervalSeconds, Instant boundAt) {
        TestDevice device = new TestDevice("button-" + UUID.randomUUID(), UUID.randomUUID().toString(),
                "secret-" + UUID.randomUUID());
        bind(device, heartbeatIntervalSeconds, boundAt);
        return device;
    }

    public static TestDevice bindNewDevice() {
        return bindNewDevice(300, Instant.now());
    }

    public static void bind(TestDevice device, int heartbeatIntervalSeconds, Instant boundAt) {
        DeviceBindingService bindings = Arc.container().instance(DeviceBindingService.class).get();
        BoundDevice checked = bindings.check(device.deviceId(), binding(device, heartbeatIntervalSeconds, boundAt));
        await(() -> bindings.bind(checked));
    }

    /** The binding registry-service would publish for the device. */
    public static DeviceBinding binding(TestDevice device, int heartbeatIntervalSeconds, Instant boundAt) {
        String encrypted = Arc.container().instance(DeviceSecretCipher.class).get().encrypt(device.deviceId(), device.secret());
        return new DeviceBinding(device.deviceId(), device.workerId(), encrypted, heartbeatIntervalSeconds, boundAt);
    }

    /** Runs reactive service code (which needs a Vert.x context) from a test thread and waits for it. */
    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request with the given headers (null: header left out). */
    public static ValidatableResponse send(String deviceId, String timestamp, String signature, String body) {
        var request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (timestamp != null) {
            request.header("X-Device-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Device-Signature", signature);
        }
        return request.when().post("/api/devices/" + deviceId + "/events").then();
    }

    /** HMAC-SHA256(secret, timestamp + "\n" + body), lowercase hex. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "\n" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String event(String type, UUID eventId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\"}";
    }

    /** Events on alarm.events for a worker, of one type, read for {@code within}. */
    public static List<ConsumerRecord<String, String>> events(String workerId, String type, Duration within) {
        return KafkaTopics.readAll(Topics.ALARM_EVENTS,
                r -> workerId.equals(r.key()) && type.equals(KafkaTopics.header(r, "ce_type")), within);
    }

    /** All events on alarm.events for a worker, read for {@code within}. */
    public static List<ConsumerRecord<String, String>> events(String workerId, Duration within) {
        return KafkaTopics.readAll(Topics.ALARM_EVENTS, r -> workerId.equals(r.key()), within);
    }

    /** Sends a tombstone (null value) for a key, as registry-service does to unbind a button. */
    public static void sendTombstone(String topic, String key) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, null)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not send a tombstone to " + topic, e);
        }
    }

    /** The CloudEvent headers registry-service puts on a binding. */
    public static Map<String, String> bindingHeaders() {
        return Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_type", EventTypes.DEVICE_BOUND, "ce_source", EventTypes.SOURCE_REGISTRY_SERVICE);
    }

    /** The current value of a counter on /q/metrics (0 if absent). */
    public static double metric(String name, String tagName, String tagValue) {
        String page = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        String labels = tagName == null ? "" : "\\{[^}]*" + tagName + "=\"" + Pattern.quote(tagValue) + "\"[^}]*\\}";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + labels + " ([0-9.eE+-]+)$").matcher(page);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    public static double rejected(String reason) {
        return metric("alarmcentral_device_events_rejected_total", "reason", reason);
    }
}

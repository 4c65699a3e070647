package nl.alarmcentral.registry;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import nl.alarmcentral.contract.event.DeviceBinding;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.SharedTestInfra;
import nl.alarmcentral.infra.test.TestTokens;

/** What the device tests share: tokens, the enrolment steps over HTTP, the topic, the database and metrics. */
public final class DeviceTestSupport {

    /** The binding key of the test profile: the same as alarm-service's tests use. */
    public static final String BINDING_KEY = "ZGV2aWNlLWJpbmRpbmcta2V5LWZvci10ZXN0cy0wMDE=";

    /** How alarm-service reads a binding: unknown fields ignored, ISO-8601 times. */
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private DeviceTestSupport() {
    }

    /** A token for a new coordinator (a fresh one per test, so wrong-code counts do not mix). */
    public static String newCoordinator() {
        return TestTokens.user("coordinator-" + UUID.randomUUID(), Set.of("coordinator"));
    }

    public static String newDeviceId() {
        return "button-" + UUID.randomUUID();
    }

    /** Her new enrolment code. */
    public static String issueCode(TestTokens.Subject worker) {
        return given().auth().oauth2(worker.token())
                .when().post("/api/me/enrolment-codes")
                .then().statusCode(200)
                .extract().path("code");
    }

    /** A bind request, whatever its answer. */
    public static ValidatableResponse bind(String coordinator, String deviceId, String code, Integer heartbeatIntervalSeconds) {
        String body = "{\"deviceId\":\"" + deviceId + "\",\"enrolmentCode\":\"" + code + "\""
                + (heartbeatIntervalSeconds == null ? "" : ",\"heartbeatIntervalSeconds\":" + heartbeatIntervalSeconds) + "}";
        return given().auth().oauth2(coordinator).contentType(ContentType.JSON).body(body)
                .when().post("/api/devices").then();
    }

    /** Binds a new button to her; returns its secret. */
    public static String bindNew(TestTokens.Subject worker, String deviceId) {
        return bind(newCoordinator(), deviceId, issueCode(worker), null).statusCode(201).extract().path("secret");
    }

    /** Records on device.bindings for a device, read for {@code within}. */
    public static List<ConsumerRecord<String, String>> records(String deviceId, Duration within) {
        return KafkaTopics.readAll(Topics.DEVICE_BINDINGS, r -> deviceId.equals(r.key()), within);
    }

    public static DeviceBinding parse(ConsumerRecord<String, String> record) {
        try {
            return JSON.readValue(record.value(), DeviceBinding.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Connection database() throws SQLException {
        return DriverManager.getConnection(SharedTestInfra.postgres().jdbcUrl("registry"), "registry", "registry");
    }

    /** Runs a query with one text parameter and answers the count it selects. */
    public static int count(String sql, String parameter) {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs an update with one text parameter. */
    public static int update(String sql, String parameter) {
        try (Connection db = database(); PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The metrics page. */
    public static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** A counter's value (0 when absent), e.g. {@code metric("alarmcentral_devices_unbound_total", "by", "worker")}. */
    public static double metric(String name, String tag, String value) {
        String labels = tag == null ? "" : "\\{[^}]*" + tag + "=\"" + Pattern.quote(value) + "\"[^}]*\\}";
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + labels + "\\s+([0-9.eE+-]+)$").matcher(metrics());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}

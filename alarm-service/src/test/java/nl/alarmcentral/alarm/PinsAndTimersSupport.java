package nl.alarmcentral.alarm;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.SharedTestInfra;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * What the PIN, cancel and timer tests share: setting PINs and raising alarms through the API,
 * reading a worker's events, dispatch closing an incident, and reaching into the test database the way an operator (or a
 * stopped service) would, to make timers due without waiting for minutes.
 */
public final class PinsAndTimersSupport {

    public static final String CANCEL_PIN = "4719";
    public static final String DURESS_PIN = "90817";

    private PinsAndTimersSupport() {
    }

    /** A new worker with her PINs set and her public sealing keyset known ({@link SealingTestSupport#withKey}). */
    public static TestTokens.Subject workerWithPins() {
        TestTokens.Subject worker = TestTokens.newWorker();
        SealingTestSupport.withKey(worker.id());
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"cancelPin\":\"" + CANCEL_PIN + "\",\"duressPin\":\"" + DURESS_PIN + "\"}")
                .when().put("/api/me/pins")
                .then().statusCode(200);
        return worker;
    }

    /** Raises an alarm from the app; returns its id. */
    public static String raise(TestTokens.Subject worker, String kind) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"" + kind + "\",\"clientRef\":\"" + UUID.randomUUID() + "\"}")
                .when().post("/api/alarms")
                .then().statusCode(202).extract().path("alarmId");
    }

    /** What dispatch's service account gets from the alarm's details (claim check). */
    public static ValidatableResponse dispatchDetails(String alarmId) {
        return given().auth().oauth2(TestTokens.serviceAccount("dispatch-service", Set.of("svc-dispatch")))
                .when().get("/api/alarms/" + alarmId + "/details").then();
    }

    /** Starts a safety timer of hers with this request body. */
    public static ValidatableResponse start(TestTokens.Subject worker, String body) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body(body)
                .when().post("/api/me/timers").then();
    }

    /** Confirms a safety timer of hers with this PIN. */
    public static ValidatableResponse confirm(TestTokens.Subject worker, String timerId, String pin) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"pin\":\"" + pin + "\"}")
                .when().post("/api/me/timers/" + timerId + "/confirm").then();
    }

    /** Every event of one worker, watched for {@code within}. */
    public static List<ConsumerRecord<String, String>> eventsOf(TestTokens.Subject worker, Duration within) {
        return KafkaTopics.readAll(Topics.ALARM_EVENTS, r -> worker.id().equals(r.key()), within);
    }

    /** The CloudEvent types of those events, in order. */
    public static List<String> typesOf(List<ConsumerRecord<String, String>> events) {
        return events.stream().map(e -> KafkaTopics.header(e, "ce_type")).toList();
    }

    /**
     * Dispatch closes an incident of hers with these alarms on it: an {@code incident.closed} on
     * {@code incident.events} as dispatch-service publishes it; returns the incident id.
     */
    public static UUID incidentClosed(String workerId, String... alarmIds) {
        UUID incidentId = UUID.randomUUID();
        String ids = Arrays.stream(alarmIds).map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        KafkaTopics.send(Topics.INCIDENT_EVENTS, workerId, "{\"incidentId\":\"" + incidentId + "\",\"workerId\":\"" + workerId
                + "\",\"occurredAt\":\"" + Instant.now() + "\",\"alarmIds\":[" + ids + "]}",
                incidentHeaders(EventTypes.INCIDENT_CLOSED));
        return incidentId;
    }

    /** CloudEvent headers of an event of dispatch-service's on {@code incident.events}. */
    public static Map<String, String> incidentHeaders(String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", type,
                "ce_source", EventTypes.SOURCE_DISPATCH_SERVICE);
    }

    /** Runs an update on the alarm database; returns the row count. */
    public static int sql(String statement, Object... params) {
        try (Connection connection = connect(); PreparedStatement ps = connection.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of a query on the alarm database, as text. */
    public static List<String> column(String query, Object... params) {
        try (Connection connection = connect(); PreparedStatement ps = connection.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(SharedTestInfra.postgres().jdbcUrl("alarm"), "alarm", "alarm");
    }
}

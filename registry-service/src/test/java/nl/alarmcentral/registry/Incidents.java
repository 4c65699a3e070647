package nl.alarmcentral.registry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.restassured.response.ValidatableResponse;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.TestTokens;

/** Incidents as dispatch-service announces them, and card requests as it makes them. */
public final class Incidents {

    /** dispatch-service's service account. */
    public static final String DISPATCH = TestTokens.serviceAccount("dispatch-service", Set.of("svc-dispatch"));

    private Incidents() {
    }

    /** Opens an incident for her and waits until the registry knows it. */
    public static UUID open(String workerId) {
        UUID incidentId = UUID.randomUUID();
        publish(EventTypes.INCIDENT_OPENED, UUID.randomUUID().toString(), incidentId, workerId);
        awaitRecorded(incidentId, "opened_at");
        return incidentId;
    }

    /** Closes it now and waits until the registry knows. */
    public static void close(UUID incidentId, String workerId) {
        close(incidentId, workerId, Instant.now());
    }

    /** Closes it as of the given time (dispatch's {@code occurredAt}) and waits until the registry knows. */
    public static void close(UUID incidentId, String workerId, Instant closedAt) {
        publish(EventTypes.INCIDENT_CLOSED, UUID.randomUUID().toString(), incidentId, workerId, closedAt);
        awaitRecorded(incidentId, "closed_at");
    }

    /** Publishes an incident event the way dispatch-service does (CloudEvents, binary mode). */
    public static void publish(String type, String eventId, UUID incidentId, String workerId) {
        publish(type, eventId, incidentId, workerId, Instant.now());
    }

    private static void publish(String type, String eventId, UUID incidentId, String workerId, Instant occurredAt) {
        send(type, eventId, workerId, "{\"incidentId\":\"" + incidentId + "\",\"workerId\":\"" + workerId
                + "\",\"occurredAt\":\"" + occurredAt + "\"}");
    }

    /** Any payload with the given type and CloudEvent id. */
    public static void send(String type, String eventId, String key, String payload) {
        KafkaTopics.send(Topics.INCIDENT_EVENTS, key, payload, Map.of("ce_specversion", "1.0", "ce_id", eventId,
                "ce_type", type, "ce_source", EventTypes.SOURCE_DISPATCH_SERVICE, "content-type", "application/json"));
    }

    /** dispatch-service asks for her card. */
    public static ValidatableResponse card(String workerId, UUID incidentId) {
        return given().auth().oauth2(DISPATCH).queryParam("incidentId", incidentId)
                .when().get("/api/dispatch-cards/" + workerId).then();
    }

    private static void awaitRecorded(UUID incidentId, String column) {
        await().atMost(Duration.ofSeconds(30)).until(() -> RegistryDb.count(
                "SELECT count(*) FROM known_incident WHERE incident_id = ? AND " + column + " IS NOT NULL", incidentId) == 1);
    }
}

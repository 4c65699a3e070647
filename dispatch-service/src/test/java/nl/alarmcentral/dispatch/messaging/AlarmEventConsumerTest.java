package nl.alarmcentral.dispatch.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class AlarmEventConsumerTest {

    private static final String DISPATCHER = TestTokens.user("dispatcher-1", Set.of("dispatcher"));

    @Test
    void anAlarmOpensAnIncidentWithTheWorkersCard() {
        String worker = UUID.randomUUID().toString();
        stubCard(worker, "Roxy", "Ring twice; escape via the garden");
        UUID alarmId = UUID.randomUUID();

        publishRaised(alarmId, worker, "PANIC");

        Map<String, Object> incident = awaitIncident(alarmId, "AVAILABLE");
        assertThat(incident.get("status")).isEqualTo("OPEN");
        assertThat(incident.get("kind")).isEqualTo("PANIC");
        assertThat(path(incident, "card.workingName")).isEqualTo("Roxy");
        assertThat(path(incident, "card.safetyNote")).isEqualTo("Ring twice; escape via the garden");
        RegistryStubResource.server().verify(getRequestedFor(urlPathEqualTo("/api/dispatch-cards/" + worker))
                .withQueryParam("incidentId", matching(String.valueOf(incident.get("id"))))
                .withHeader("Authorization", matching("Bearer .+")));
    }

    @Test
    void aRedeliveredEventIsRecordedOnce() {
        String worker = UUID.randomUUID().toString();
        stubCard(worker, "Mia", null);
        UUID alarmId = UUID.randomUUID();

        publishRaised(alarmId, worker, "SILENT");
        publishRaised(alarmId, worker, "SILENT");
        UUID later = UUID.randomUUID();
        publishRaised(later, worker, "SILENT");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> mine = incidentsWithAlarm(alarmId);
            assertThat(mine).hasSize(1);
            assertThat((List<?>) mine.get(0).get("alarms")).hasSize(2);
        });
    }

    @Test
    void furtherAlarmsJoinTheWorkersOpenIncident() {
        String worker = UUID.randomUUID().toString();
        stubCard(worker, "Lola", null);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        publishRaised(first, worker, "PANIC");
        awaitIncident(first, "AVAILABLE");
        publishRaised(second, worker, "SILENT");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> withFirst = incidentsWithAlarm(first);
            assertThat(withFirst).hasSize(1);
            assertThat(path(withFirst.get(0), "alarms.alarmId")).isEqualTo(List.of(first.toString(), second.toString()));
        });
    }

    @Test
    void whenTheRegistryIsDownTheIncidentShowsAtOnceAndTheCardFollows() {
        String worker = UUID.randomUUID().toString();
        RegistryStubResource.server().stubFor(get(urlPathEqualTo("/api/dispatch-cards/" + worker))
                .willReturn(aResponse().withStatus(503)));
        UUID alarmId = UUID.randomUUID();

        publishRaised(alarmId, worker, "PANIC");
        awaitIncident(alarmId, "UNAVAILABLE");

        stubCard(worker, "Scarlett", "Code word pineapple");
        Map<String, Object> incident = awaitIncident(alarmId, "AVAILABLE");
        assertThat(path(incident, "card.workingName")).isEqualTo("Scarlett");
    }

    @Test
    void aWorkerWithoutRegistrationStillGetsAnIncident() {
        String worker = UUID.randomUUID().toString();
        RegistryStubResource.server().stubFor(get(urlPathEqualTo("/api/dispatch-cards/" + worker))
                .willReturn(aResponse().withStatus(404)));
        UUID alarmId = UUID.randomUUID();

        publishRaised(alarmId, worker, "PANIC");

        Map<String, Object> incident = awaitIncident(alarmId, "NONE");
        assertThat(path(incident, "card.workingName")).isNull();
    }

    @Test
    void anUnreadableEventIsDeadLetteredAndConsumingGoesOn() {
        String worker = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.ALARM_EVENTS, worker, "{not json", ceHeaders(UUID.randomUUID(), EventTypes.ALARM_RAISED));
        KafkaTopics.send(Topics.ALARM_EVENTS, worker, "{}", ceHeaders(UUID.randomUUID(), "com.example.unknown.v1"));

        stubCard(worker, "Nina", null);
        UUID valid = UUID.randomUUID();
        publishRaised(valid, worker, "PANIC");
        awaitIncident(valid, "AVAILABLE");

        assertThat(KafkaTopics.readAll(Topics.ALARM_EVENTS_DEAD_LETTER, r -> worker.equals(r.key()), Duration.ofSeconds(3)))
                .hasSize(2);
    }

    private static void stubCard(String worker, String workingName, String note) {
        String body = "{\"workerId\":\"" + worker + "\",\"workingName\":\"" + workingName + "\",\"safetyNote\":"
                + (note == null ? "null" : "\"" + note + "\"") + "}";
        RegistryStubResource.server().stubFor(get(urlPathEqualTo("/api/dispatch-cards/" + worker)).willReturn(okJson(body)));
    }

    static void publishRaised(UUID alarmId, String worker, String kind) {
        String payload = "{\"alarmId\":\"" + alarmId + "\",\"workerId\":\"" + worker + "\",\"kind\":\"" + kind
                + "\",\"channel\":\"APP\",\"raisedAt\":\"" + Instant.now() + "\"}";
        KafkaTopics.send(Topics.ALARM_EVENTS, worker, payload, ceHeaders(alarmId, EventTypes.ALARM_RAISED));
    }

    private static Map<String, String> ceHeaders(UUID id, String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", id.toString(), "ce_type", type,
                "ce_source", EventTypes.SOURCE_ALARM_SERVICE, "content-type", "application/json");
    }

    private static Map<String, Object> awaitIncident(UUID alarmId, String cardStatus) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<Map<String, Object>> found = incidentsWithAlarm(alarmId);
            return found.size() == 1 && cardStatus.equals(path(found.get(0), "card.status")) ? found.get(0) : null;
        }, m -> m != null);
    }

    static List<Map<String, Object>> incidentsWithAlarm(UUID alarmId) {
        JsonPath body = given().auth().oauth2(DISPATCHER).queryParam("status", "OPEN")
                .when().get("/api/incidents")
                .then().statusCode(200).extract().jsonPath();
        return body.<Map<String, Object>>getList("").stream()
                .filter(i -> ((List<?>) i.get("alarms")).stream()
                        .anyMatch(a -> alarmId.toString().equals(((Map<?, ?>) a).get("alarmId"))))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String path) {
        Object current = map;
        for (String part : path.split("\\.")) {
            if (current instanceof List<?> list) {
                return list.stream().map(e -> ((Map<String, Object>) e).get(part)).toList();
            }
            current = current == null ? null : ((Map<String, Object>) current).get(part);
        }
        return current;
    }
}

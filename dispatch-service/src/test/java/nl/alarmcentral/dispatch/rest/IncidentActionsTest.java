package nl.alarmcentral.dispatch.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static nl.alarmcentral.dispatch.Incidents.awaitWithAlarm;
import static nl.alarmcentral.dispatch.Incidents.entries;
import static nl.alarmcentral.dispatch.Incidents.path;
import static nl.alarmcentral.dispatch.Incidents.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import nl.alarmcentral.dispatch.AlarmEvents;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.DispatchDatabase;
import nl.alarmcentral.dispatch.Incidents;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.dispatch.service.IncidentCardStore;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * What dispatchers do with an incident through the API the console uses (docs/console-api.md):
 * every action lands on the timeline with who did it, the states follow, a finished incident
 * refuses more, and bad input is a 4xx problem.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class IncidentActionsTest {

    private static final String DISPATCHER = TestTokens.user("dispatcher-anna", Set.of("dispatcher"));
    private static final String SUPERVISOR = TestTokens.user("supervisor-bea", Set.of("supervisor"));

    @Inject
    DispatchDatabase database;

    @Inject
    IncidentCardStore memory;

    @Test
    void anIncidentGoesFromAlarmToClosedWithEveryStepOnItsTimeline() {
        String worker = registeredWorker("Roos");
        UUID alarmId = UUID.randomUUID();
        AlarmEvents.raised(alarmId, worker, "PANIC");
        String id = (String) awaitWithAlarm(alarmId, "AVAILABLE").get("id");

        Map<String, Object> summary = summary(id);
        assertThat(summary).containsEntry("status", "OPEN").containsEntry("workingName", "Roos")
                .containsEntry("lastAlarmId", alarmId.toString()).containsEntry("alarmCount", 1);

        act(id, "acknowledge", null).body("status", equalTo("ACKNOWLEDGED")).body("acknowledgedBy", equalTo("user-dispatcher-anna"));
        // Repeating it changes nothing: still taken once, by the first.
        Map<String, Object> again = act(SUPERVISOR, id, "acknowledge", null).statusCode(200).extract().jsonPath().getMap("");
        assertThat(again.get("acknowledgedBy")).isEqualTo("user-dispatcher-anna");
        assertThat(entries(again, "ACKNOWLEDGED")).hasSize(1);

        act(id, "notes", Map.of("text", "Called back, no answer on first try")).statusCode(200);
        act(id, "contact-attempts", Map.of("target", "WORKER", "result", "NO_ANSWER", "note", "rang 8 times")).statusCode(200);
        act(id, "help", Map.of("kind", "POLICE", "reference", "P-2026-118")).body("status", equalTo("HELP_SENT"))
                .body("helpSent[0].kind", equalTo("POLICE")).body("helpSent[0].reference", equalTo("P-2026-118"))
                .body("helpSent[0].by", equalTo("user-dispatcher-anna"));
        Map<String, Object> resolved = act(id, "resolve", Map.of("outcome", "POLICE_ATTENDED",
                "categories", List.of("PHYSICAL", "FINANCIAL"), "followUp", "CARE")).statusCode(200)
                .body("status", equalTo("RESOLVED")).body("outcome", equalTo("POLICE_ATTENDED"))
                .body("categories", equalTo(List.of("PHYSICAL", "FINANCIAL"))).body("followUp", equalTo("CARE"))
                .extract().jsonPath().getMap("");

        Map<String, Object> note = entries(resolved, "NOTE").get(0);
        assertThat(note).containsEntry("by", "user-dispatcher-anna").containsEntry("text", "Called back, no answer on first try");
        assertThat(entries(resolved, "CONTACT_ATTEMPT").get(0)).containsEntry("detail", "WORKER:NO_ANSWER")
                .containsEntry("text", "rang 8 times");
        assertThat(entries(resolved, "RESOLVED").get(0)).containsEntry("by", "user-dispatcher-anna");
        // It has left the console's list, and takes no more actions but closing.
        assertThat(summaries().stream().map(s -> s.get("id"))).doesNotContain(id);
        act(id, "notes", Map.of("text", "too late")).statusCode(409).contentType("application/problem+json");
        act(id, "acknowledge", null).statusCode(409);

        act(id, "close", null).body("status", equalTo("CLOSED")).body("card.status", equalTo("NONE"))
                .body("card.workingName", equalTo(null));
        // Dropped from memory with the closing (no card is ever in the database).
        assertThat(memory.card(UUID.fromString(id))).isNull();
        assertThat(entries(view(id), "CLOSED").get(0)).containsEntry("by", "user-dispatcher-anna");
        act(id, "close", null).statusCode(409);
    }

    @Test
    void sendingHelpOrResolvingTakesTheIncidentIfNobodyHad() {
        String id = Incidents.open();
        act(id, "help", Map.of("kind", "TRUSTED_CONTACT")).statusCode(200).body("acknowledgedBy", equalTo("user-dispatcher-anna"))
                .body("status", equalTo("HELP_SENT"));
        String other = Incidents.open();
        Map<String, Object> resolved = act(other, "resolve", Map.of("outcome", "FALSE_ALARM", "categories", List.of(),
                "followUp", "NONE")).statusCode(200).extract().jsonPath().getMap("");
        assertThat(resolved.get("acknowledgedAt")).isNotNull();
        assertThat(entries(resolved, "ACKNOWLEDGED")).hasSize(1);
        assertThat((List<?>) resolved.get("categories")).isEmpty();
    }

    @Test
    void anAlarmAfterHerIncidentWasResolvedOpensANewOne() {
        String worker = UUID.randomUUID().toString();
        UUID first = UUID.randomUUID();
        AlarmEvents.raised(first, worker, "PANIC");
        String id = (String) awaitWithAlarm(first, incident -> true).get("id");
        act(id, "resolve", Map.of("outcome", "FALSE_ALARM", "categories", List.of(), "followUp", "NONE")).statusCode(200);

        UUID second = UUID.randomUUID();
        AlarmEvents.raised(second, worker, "PANIC");
        String next = (String) awaitWithAlarm(second, incident -> true).get("id");
        assertThat(next).isNotEqualTo(id);
        assertThat(summary(next)).containsEntry("status", "OPEN");
    }

    @Test
    void badInputIsAProblemNeverAServerError() {
        String id = Incidents.open();
        act(id, "notes", Map.of("text", " ")).statusCode(400).contentType("application/problem+json");
        act(id, "notes", Map.of("text", "x".repeat(1001))).statusCode(400);
        act(id, "contact-attempts", Map.of("target", "NEIGHBOUR", "result", "REACHED")).statusCode(400)
                .contentType("application/problem+json");
        act(id, "help", Map.of("kind", "POLICE", "reference", "r".repeat(101))).statusCode(400);
        act(id, "resolve", Map.of("outcome", "HELP_GIVEN", "categories", List.of("SEXUAL", "SEXUAL"), "followUp", "NONE"))
                .statusCode(400).body("detail", containsString("categories"));
        act(id, "resolve", Map.of("outcome", "HELP_GIVEN", "followUp", "NONE")).statusCode(400);
        given().auth().oauth2(DISPATCHER).contentType(ContentType.JSON).body("{\"text\":")
                .when().post("/api/incidents/" + id + "/notes").then().statusCode(400).contentType("application/problem+json");
        act(UUID.randomUUID().toString(), "acknowledge", null).statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DISPATCHER).when().get("/api/incidents/" + UUID.randomUUID()).then().statusCode(404);
        // Nothing of the refused writes is on the timeline.
        assertThat(timelineTypes(id)).containsOnly("ALARM");
    }

    @Test
    void onlyDispatchersAndSupervisorsAct() {
        String id = Incidents.open();
        for (String role : new String[] {"worker", "coordinator", "ops", "svc-dispatch"}) {
            act(TestTokens.user("p-" + role, Set.of(role)), id, "acknowledge", null).statusCode(403)
                    .contentType("application/problem+json");
        }
        given().when().post("/api/incidents/" + id + "/acknowledge").then().statusCode(401);
        given().auth().oauth2(DISPATCHER).when().get("/api/supervision/acknowledge-times").then().statusCode(403);
    }

    @Test
    void supervisorsSeeAcknowledgeTimesAgainstTheTargets() {
        String id = Incidents.open();
        act(id, "acknowledge", null).statusCode(200);

        Map<String, Object> times = given().auth().oauth2(SUPERVISOR).queryParam("days", 1)
                .when().get("/api/supervision/acknowledge-times")
                .then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(((Number) times.get("acknowledged")).longValue()).isPositive();
        assertThat(((Number) times.get("within60s")).longValue()).isPositive();
        assertThat(path(times, "targets.within30s")).isEqualTo(80.0f);
        assertThat(path(times, "targets.within60s")).isEqualTo(98.5f);
        assertThat(times.get("pctWithin60s")).isNotNull();
        given().auth().oauth2(SUPERVISOR).queryParam("days", "0").when().get("/api/supervision/acknowledge-times")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(SUPERVISOR).queryParam("days", "week").when().get("/api/supervision/acknowledge-times")
                .then().statusCode(400);

        // The metric ops see: a histogram with the standard's 30 and 60 s as buckets.
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("alarmcentral_acknowledge_seconds_bucket{le=\"30.0\"}")
                .contains("alarmcentral_acknowledge_seconds_bucket{le=\"60.0\"}")
                .contains("alarmcentral_incidents_open").contains("alarmcentral_incidents_unacknowledged");
    }

    private static String registeredWorker(String workingName) {
        String worker = UUID.randomUUID().toString();
        RegistryStubResource.server().stubFor(get(urlPathEqualTo("/api/dispatch-cards/" + worker))
                .willReturn(okJson("{\"workerId\":\"" + worker + "\",\"workingName\":\"" + workingName + "\"}")));
        return worker;
    }

    private static io.restassured.response.ValidatableResponse act(String id, String action, Map<String, ?> body) {
        return act(DISPATCHER, id, action, body);
    }

    private static io.restassured.response.ValidatableResponse act(String token, String id, String action, Map<String, ?> body) {
        var request = given().auth().oauth2(token);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.when().post("/api/incidents/" + id + "/" + action).then();
    }

    private static Map<String, Object> view(String id) {
        return given().auth().oauth2(DISPATCHER).when().get("/api/incidents/" + id).then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    private static List<Map<String, Object>> summaries() {
        return given().auth().oauth2(DISPATCHER).when().get("/api/incidents/summaries").then().statusCode(200)
                .extract().jsonPath().getList("");
    }

    private static Map<String, Object> summary(String id) {
        return summaries().stream().filter(s -> id.equals(s.get("id"))).findFirst().orElseThrow();
    }

    /** The types on an incident's timeline, in order. */
    private static List<Object> timelineTypes(String id) {
        return timeline(view(id)).stream().map(entry -> entry.get("type")).toList();
    }
}

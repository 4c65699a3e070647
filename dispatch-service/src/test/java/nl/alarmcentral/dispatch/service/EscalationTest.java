package nl.alarmcentral.dispatch.service;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.dispatch.Incidents.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.DispatchDatabase;
import nl.alarmcentral.dispatch.Incidents;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * An incident nobody takes within {@code dispatch.escalate-after} (5 s here) is escalated once:
 * visibly (flag, time, timeline entry), as a metric, and never twice, also when two instances look
 * at the same moment.
 */
@QuarkusTest
@TestProfile(EscalationTest.FiveSeconds.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class EscalationTest {

    public static class FiveSeconds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatch.escalate-after", "5s", "dispatch.escalation-check-interval", "500ms");
        }
    }

    private static final String DISPATCHER = TestTokens.user("dispatcher-esc", Set.of("dispatcher"));

    @Inject
    IncidentEscalator escalator;

    @Inject
    DispatchDatabase database;

    @Test
    void anIncidentNobodyTookIsEscalatedOnceAndCounted() {
        double before = escalations();
        String id = Incidents.open();

        Map<String, Object> escalated = await().atMost(Duration.ofSeconds(15)).until(() -> view(id),
                incident -> Boolean.TRUE.equals(incident.get("escalated")));
        assertThat(escalated.get("escalatedAt")).isNotNull();
        assertThat(escalated.get("status")).isEqualTo("OPEN");
        assertThat(entries(escalated, "ESCALATED")).hasSize(1);
        assertThat(escalations()).isGreaterThanOrEqualTo(before + 1);

        // Rounds go on every half second; it stays escalated once, and taking it is still possible.
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        given().auth().oauth2(DISPATCHER).when().post("/api/incidents/" + id + "/acknowledge").then().statusCode(200);
        assertThat(entries(view(id), "ESCALATED")).hasSize(1);
    }

    @Test
    void anIncidentTakenInTimeIsNotEscalated() {
        String id = Incidents.open();
        given().auth().oauth2(DISPATCHER).when().post("/api/incidents/" + id + "/acknowledge").then().statusCode(200);

        await().pollDelay(Duration.ofSeconds(7)).until(() -> true);
        Map<String, Object> incident = view(id);
        assertThat(incident.get("escalated")).isEqualTo(false);
        assertThat(entries(incident, "ESCALATED")).isEmpty();
    }

    @Test
    void twoInstancesLookingAtTheSameMomentEscalateEachIncidentOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Incidents.open());
        }
        for (String id : ids) {
            // Overdue at once: opened a minute ago.
            database.execute("UPDATE incident SET opened_at = opened_at - interval '1 minute' WHERE id = $1", UUID.fromString(id));
        }
        // Two rounds at the same moment, as two instances would run them (the scheduler may add a third).
        CompletableFuture<Void> one = CompletableFuture.runAsync(this::escalateNow);
        CompletableFuture<Void> two = CompletableFuture.runAsync(this::escalateNow);
        CompletableFuture.allOf(one, two).get();

        for (String id : ids) {
            await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(view(id).get("escalated")));
            assertThat(database.count("SELECT count(*) FROM incident_action WHERE incident_id = $1 AND type = 'ESCALATED'",
                    UUID.fromString(id))).isEqualTo(1);
        }
    }

    private void escalateNow() {
        try {
            VertxContextSupport.<Void>subscribeAndAwait(() -> escalator.escalateOverdue());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> view(String id) {
        return given().auth().oauth2(DISPATCHER).when().get("/api/incidents/" + id).then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    private static double escalations() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("alarmcentral_incident_escalations_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}

package nl.alarmcentral.dispatch.service;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static nl.alarmcentral.dispatch.Incidents.awaitWithAlarm;
import static nl.alarmcentral.dispatch.Incidents.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import nl.alarmcentral.dispatch.AlarmEvents;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.DispatchDatabase;
import nl.alarmcentral.dispatch.Incidents;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * After dispatchers are done: a resolved incident is closed automatically after
 * {@code dispatch.close-after} (1 s here) and its card dropped; a closed incident is reduced to an
 * anonymous statistic after {@code dispatch.retention} (2 s here), and nothing else of it stays. The
 * jobs are called directly (their schedule is set to an hour), so the test decides when they run.
 */
@QuarkusTest
@TestProfile(RetentionTest.ShortRetention.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class RetentionTest {

    public static class ShortRetention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatch.close-after", "1s", "dispatch.retention", "2s", "dispatch.housekeeping-interval", "1h",
                    "dispatch.close-check-interval", "1h");
        }
    }

    private static final String DISPATCHER = TestTokens.user("dispatcher-ret", Set.of("dispatcher"));

    /** Every table that holds anything about one incident, by the column naming it. */
    private static final List<String> INCIDENT_TABLES = List.of("incident_action", "pin_entry", "device_warning",
            "incident_alarm", "incident_outbox");

    @Inject
    IncidentHousekeeping housekeeping;

    @Inject
    DispatchDatabase database;

    @Inject
    IncidentCardStore memory;

    @Test
    void aResolvedIncidentClosesByItselfAndIsLaterReducedToAnAnonymousStatistic() throws Throwable {
        String worker = UUID.randomUUID().toString();
        RegistryStubResource.server().stubFor(get(urlPathEqualTo("/api/dispatch-cards/" + worker))
                .willReturn(okJson("{\"workerId\":\"" + worker + "\",\"workingName\":\"Lola\"}")));
        UUID alarmId = UUID.randomUUID();
        AlarmEvents.raised(alarmId, worker, "PANIC");
        UUID id = UUID.fromString((String) awaitWithAlarm(alarmId, "AVAILABLE").get("id"));
        AlarmEvents.cancelled(UUID.randomUUID(), alarmId, worker);
        await().atMost(Duration.ofSeconds(10)).until(() -> database.count("SELECT count(*) FROM pin_entry WHERE incident_id = $1", id) == 1);
        given().auth().oauth2(DISPATCHER).contentType(ContentType.JSON).body(Map.of("text", "Lola says all fine"))
                .when().post("/api/incidents/" + id + "/notes").then().statusCode(200);
        long statisticsBefore = database.count("SELECT count(*) FROM incident_statistic WHERE outcome = 'FALSE_ALARM' "
                + "AND categories = 'BOUNDARY_CROSSING'");
        given().auth().oauth2(DISPATCHER).contentType(ContentType.JSON)
                .body(Map.of("outcome", "FALSE_ALARM", "categories", List.of("BOUNDARY_CROSSING"), "followUp", "LIAISON"))
                .when().post("/api/incidents/" + id + "/resolve").then().statusCode(200);

        await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
        VertxContextSupport.<Integer>subscribeAndAwait(() -> housekeeping.closeResolved());
        Map<String, Object> closed = given().auth().oauth2(DISPATCHER).when().get("/api/incidents/" + id).then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(closed.get("status")).isEqualTo("CLOSED");
        assertThat(entries(closed, "CLOSED").get(0)).containsEntry("detail", "AUTOMATIC");
        // Dropped from memory with the closing (no card is ever in the database).
        assertThat(memory.card(id)).isNull();
        // The registry hears of the closing before the incident may go.
        await().atMost(Duration.ofSeconds(15)).until(() -> database.count(
                "SELECT count(*) FROM incident_outbox WHERE incident_id = $1 AND published_at IS NULL", id) == 0);

        await().pollDelay(Duration.ofMillis(2100)).until(() -> true);
        VertxContextSupport.<Integer>subscribeAndAwait(() -> housekeeping.reduceExpired());

        given().auth().oauth2(DISPATCHER).when().get("/api/incidents/" + id).then().statusCode(404);
        assertThat(database.count("SELECT count(*) FROM incident WHERE id = $1", id)).isZero();
        for (String table : INCIDENT_TABLES) {
            assertThat(database.count("SELECT count(*) FROM " + table + " WHERE incident_id = $1", id)).as(table).isZero();
        }
        assertThat(database.count("SELECT count(*) FROM incident WHERE worker_id = $1", worker)).isZero();
        assertThat(database.count("SELECT count(*) FROM incident_statistic WHERE outcome = 'FALSE_ALARM' "
                + "AND categories = 'BOUNDARY_CROSSING' AND follow_up = 'LIAISON' AND kind = 'PANIC' AND channel = 'APP' "
                + "AND ack_seconds IS NOT NULL AND NOT escalated AND date_trunc('hour', opened_hour) = opened_hour"))
                .isEqualTo(statisticsBefore + 1);
    }

    @Test
    void aBacklogOfClosingsIsWorkedOffInRoundsOfTwentyOldestFirst() throws Throwable {
        List<UUID> resolved = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            UUID id = UUID.fromString(Incidents.open());
            given().auth().oauth2(DISPATCHER).contentType(ContentType.JSON)
                    .body(Map.of("outcome", "FALSE_ALARM", "categories", List.of(), "followUp", "NONE"))
                    .when().post("/api/incidents/" + id + "/resolve").then().statusCode(200);
            resolved.add(id);
        }
        await().pollDelay(Duration.ofMillis(1100)).until(() -> true);

        // The first round stops at twenty, oldest first: the last two resolved still wait.
        assertThat(VertxContextSupport.<Integer>subscribeAndAwait(() -> housekeeping.closeResolved())).isEqualTo(20);
        assertThat(countIn("RESOLVED", resolved.subList(20, 22))).isEqualTo(2);
        // Later rounds work off the rest (other tests' incidents may be due too).
        for (int round = 0; round < 5 && countIn("CLOSED", resolved) < resolved.size(); round++) {
            assertThat(VertxContextSupport.<Integer>subscribeAndAwait(() -> housekeeping.closeResolved())).isBetween(1, 20);
        }
        assertThat(countIn("CLOSED", resolved)).isEqualTo(resolved.size());
    }

    private long countIn(String status, List<UUID> ids) {
        return database.count("SELECT count(*) FROM incident WHERE id = ANY($1) AND status = $2", (Object) ids.toArray(UUID[]::new),
                status);
    }

    @Test
    void anIncidentStillOpenIsNeverReducedOrClosed() throws Throwable {
        UUID id = UUID.fromString(Incidents.open());
        await().pollDelay(Duration.ofMillis(2100)).until(() -> true);

        VertxContextSupport.<Integer>subscribeAndAwait(() -> housekeeping.closeResolved());
        VertxContextSupport.<Integer>subscribeAndAwait(() -> housekeeping.reduceExpired());

        assertThat(database.count("SELECT count(*) FROM incident WHERE id = $1 AND status = 'OPEN'", id)).isEqualTo(1);
    }
}

package nl.alarmcentral.registry.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.Incidents;
import nl.alarmcentral.registry.Metrics;
import nl.alarmcentral.registry.RegistryDb;
import nl.alarmcentral.registry.Workers;

/**
 * Her export and her disclosure log; the coordinator's counts. Tests run with
 * {@code registry.disclosures.visible-after=10m}: a closing announced eleven minutes ago is past
 * the delay, one announced now is not.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class WorkerDataResourceTest {

    /** {@code %test.registry.disclosures.visible-after}. */
    private static final Duration DELAY = Duration.ofMinutes(10);

    /** A closing time longer ago than the delay (whole milliseconds, as the database keeps them). */
    private static final Supplier<Instant> PAST_THE_DELAY = () -> Instant.now().minus(DELAY).minusSeconds(60)
            .truncatedTo(ChronoUnit.MILLIS);

    @Test
    @SuppressWarnings("unchecked")
    void theExportHoldsEverythingAndIsRecordedAsHerOwnAccess() {
        TestTokens.Subject worker = Workers.withEverything("export1");
        UUID incident = Incidents.open(worker.id());
        Incidents.card(worker.id(), incident).statusCode(200);
        Instant closedAt = PAST_THE_DELAY.get();
        Incidents.close(incident, worker.id(), closedAt);
        double emergencyDisclosures = Metrics.value("alarmcentral_disclosures_total", "outcome=\"granted\"");

        JsonPath export = Workers.get(worker, "/api/me/export").statusCode(200).extract().jsonPath();

        assertThat(export.getMap("")).containsOnlyKeys("exportedAt", "workerId", "profile", "notes", "addresses", "procedure",
                "contacts", "consents", "devices", "disclosures");
        assertThat(export.getString("workerId")).isEqualTo(worker.id());
        assertThat(export.getString("profile.workingName")).isEqualTo("Name export1");
        assertThat(export.getList("profile.languages")).containsExactly("es", "nl");
        assertThat(export.getString("notes.codeWord")).isEqualTo("Word export1");
        assertThat(export.getList("addresses.address")).containsExactly("Street export1");
        assertThat(export.getList("contacts.name")).containsExactly("Contact export1");
        assertThat(export.getList("procedure")).containsExactly("CALL_ME_FIRST", "SEND_HELP");
        assertThat(export.getList("consents.history")).hasSize(6);
        assertThat(export.getList("devices")).isEmpty();
        assertThat(export.getList("disclosures.purpose")).containsExactly("EMERGENCY_DISPATCH");

        List<Map<String, Object>> log = Workers.get(worker, "/api/me/disclosures").statusCode(200).extract().jsonPath()
                .getList("disclosures");
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).containsEntry("purpose", "WORKER_OWN_ACCESS").containsEntry("outcome", "GRANTED")
                .containsEntry("requestedBy", "demo-cli").containsEntry("incidentId", null)
                .containsEntry("fields", List.of("profile", "notes", "addresses", "procedure", "contacts", "consents", "disclosures"))
                .containsEntry("incidentClosedAt", null).containsEntry("heldBackUntil", null);
        assertThat(log.get(1)).containsEntry("purpose", "EMERGENCY_DISPATCH").containsEntry("outcome", "GRANTED")
                .containsEntry("requestedBy", "dispatch-service").containsEntry("incidentId", incident.toString());
        assertThat(Instant.parse((String) log.get(1).get("incidentClosedAt"))).isEqualTo(closedAt);
        assertThat(Instant.parse((String) log.get(1).get("heldBackUntil"))).isEqualTo(closedAt.plus(DELAY));
        assertThat((List<Object>) log.get(1).get("fields")).contains("workingName", "addresses").doesNotContain("workerId");
        assertThat(Metrics.value("alarmcentral_disclosures_total", "outcome=\"granted\"")).isEqualTo(emergencyDisclosures);
    }

    @Test
    void herLogShowsRefusalsToo() {
        TestTokens.Subject worker = Workers.registered("Refused");
        UUID incident = Incidents.open(worker.id());
        Incidents.card(worker.id(), incident).statusCode(404);
        assertThat(Workers.get(worker, "/api/me/disclosures").extract().jsonPath().getList("disclosures"))
                .as("a refusal for an open incident is held back like a card").isEmpty();
        Incidents.close(incident, worker.id(), PAST_THE_DELAY.get());
        List<Map<String, Object>> log = Workers.get(worker, "/api/me/disclosures").statusCode(200).extract().jsonPath()
                .getList("disclosures");
        assertThat(log).singleElement().satisfies(entry -> assertThat(entry).containsEntry("outcome", "REFUSED")
                .containsEntry("reason", "NO_CONSENT").containsEntry("fields", List.of()));
    }

    @Test
    void aCardRequestForAnIncidentShowsNothingUntilTheIncidentClosedAndTheDelayPassed() {
        TestTokens.Subject worker = Workers.withEverything("held");
        // Her own export shows at once, so her log is not empty to begin with.
        Workers.get(worker, "/api/me/export").statusCode(200);
        String before = Workers.get(worker, "/api/me/disclosures").statusCode(200).extract().asString();
        assertThat(JsonPath.from(before).getList("disclosures.purpose")).containsExactly("WORKER_OWN_ACCESS");

        // (a) The central looks at her card for an open incident (a duress, say): recorded, but nothing changes for her.
        UUID duress = Incidents.open(worker.id());
        Incidents.card(worker.id(), duress).statusCode(200);
        assertThat(RegistryDb.count("SELECT count(*) FROM disclosure WHERE incident_id = ?", duress)).isEqualTo(1);
        assertThat(Workers.get(worker, "/api/me/disclosures").statusCode(200).extract().asString())
                .as("her log while the incident is open").isEqualTo(before);
        JsonPath export = Workers.get(worker, "/api/me/export").statusCode(200).extract().jsonPath();
        assertThat(export.getList("disclosures")).as("her export while the incident is open")
                .isEqualTo(JsonPath.from(before).getList("disclosures"));

        // (b) Closed just now: the delay has not passed, still nothing (apart from the export she just made).
        String withExport = Workers.get(worker, "/api/me/disclosures").statusCode(200).extract().asString();
        Incidents.close(duress, worker.id());
        assertThat(Workers.get(worker, "/api/me/disclosures").statusCode(200).extract().asString())
                .as("her log after the closing, before the delay").isEqualTo(withExport);
        assertThat(Workers.get(worker, "/api/me/export").statusCode(200).extract().jsonPath().getList("disclosures"))
                .as("her export after the closing, before the delay").isEqualTo(JsonPath.from(withExport).getList("disclosures"));

        // (c) Another incident, closed longer ago than the delay: its entry shows, marked; the first one still does not.
        UUID earlier = Incidents.open(worker.id());
        Incidents.card(worker.id(), earlier).statusCode(200);
        Instant closedAt = PAST_THE_DELAY.get();
        Incidents.close(earlier, worker.id(), closedAt);
        List<Map<String, Object>> log = Workers.get(worker, "/api/me/disclosures").statusCode(200).extract().jsonPath()
                .getList("disclosures");
        assertThat(log).extracting(entry -> entry.get("incidentId")).containsOnlyOnce(earlier.toString())
                .doesNotContain(duress.toString());
        Map<String, Object> shown = log.stream().filter(entry -> earlier.toString().equals(entry.get("incidentId")))
                .findFirst().orElseThrow();
        assertThat(shown).containsEntry("purpose", "EMERGENCY_DISPATCH").containsEntry("outcome", "GRANTED")
                .containsEntry("requestedBy", "dispatch-service")
                .containsEntry("incidentClosedAt", closedAt.toString())
                .containsEntry("heldBackUntil", closedAt.plus(DELAY).toString());
        assertThat(log.stream().filter(entry -> entry.get("incidentId") == null))
                .as("her own exports show at once, unmarked").hasSize(3)
                .allSatisfy(entry -> assertThat(entry).containsEntry("incidentClosedAt", null).containsEntry("heldBackUntil", null));

        // (d) Her export follows the same rule.
        List<Map<String, Object>> exported = Workers.get(worker, "/api/me/export").statusCode(200).extract().jsonPath()
                .getList("disclosures");
        assertThat(exported).isEqualTo(log);
    }

    @Test
    void someoneWithNothingStoredGetsAnEmptyExportAndNoLogEntry() {
        TestTokens.Subject worker = TestTokens.newWorker();
        JsonPath export = Workers.get(worker, "/api/me/export").statusCode(200).extract().jsonPath();
        assertThat(export.getString("profile")).isNull();
        assertThat(export.getList("addresses")).isEmpty();
        assertThat(Workers.get(worker, "/api/me/disclosures").extract().jsonPath().getList("disclosures")).isEmpty();
    }

    @Test
    void coordinatorsSeeCountsOnly() {
        String coordinator = TestTokens.user("coordinator-1", Set.of("coordinator"));
        JsonPath before = given().auth().oauth2(coordinator).when().get("/api/registry/summary").then().statusCode(200)
                .extract().jsonPath();
        assertThat(before.getMap("")).containsOnlyKeys("registeredWorkers", "boundDevices", "openIncidents");

        TestTokens.Subject worker = Workers.registered("Counted");
        UUID incident = Incidents.open(worker.id());
        JsonPath after = given().auth().oauth2(coordinator).when().get("/api/registry/summary").then().statusCode(200)
                .extract().jsonPath();
        assertThat(after.getLong("registeredWorkers")).isEqualTo(before.getLong("registeredWorkers") + 1);
        assertThat(after.getLong("openIncidents")).isEqualTo(before.getLong("openIncidents") + 1);

        Incidents.close(incident, worker.id());
        assertThat(given().auth().oauth2(coordinator).when().get("/api/registry/summary").then().extract().jsonPath()
                .getLong("openIncidents")).isEqualTo(before.getLong("openIncidents"));
    }
}

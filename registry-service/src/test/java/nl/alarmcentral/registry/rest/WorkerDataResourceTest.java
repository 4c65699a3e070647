package nl.alarmcentral.registry.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.Incidents;
import nl.alarmcentral.registry.Metrics;
import nl.alarmcentral.registry.Workers;

/** Her export and her disclosure log; the coordinator's counts. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class WorkerDataResourceTest {

    @Test
    @SuppressWarnings("unchecked")
    void theExportHoldsEverythingAndIsRecordedAsHerOwnAccess() {
        TestTokens.Subject worker = Workers.withEverything("export1");
        UUID incident = Incidents.open(worker.id());
        Incidents.card(worker.id(), incident).statusCode(200);
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
                .containsEntry("fields", List.of("profile", "notes", "addresses", "procedure", "contacts", "consents", "disclosures"));
        assertThat(log.get(1)).containsEntry("purpose", "EMERGENCY_DISPATCH").containsEntry("outcome", "GRANTED")
                .containsEntry("requestedBy", "dispatch-service").containsEntry("incidentId", incident.toString());
        assertThat((List<Object>) log.get(1).get("fields")).contains("workingName", "addresses").doesNotContain("workerId");
        assertThat(Metrics.value("alarmcentral_disclosures_total", "outcome=\"granted\"")).isEqualTo(emergencyDisclosures);
    }

    @Test
    void herLogShowsRefusalsToo() {
        TestTokens.Subject worker = Workers.registered("Refused");
        Incidents.card(worker.id(), Incidents.open(worker.id())).statusCode(404);
        List<Map<String, Object>> log = Workers.get(worker, "/api/me/disclosures").statusCode(200).extract().jsonPath()
                .getList("disclosures");
        assertThat(log).singleElement().satisfies(entry -> assertThat(entry).containsEntry("outcome", "REFUSED")
                .containsEntry("reason", "NO_CONSENT").containsEntry("fields", List.of()));
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

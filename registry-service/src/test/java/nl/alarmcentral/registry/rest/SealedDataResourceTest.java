package nl.alarmcentral.registry.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import nl.alarmcentral.contract.crypto.SealedKind;
import nl.alarmcentral.contract.crypto.WorkerSealing;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.Incidents;
import nl.alarmcentral.registry.KeycloakStub;
import nl.alarmcentral.registry.Registrations;
import nl.alarmcentral.registry.RegistryDb;
import nl.alarmcentral.registry.Workers;

/**
 * Opening sealed data for dispatch: what alarm-service sealed to her public keyset (from her
 * registration) opens only for an incident open for her, with her ALARM_SERVICE consent, for the
 * kind and subject it was sealed for; each opening is one disclosure she sees after the incident,
 * and a refusal records nothing.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class SealedDataResourceTest {

    private static final String POSITION = "{\"lat\":52.0907,\"lon\":5.1214,\"accuracy\":12}";

    @OidcWireMock
    WireMockServer keycloak;

    @BeforeEach
    void keycloakDeletesAccounts() {
        KeycloakStub.acceptDeletions(keycloak);
    }

    @Test
    void aPositionSealedToHerOpensForHerOpenIncidentAndEachOpeningIsOneDisclosureSheSeesAfterwards() {
        TestTokens.Subject worker = Workers.registered("Sealed position");
        Workers.grant(worker, "ALARM_SERVICE");
        UUID incident = Incidents.open(worker.id());
        String alarmId = UUID.randomUUID().toString();
        String sealed = seal(worker.id(), POSITION, SealedKind.ALARM_POSITION, alarmId);

        open(incident, sealed, "ALARM_POSITION", alarmId).statusCode(200).contentType(ContentType.JSON)
                .body("text", equalTo(POSITION));
        open(incident, sealed, "ALARM_POSITION", alarmId).statusCode(200);

        List<Map<String, Object>> log = RegistryDb.rows("SELECT * FROM disclosure WHERE worker_id = ? ORDER BY disclosed_at",
                worker.id());
        assertThat(log).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("purpose")).isEqualTo("EMERGENCY_DISPATCH");
            assertThat(row.get("outcome")).isEqualTo("GRANTED");
            assertThat(row.get("reason")).isNull();
            assertThat(row.get("incident_id")).isEqualTo(incident);
            assertThat(row.get("requested_by")).isEqualTo("dispatch-service");
            assertThat(row.get("fields")).isEqualTo("alarmPosition");
        });
        assertThat(Workers.get(worker, "/api/me/disclosures").statusCode(200).extract().jsonPath().getList("disclosures"))
                .as("held back while the incident is open").isEmpty();

        Incidents.close(incident, worker.id(), Instant.now().minusSeconds(3600));
        List<Map<String, Object>> seen = Workers.get(worker, "/api/me/disclosures").statusCode(200).extract().jsonPath()
                .getList("disclosures");
        assertThat(seen).hasSize(2).allSatisfy(entry -> assertThat(entry)
                .containsEntry("purpose", "EMERGENCY_DISPATCH").containsEntry("outcome", "GRANTED")
                .containsEntry("incidentId", incident.toString()).containsEntry("fields", List.of("alarmPosition")));
    }

    @Test
    void aTimerNoteOpensForItsTimerOnly() {
        TestTokens.Subject worker = Workers.registered("Sealed note");
        Workers.grant(worker, "ALARM_SERVICE");
        UUID incident = Incidents.open(worker.id());
        String timerId = UUID.randomUUID().toString();
        String sealed = seal(worker.id(), "Client at the back entrance", SealedKind.TIMER_NOTE, timerId);

        open(incident, sealed, "TIMER_NOTE", timerId).statusCode(200).body("text", equalTo("Client at the back entrance"));
        assertThat(RegistryDb.rows("SELECT fields FROM disclosure WHERE worker_id = ?", worker.id()))
                .singleElement().satisfies(row -> assertThat(row.get("fields")).isEqualTo("timerNote"));

        // Copied to another timer or claimed to be another kind, the same bytes do not open; nothing more is recorded.
        open(incident, sealed, "TIMER_NOTE", UUID.randomUUID().toString()).statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("sealed"));
        open(incident, sealed, "ALARM_POSITION", timerId).statusCode(400);
        assertThat(RegistryDb.count("SELECT count(*) FROM disclosure WHERE worker_id = ?", worker.id())).isEqualTo(1);
    }

    @Test
    void refusalsAreProblemsAndRecordNothing() {
        TestTokens.Subject worker = Workers.registered("Refused");
        Workers.grant(worker, "ALARM_SERVICE");
        String alarmId = UUID.randomUUID().toString();
        String sealed = seal(worker.id(), POSITION, SealedKind.ALARM_POSITION, alarmId);

        // No incident known with this id.
        open(UUID.randomUUID(), sealed, "ALARM_POSITION", alarmId).statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409));

        // Sealed to her, asked under another worker's open incident: that worker's key does not open it.
        TestTokens.Subject other = Workers.registered("Other");
        Workers.grant(other, "ALARM_SERVICE");
        UUID othersIncident = Incidents.open(other.id());
        open(othersIncident, sealed, "ALARM_POSITION", alarmId).statusCode(400);

        // Her incident, closed.
        UUID closed = Incidents.open(worker.id());
        Incidents.close(closed, worker.id());
        open(closed, sealed, "ALARM_POSITION", alarmId).statusCode(409);

        // Her open incident, but she withdrew her ALARM_SERVICE consent.
        UUID open = Incidents.open(worker.id());
        Workers.withdraw(worker, "ALARM_SERVICE");
        open(open, sealed, "ALARM_POSITION", alarmId).statusCode(404).contentType("application/problem+json");

        // Bad input is a 400, never a 5xx.
        open(open, "not base64!", "ALARM_POSITION", alarmId).statusCode(400);
        open(open, sealed, "SOMETHING_ELSE", alarmId).statusCode(400);
        open(open, sealed, "ALARM_POSITION", "../etc").statusCode(400);
        given().auth().oauth2(Incidents.DISPATCH).contentType(ContentType.JSON).body("{}")
                .when().post("/api/dispatch/incidents/not-a-uuid/open").then().statusCode(400);

        assertThat(RegistryDb.count("SELECT count(*) FROM disclosure WHERE worker_id = ?", worker.id())).isZero();
        assertThat(RegistryDb.count("SELECT count(*) FROM disclosure WHERE worker_id = ?", other.id())).isZero();
    }

    @Test
    void afterHerWithdrawalNothingSealedToHerOpens() {
        TestTokens.Subject worker = Workers.registered("Withdrawn");
        Workers.grant(worker, "ALARM_SERVICE");
        UUID incident = Incidents.open(worker.id());
        String alarmId = UUID.randomUUID().toString();
        String sealed = seal(worker.id(), POSITION, SealedKind.ALARM_POSITION, alarmId);

        given().auth().oauth2(worker.token()).when().delete("/api/me").then().statusCode(204);

        // Her incidents are forgotten with her, and her private keyset is gone: nothing can open it any more.
        open(incident, sealed, "ALARM_POSITION", alarmId).statusCode(409);
        assertThat(RegistryDb.count("SELECT count(*) FROM worker_key WHERE worker_id = ?", worker.id())).isZero();
        assertThat(RegistryDb.count("SELECT count(*) FROM disclosure WHERE worker_id = ?", worker.id())).isZero();
    }

    /** What alarm-service does: seals to the public keyset of her registration. */
    private static String seal(String workerId, String text, SealedKind kind, String subjectId) {
        byte[] sealed = WorkerSealing.seal(Registrations.publicKeyset(workerId), text.getBytes(StandardCharsets.UTF_8),
                kind.associatedData(subjectId));
        return Base64.getEncoder().encodeToString(sealed);
    }

    private static ValidatableResponse open(UUID incidentId, String sealed, String kind, String subjectId) {
        return given().auth().oauth2(Incidents.DISPATCH).contentType(ContentType.JSON)
                .body(Map.of("sealed", sealed, "kind", kind, "subjectId", subjectId))
                .when().post("/api/dispatch/incidents/" + incidentId + "/open").then();
    }
}

package nl.alarmcentral.registry.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.SharedTestInfra;
import nl.alarmcentral.infra.test.TestTokens;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class DispatchCardResourceTest {

    private static final String DISPATCH = TestTokens.serviceAccount("dispatch-service", Set.of("svc-dispatch"));

    @Test
    void dispatchServiceGetsTheCardAndTheDisclosureIsRecorded() throws Exception {
        TestTokens.Subject worker = registeredWorker("Roxy", "Two people max; escape route via the back door");
        UUID incidentId = UUID.randomUUID();

        given().auth().oauth2(DISPATCH).queryParam("incidentId", incidentId)
                .when().get("/api/dispatch-cards/" + worker.id())
                .then().statusCode(200)
                .body("workerId", equalTo(worker.id()))
                .body("workingName", equalTo("Roxy"))
                .body("safetyNote", equalTo("Two people max; escape route via the back door"));

        try (Connection db = DriverManager.getConnection(SharedTestInfra.postgres().jdbcUrl("registry"), "registry", "registry");
                PreparedStatement query = db.prepareStatement(
                        "SELECT purpose, incident_id, requested_by, fields FROM disclosure WHERE worker_id = ?")) {
            query.setString(1, worker.id());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("purpose")).isEqualTo("EMERGENCY_DISPATCH");
                assertThat(row.getObject("incident_id")).isEqualTo(incidentId);
                assertThat(row.getString("requested_by")).isEqualTo("dispatch-service");
                assertThat(row.getString("fields")).isEqualTo("workingName,safetyNote");
                assertThat(row.next()).isFalse();
            }
        }
    }

    @Test
    void anIncidentIdIsRequired() {
        TestTokens.Subject worker = registeredWorker("Mia", null);
        given().auth().oauth2(DISPATCH)
                .when().get("/api/dispatch-cards/" + worker.id())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:validation"));
    }

    @Test
    void anUnknownWorkerHasNoCard() {
        given().auth().oauth2(DISPATCH).queryParam("incidentId", UUID.randomUUID())
                .when().get("/api/dispatch-cards/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void peopleCannotReadCardsEvenDispatchers() {
        TestTokens.Subject worker = registeredWorker("Lola", "note");
        for (String role : new String[] {"dispatcher", "supervisor", "coordinator", "ops", "worker"}) {
            given().auth().oauth2(TestTokens.user("person-" + role, Set.of(role)))
                    .queryParam("incidentId", UUID.randomUUID())
                    .when().get("/api/dispatch-cards/" + worker.id())
                    .then().statusCode(403);
        }
    }

    private static TestTokens.Subject registeredWorker(String workingName, String note) {
        TestTokens.Subject worker = TestTokens.newWorker();
        String body = note == null ? "{\"workingName\":\"" + workingName + "\"}"
                : "{\"workingName\":\"" + workingName + "\",\"safetyNote\":\"" + note + "\"}";
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body(body)
                .when().put("/api/me/profile").then().statusCode(200);
        return worker;
    }
}

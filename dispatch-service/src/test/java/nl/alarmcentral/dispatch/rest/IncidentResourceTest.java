package nl.alarmcentral.dispatch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class IncidentResourceTest {

    @Test
    void dispatchersAndSupervisorsMayListIncidents() {
        for (String role : new String[] {"dispatcher", "supervisor"}) {
            given().auth().oauth2(TestTokens.user("p-" + role, Set.of(role)))
                    .when().get("/api/incidents")
                    .then().statusCode(200);
        }
    }

    @Test
    void nobodyElseMay() {
        given().when().get("/api/incidents").then().statusCode(401);
        for (String role : new String[] {"worker", "coordinator", "ops"}) {
            given().auth().oauth2(TestTokens.user("p-" + role, Set.of(role)))
                    .when().get("/api/incidents")
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:alarmcentral:problem:forbidden"));
        }
    }

    @Test
    void anUnknownStatusIsAClientError() {
        given().auth().oauth2(TestTokens.user("d", Set.of("dispatcher"))).queryParam("status", "WHATEVER")
                .when().get("/api/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }
}

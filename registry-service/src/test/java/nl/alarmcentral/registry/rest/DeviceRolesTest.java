package nl.alarmcentral.registry.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * Who may use the device endpoints: a worker her own, a coordinator the binding ones; nobody else,
 * and in particular no dispatcher, supervisor, ops or service account. The allowed caller gets a
 * real answer (not 401/403), everyone else 401 (no token) or 403, always as a problem.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class DeviceRolesTest {

    private record Endpoint(String method, String path, String body, String allowedRole, int allowedStatus) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/me/enrolment-codes", null, "worker", 200),
            new Endpoint("GET", "/api/me/devices", null, "worker", 200),
            new Endpoint("DELETE", "/api/me/devices/nobodys-button", null, "worker", 404),
            new Endpoint("POST", "/api/devices", "{\"deviceId\":\"b-1\",\"enrolmentCode\":\"AAAA-AAAA\"}", "coordinator", 400),
            new Endpoint("GET", "/api/devices", null, "coordinator", 200),
            new Endpoint("DELETE", "/api/devices/nobodys-button", null, "coordinator", 404));

    @Test
    void onlyTheRightRoleGetsIn() {
        Map<String, String> callers = new LinkedHashMap<>();
        for (String role : List.of("worker", "dispatcher", "supervisor", "coordinator", "ops")) {
            callers.put(role, TestTokens.user(role + "-" + UUID.randomUUID(), Set.of(role)));
        }
        callers.put("svc-dispatch", TestTokens.serviceAccount("dispatch-service", Set.of("svc-dispatch")));

        for (Endpoint endpoint : ENDPOINTS) {
            assertThat(call(given(), endpoint)).as("%s %s without a token", endpoint.method(), endpoint.path())
                    .isEqualTo(401);
            callers.forEach((role, token) -> {
                int expected = role.equals(endpoint.allowedRole()) ? endpoint.allowedStatus() : 403;
                assertThat(call(given().auth().oauth2(token), endpoint))
                        .as("%s %s as %s", endpoint.method(), endpoint.path(), role).isEqualTo(expected);
            });
        }
    }

    private static int call(RequestSpecification request, Endpoint endpoint) {
        if (endpoint.body() != null) {
            request = request.contentType(ContentType.JSON).body(endpoint.body());
        }
        var response = request.when().request(endpoint.method(), endpoint.path()).then();
        int status = response.extract().statusCode();
        if (status >= 400) {
            response.contentType("application/problem+json");
        }
        return status;
    }
}

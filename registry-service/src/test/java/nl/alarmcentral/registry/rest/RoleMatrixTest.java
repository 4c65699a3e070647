package nl.alarmcentral.registry.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static java.util.Map.entry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.KeycloakStub;

/**
 * Who may call what, for every endpoint the running service documents (its OpenAPI document): an
 * endpoint that is added without an entry in {@link #ALLOWED} fails this test. And no endpoint
 * takes a query parameter but the card's {@code incidentId}: there is no search, filter or listing
 * by anything a worker wrote.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class RoleMatrixTest {

    private static final Set<String> WORKER = Set.of("worker");

    /** Every registry endpoint and the roles that may call it; nobody else may. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            entry("GET /api/me/profile", WORKER),
            entry("PUT /api/me/profile", WORKER),
            entry("GET /api/me/notes", WORKER),
            entry("PUT /api/me/notes", WORKER),
            entry("GET /api/me/addresses", WORKER),
            entry("PUT /api/me/addresses", WORKER),
            entry("GET /api/me/procedure", WORKER),
            entry("PUT /api/me/procedure", WORKER),
            entry("GET /api/me/contacts", WORKER),
            entry("PUT /api/me/contacts", WORKER),
            entry("GET /api/me/consents", WORKER),
            entry("PUT /api/me/consents/{type}", WORKER),
            entry("GET /api/me/export", WORKER),
            entry("GET /api/me/disclosures", WORKER),
            entry("DELETE /api/me", WORKER),
            entry("GET /api/dispatch-cards/{workerId}", Set.of("svc-dispatch")),
            entry("POST /api/dispatch/incidents/{incidentId}/open", Set.of("svc-dispatch")),
            entry("GET /api/registry/summary", Set.of("coordinator")),
            // Buttons (docs/registry-api.md), built next to this: checked once they exist.
            entry("POST /api/me/enrolment-codes", WORKER),
            entry("GET /api/me/devices", WORKER),
            entry("DELETE /api/me/devices/{deviceId}", WORKER),
            entry("POST /api/devices", Set.of("coordinator")),
            entry("GET /api/devices", Set.of("coordinator")),
            entry("DELETE /api/devices/{deviceId}", Set.of("coordinator")));

    private static final Set<String> BUILT_ELSEWHERE = Set.of("POST /api/me/enrolment-codes", "GET /api/me/devices",
            "DELETE /api/me/devices/{deviceId}", "POST /api/devices", "GET /api/devices", "DELETE /api/devices/{deviceId}");

    private static final List<String> ROLES = List.of("worker", "dispatcher", "supervisor", "coordinator", "ops", "svc-dispatch");

    @OidcWireMock
    WireMockServer keycloak;

    @BeforeEach
    void keycloakDeletesAccounts() {
        KeycloakStub.acceptDeletions(keycloak);
    }

    @Test
    void everyEndpointIsInTheMatrixAndEveryMatrixEntryExists() {
        Set<String> documented = operations().keySet();
        assertThat(documented).as("endpoints without an entry in ALLOWED").isSubsetOf(ALLOWED.keySet());
        Set<String> ours = new TreeSet<>(ALLOWED.keySet());
        ours.removeAll(BUILT_ELSEWHERE);
        assertThat(documented).containsAll(ours);
    }

    @Test
    void everyEndpointAnswersOnlyItsRoles() {
        Map<String, JsonNode> operations = operations();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operation : operations.entrySet()) {
            Set<String> allowed = ALLOWED.getOrDefault(operation.getKey(), Set.of());
            int anonymous = call(given(), operation.getKey(), operation.getValue());
            if (anonymous != 401) {
                wrong.add(operation.getKey() + " anonymous -> " + anonymous);
            }
            for (String role : ROLES) {
                int status = call(given().auth().oauth2(token(role)), operation.getKey(), operation.getValue());
                boolean ok = allowed.contains(role) ? status != 401 && status != 403 && status < 500 : status == 403;
                if (!ok) {
                    wrong.add(operation.getKey() + " " + role + " -> " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void noEndpointTakesAQueryParameterButTheCardsIncidentId() {
        List<String> queries = new ArrayList<>();
        operations().forEach((operation, node) -> node.path("parameters").forEach(parameter -> {
            if ("query".equals(parameter.path("in").asText())) {
                queries.add(operation + " ?" + parameter.path("name").asText());
            }
        }));
        assertThat(queries).containsExactly("GET /api/dispatch-cards/{workerId} ?incidentId");
    }

    @Test
    void theApiDescriptionNeedsALogin() {
        given().when().get("/q/openapi").then().statusCode(401);
    }

    /** "METHOD /path" of every documented operation, with its OpenAPI node. */
    private static Map<String, JsonNode> operations() {
        String json = given().auth().oauth2(token("ops")).queryParam("format", "json")
                .when().get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode paths;
        try {
            paths = new ObjectMapper().readTree(json).path("paths");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                    operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
                }
            }
        }
        return operations;
    }

    private static int call(RequestSpecification request, String operation, JsonNode node) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1)
                .replace("{workerId}", UUID.randomUUID().toString())
                .replace("{incidentId}", UUID.randomUUID().toString())
                .replace("{deviceId}", "device-" + UUID.randomUUID().toString().substring(0, 8))
                .replace("{type}", "ALARM_SERVICE");
        for (JsonNode parameter : node.path("parameters")) {
            if ("query".equals(parameter.path("in").asText())) {
                request = request.queryParam(parameter.path("name").asText(), UUID.randomUUID());
            }
        }
        if (method.equals("PUT") || method.equals("POST")) {
            request = request.contentType(ContentType.JSON).body("{}");
        }
        return request.when().request(method, path).then().extract().statusCode();
    }

    private static String token(String role) {
        return switch (role) {
            case "worker" -> TestTokens.newWorker().token();
            case "svc-dispatch" -> TestTokens.serviceAccount("dispatch-service", Set.of("svc-dispatch"));
            default -> TestTokens.user(role + "-" + UUID.randomUUID().toString().substring(0, 8), Set.of(role));
        };
    }
}

package nl.alarmcentral.dispatch.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/** The console's page and its backend-for-frontend endpoints, as a browser and a tool reach them. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class ConsoleWebTest {

    private static final String SESSION = ConsoleTenantResolver.SESSION_COOKIE;

    @Test
    void theConsoleIsServedWithoutASignInUnderANeutralTitleAndCannotBeFramed() {
        given().when().get("/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .body(containsString("<title>Console</title>"))
                .body(containsString("<h1>Console</h1>"));
        given().when().get("/console.js").then().statusCode(200).body(containsString("/ws/incidents"));
        given().when().get("/console.css").then().statusCode(200);
    }

    @Test
    void theConsoleSpeaksDutchAndEnglish() {
        given().when().get("/app/messages/nl").then().statusCode(200).body("'actions.acknowledge'", equalTo("Aannemen (a)"));
        given().when().get("/app/messages/en").then().statusCode(200).body("'actions.acknowledge'", equalTo("Acknowledge (a)"));
        given().when().get("/app/messages/es").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void withoutASessionThePageIsToldSoAndGetsNoCsrfToken() {
        given().header("X-Requested-With", "JavaScript").when().get("/app/session")
                .then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("authenticated", equalTo(false))
                .body("allowed", equalTo(false))
                .body("csrfToken", nullValue());
    }

    @Test
    void dispatchersAndSupervisorsMayUseTheConsoleAndGetACsrfToken() {
        given().auth().oauth2(TestTokens.user("d1", Set.of("dispatcher"))).when().get("/app/session")
                .then().statusCode(200)
                .body("authenticated", equalTo(true))
                .body("allowed", equalTo(true))
                .body("supervisor", equalTo(false))
                .body("user", equalTo("user-d1"))
                .body("csrfToken", notNullValue())
                .header("Set-Cookie", containsString(CsrfGuard.COOKIE + "="))
                .header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Strict"));
        given().auth().oauth2(TestTokens.user("s1", Set.of("supervisor"))).when().get("/app/session")
                .then().statusCode(200)
                .body("allowed", equalTo(true))
                .body("supervisor", equalTo(true));
        String kept = given().auth().oauth2(TestTokens.user("d1", Set.of("dispatcher"))).cookie(CsrfGuard.COOKIE, "kept-token")
                .when().get("/app/session").then().statusCode(200).extract().path("csrfToken");
        org.assertj.core.api.Assertions.assertThat(kept).as("a browser keeps its token").isEqualTo("kept-token");
    }

    @Test
    void anyoneElseIsSignedInButRefusedAndGetsNothing() {
        for (String role : new String[] {"worker", "coordinator", "ops"}) {
            given().auth().oauth2(TestTokens.user("p-" + role, Set.of(role))).when().get("/app/session")
                    .then().statusCode(200)
                    .body("authenticated", equalTo(true))
                    .body("allowed", equalTo(false))
                    .body("csrfToken", nullValue())
                    .body("user", nullValue())
                    .header("Set-Cookie", nullValue());
        }
    }

    @Test
    void signingInSendsTheBrowserToKeycloak() {
        given().redirects().follow(false).when().get("/app/login")
                .then().statusCode(302)
                .header("Location", containsString("response_type=code"))
                .header("Location", containsString("client_id=quarkus-web-app"));
    }

    @Test
    void aBrokenSessionCookieIsNotASignIn() {
        given().cookie(SESSION, "anything").header("X-Requested-With", "JavaScript")
                .when().get("/api/incidents")
                .then().statusCode(not(200));
    }

    @Test
    void aWriteWithTheSessionCookieNeedsTheCsrfTokenFromTheOwnPage() {
        given().cookie(SESSION, "x").when().post("/test/csrf-probe")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:forbidden"));
        given().cookie(SESSION, "x").cookie(CsrfGuard.COOKIE, "abc").header(CsrfGuard.HEADER, "other")
                .when().post("/test/csrf-probe").then().statusCode(403);
        given().cookie(SESSION, "x").cookie(CsrfGuard.COOKIE, "abc").header(CsrfGuard.HEADER, "abc")
                .header("Origin", "http://elsewhere.example")
                .when().post("/test/csrf-probe").then().statusCode(403);
        given().cookie(SESSION, "x").cookie(CsrfGuard.COOKIE, "abc").header(CsrfGuard.HEADER, "abc")
                .when().post("/test/csrf-probe").then().statusCode(204);
    }

    @Test
    void bearerTokensAndOtherServicesCookiesAreNotAskedForTheCsrfToken() {
        given().auth().oauth2(TestTokens.user("d1", Set.of("dispatcher"))).cookie(SESSION, "x")
                .when().post("/test/csrf-probe").then().statusCode(204);
        // The worker app's session cookie (same host in the local stack) is not the console's.
        given().cookie("q_session_web", "x").when().post("/test/csrf-probe").then().statusCode(204);
    }

    @Test
    void aWebSocketHandshakeWithTheSessionFromAnotherOriginIsRefused() {
        given().cookie(SESSION, "x").header("Upgrade", "websocket").header("Origin", "http://elsewhere.example")
                .when().get("/ws/incidents")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo(WebSocketOriginGuard.REFUSAL));
        given().cookie(SESSION, "x").header("Upgrade", "websocket").header("Origin", "http://localhost:" + RestAssured.port)
                .when().get("/ws/incidents")
                .then().body(not(containsString(WebSocketOriginGuard.REFUSAL)));
        given().auth().oauth2(TestTokens.user("d1", Set.of("dispatcher"))).cookie(SESSION, "x").header("Upgrade", "websocket")
                .header("Origin", "http://elsewhere.example")
                .when().get("/ws/incidents")
                .then().body(not(containsString(WebSocketOriginGuard.REFUSAL)));
    }
}

package nl.alarmcentral.alarm.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;

/** The worker app's shell and its backend-for-frontend endpoints, as a browser reaches them. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class WorkerAppTest {

    @Test
    void theAppIsServedWithoutALoginUnderANeutralTitle() {
        given().when().get("/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<title>Agenda</title>"))
                .body(containsString("<h1 id=\"app-name\">Agenda</h1>"));
    }

    @Test
    void theManifestIsNeutralOrTheWorkersChoice() {
        given().when().get("/app/manifest.webmanifest")
                .then().statusCode(200)
                .body("name", equalTo("Agenda"))
                .body("display", equalTo("standalone"))
                .body("icons.size()", equalTo(3));
        given().queryParam("name", "Recepten").when().get("/app/manifest.webmanifest")
                .then().statusCode(200).body("name", equalTo("Recepten"));
        given().queryParam("name", "<script>").when().get("/app/manifest.webmanifest")
                .then().statusCode(200).body("name", equalTo("Agenda"));
    }

    @Test
    void theAppSpeaksDutchEnglishAndSpanish() {
        given().when().get("/app/messages/nl").then().statusCode(200).body("'alarm.call112'", equalTo("Bel 112"));
        given().when().get("/app/messages/en").then().statusCode(200).body("'alarm.call112'", equalTo("Call 112"));
        given().when().get("/app/messages/es").then().statusCode(200).body("'alarm.call112'", equalTo("Llamar al 112"));
        given().when().get("/app/messages/de").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void withoutASessionTheAppIsToldSoAndNoCsrfTokenIsGiven() {
        given().header("X-Requested-With", "JavaScript").when().get("/app/session")
                .then().statusCode(200)
                .body("authenticated", equalTo(false))
                .body("csrfToken", equalTo(null));
    }

    @Test
    void aBrokenSessionCookieIsNotALogin() {
        given().cookie(WorkerAppTenantResolver.SESSION_COOKIE, "anything").contentType(ContentType.JSON)
                .body("{\"kind\":\"PANIC\",\"clientRef\":\"" + UUID.randomUUID() + "\"}")
                .when().post("/api/alarms")
                .then().statusCode(401);
    }

    @Test
    void loggingInSendsTheBrowserToKeycloak() {
        given().redirects().follow(false).when().get("/app/login")
                .then().statusCode(302)
                .header("Location", containsString("response_type=code"))
                .header("Location", containsString("offline_access"))
                .header("Location", containsString("client_id=quarkus-web-app"));
    }
}

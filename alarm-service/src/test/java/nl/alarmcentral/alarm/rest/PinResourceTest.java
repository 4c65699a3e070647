package nl.alarmcentral.alarm.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import nl.alarmcentral.alarm.PinsAndTimersSupport;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class PinResourceTest {

    @Test
    void pinsAreSetAndOnlyWhetherTheyAreSetIsShown() {
        TestTokens.Subject worker = TestTokens.newWorker();
        given().auth().oauth2(worker.token()).when().get("/api/me/pins")
                .then().statusCode(200).body("set", equalTo(false)).body("changedAt", nullValue());

        String body = put(worker, "{\"cancelPin\":\"4719\",\"duressPin\":\"958614\"}")
                .statusCode(200).body("set", equalTo(true)).body("changedAt", notNullValue())
                .extract().asString();
        assertThat(body).doesNotContain("4719").doesNotContain("958614").doesNotContain("pbkdf2");

        String shown = given().auth().oauth2(worker.token()).when().get("/api/me/pins")
                .then().statusCode(200).body("set", equalTo(true)).extract().asString();
        assertThat(shown).doesNotContain("pbkdf2").doesNotContain("Hash");

        List<String> stored = PinsAndTimersSupport.column(
                "SELECT cancel_hash || ' ' || duress_hash FROM worker_pins WHERE worker_id = ?", worker.id());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).startsWith("hmac-pbkdf2-sha256$").doesNotContain("4719").doesNotContain("958614");
    }

    @Test
    void aPinMustBeFourToSixDigitsNamingTheField() {
        TestTokens.Subject worker = TestTokens.newWorker();
        for (String bad : List.of("123", "1234567", "12a4", "")) {
            put(worker, "{\"cancelPin\":\"" + bad + "\",\"duressPin\":\"90817\"}")
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:alarmcentral:problem:validation"))
                    .body("violations.field", contains("cancelPin"));
        }
        put(worker, "{\"cancelPin\":\"4719\"}")
                .statusCode(400).body("violations.field", contains("duressPin"));
        given().auth().oauth2(worker.token()).when().get("/api/me/pins").then().body("set", equalTo(false));
    }

    @Test
    void theTwoPinsMustDiffer() {
        TestTokens.Subject worker = TestTokens.newWorker();
        put(worker, "{\"cancelPin\":\"2468\",\"duressPin\":\"2468\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("duressPin"))
                .body("violations.message", contains("must differ from cancelPin"));
    }

    @Test
    void onlyWorkersHavePins() {
        given().when().get("/api/me/pins").then().statusCode(401);
        given().auth().oauth2(TestTokens.user("d1", Set.of("dispatcher"))).contentType(ContentType.JSON)
                .body("{\"cancelPin\":\"1234\",\"duressPin\":\"98765\"}")
                .when().put("/api/me/pins").then().statusCode(403);
    }

    private static io.restassured.response.ValidatableResponse put(TestTokens.Subject worker, String body) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body(body)
                .when().put("/api/me/pins").then();
    }
}

package nl.alarmcentral.alarm.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.alarmcentral.alarm.RegistryStubResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * The app's registry pages reach registry-service through alarm-service: exactly the worker paths,
 * with her own token, answers passed on unchanged. (In the browser the token is the session's;
 * here a bearer token stands in for it, the same credential to the proxy.)
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class RegistryProxyResourceTest {

    private static final String PROFILE = "{\"workingName\":\"Roxy\",\"safetyNote\":null,\"languages\":[\"nl\",\"es\"],"
            + "\"callBackNumber\":\"+31 6 1234 5678\",\"liaison\":\"NONE\",\"updatedAt\":\"2026-11-27T22:00:00Z\"}";
    private static final String INVALID = "{\"type\":\"urn:alarmcentral:problem:validation\",\"title\":\"The request is not valid\","
            + "\"status\":400,\"detail\":\"Some fields are missing or invalid.\",\"violations\":[{\"field\":\"workingName\","
            + "\"message\":\"must not be blank\"}]}";

    private final TestTokens.Subject worker = TestTokens.newWorker();

    @BeforeEach
    void resetStub() {
        RegistryStubResource.server().resetAll();
    }

    @Test
    void herReadsReachTheRegistryWithHerTokenAndComeBackUnchanged() {
        stub("GET", "/api/me/profile", 200, "application/json", PROFILE);

        Response answer = given().auth().oauth2(worker.token()).when().get("/app/registry/me/profile")
                .then().statusCode(200).contentType(ContentType.JSON)
                .header("Cache-Control", containsString("no-store"))
                .extract().response();

        assertThat(answer.asString()).isEqualTo(PROFILE);
        RegistryStubResource.server().verify(1, getRequestedFor(urlEqualTo("/api/me/profile"))
                .withHeader("Authorization", equalTo("Bearer " + worker.token())));
    }

    @Test
    void problemsComeBackWithTheirStatusAndBody() {
        stub("PUT", "/api/me/profile", 400, "application/problem+json", INVALID);
        stub("GET", "/api/me/notes", 404, "application/problem+json",
                "{\"type\":\"urn:alarmcentral:problem:not-found\",\"title\":\"Not found\",\"status\":404}");

        String body = "{\"workingName\":\"\",\"safetyNote\":\"Ring twice\"}";
        Response refused = given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body(body)
                .when().put("/app/registry/me/profile")
                .then().statusCode(400).contentType("application/problem+json").extract().response();
        assertThat(refused.asString()).isEqualTo(INVALID);
        RegistryStubResource.server().verify(putRequestedFor(urlEqualTo("/api/me/profile"))
                .withHeader("Authorization", equalTo("Bearer " + worker.token()))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(body)));

        given().auth().oauth2(worker.token()).when().get("/app/registry/me/notes")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void everyWorkerPathOfTheSpecIsForwarded() {
        for (String section : new String[] {"profile", "notes", "addresses", "procedure", "contacts", "consents", "export",
            "disclosures", "devices"}) {
            stub("GET", "/api/me/" + section, 200, "application/json", "{\"section\":\"" + section + "\"}");
            given().auth().oauth2(worker.token()).when().get("/app/registry/me/" + section)
                    .then().statusCode(200).body("section", org.hamcrest.Matchers.equalTo(section));
        }
        for (String section : new String[] {"profile", "notes", "addresses", "procedure", "contacts"}) {
            stub("PUT", "/api/me/" + section, 200, "application/json", "{}");
            given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{}")
                    .when().put("/app/registry/me/" + section).then().statusCode(200);
        }
        stub("PUT", "/api/me/consents/SHARE_NOTES", 200, "application/json", "{}");
        stub("POST", "/api/me/enrolment-codes", 201, "application/json", "{\"code\":\"K7Q2-9XPM\",\"expiresAt\":\"2026-11-27T22:15:00Z\"}");
        stub("DELETE", "/api/me/devices/button-1", 204, null, null);
        stub("DELETE", "/api/me", 204, null, null);

        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"granted\":true,\"textVersion\":\"v1\"}")
                .when().put("/app/registry/me/consents/SHARE_NOTES").then().statusCode(200);
        given().auth().oauth2(worker.token()).when().post("/app/registry/me/enrolment-codes")
                .then().statusCode(201).body("code", org.hamcrest.Matchers.equalTo("K7Q2-9XPM"));
        given().auth().oauth2(worker.token()).when().delete("/app/registry/me/devices/button-1").then().statusCode(204);
        given().auth().oauth2(worker.token()).when().delete("/app/registry/me").then().statusCode(204);

        RegistryStubResource.server().verify(putRequestedFor(urlEqualTo("/api/me/consents/SHARE_NOTES"))
                .withRequestBody(equalToJson("{\"granted\":true,\"textVersion\":\"v1\"}")));
        RegistryStubResource.server().verify(postRequestedFor(urlEqualTo("/api/me/enrolment-codes")));
        RegistryStubResource.server().verify(deleteRequestedFor(urlEqualTo("/api/me/devices/button-1")));
        RegistryStubResource.server().verify(deleteRequestedFor(urlEqualTo("/api/me")));
        assertThat(RegistryStubResource.server().findAll(anyRequestedFor(anyUrl())))
                .hasSize(18)
                .allSatisfy(request -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + worker.token()));
    }

    @Test
    void nothingElseIsForwarded() {
        RegistryStubResource.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));

        for (String path : new String[] {"/app/registry/dispatch-cards/" + worker.id(), "/app/registry/api/dispatch-cards/x",
            "/app/registry/me/dispatch-cards", "/app/registry/registry/summary", "/app/registry/devices",
            "/app/registry/me/profile/extra", "/app/registry/me/consents/share_notes", "/app/registry/me/..%2F..%2Fregistry%2Fsummary"}) {
            given().auth().oauth2(worker.token()).urlEncodingEnabled(false).when().get(path)
                    .then().statusCode(org.hamcrest.Matchers.oneOf(404, 405)).contentType("application/problem+json");
        }
        given().auth().oauth2(worker.token()).when().delete("/app/registry/me/profile").then().statusCode(405);
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{}")
                .when().put("/app/registry/me/export").then().statusCode(405);
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{}")
                .when().post("/app/registry/me/devices").then().statusCode(405);

        assertThat(RegistryStubResource.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void onlyAWorkerReachesHerRegistration() {
        RegistryStubResource.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));

        for (String role : new String[] {"dispatcher", "coordinator", "ops", "svc-dispatch"}) {
            given().auth().oauth2(TestTokens.user("someone", Set.of(role))).when().get("/app/registry/me/profile")
                    .then().statusCode(403).contentType("application/problem+json");
        }

        assertThat(RegistryStubResource.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void whenTheRegistryCannotBeReachedSheIsToldToTryAgain() {
        RegistryStubResource.server().stubFor(any(urlPathEqualTo("/api/me/profile"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        given().auth().oauth2(worker.token()).when().get("/app/registry/me/profile")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("type", org.hamcrest.Matchers.equalTo("urn:alarmcentral:problem:unavailable"));
    }

    private static void stub(String method, String path, int status, String contentType, String body) {
        var response = aResponse().withStatus(status);
        if (contentType != null) {
            response = response.withHeader("Content-Type", contentType);
        }
        if (body != null) {
            response = response.withBody(body);
        }
        RegistryStubResource.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .request(method, urlEqualTo(path)).willReturn(response));
    }
}

package nl.alarmcentral.alarm.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.CANCEL_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.DURESS_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.eventsOf;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.typesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.alarmcentral.alarm.RegistryStubResource;
import nl.alarmcentral.alarm.service.FreshProofService;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * Sensitive actions need her again: with a login older than {@code alarm.step-up.max-age} alone,
 * none of them is done (and nothing reaches the registry); her cancel PIN, her duress PIN (same
 * answer, plus a silent escalated alarm) or a fresh login each let it through. A wrong PIN counts
 * toward the PIN lock. (The app session's ID token carries the same {@code auth_time} claim as
 * these bearer tokens; the coercion suite checks the session path end to end.)
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class FreshProofTest {

    private static final Duration WATCH = Duration.ofSeconds(3);
    private static final String STEP_UP_REQUIRED = "urn:alarmcentral:problem:step-up-required";
    private static final String REGISTRY_ANSWER = "{\"items\":[{\"name\":\"Mo\",\"number\":\"+31 6 0000 0000\"}]}";

    /** Every sensitive call of the registry pages: method, path under /app/registry/me, body. */
    private static final List<String[]> SENSITIVE_REGISTRY_CALLS = List.of(
            new String[] { "GET", "/profile", null },
            new String[] { "GET", "/notes", null },
            new String[] { "GET", "/addresses", null },
            new String[] { "GET", "/procedure", null },
            new String[] { "GET", "/contacts", null },
            new String[] { "GET", "/export", null },
            new String[] { "GET", "/disclosures", null },
            new String[] { "PUT", "/notes", "{}" },
            new String[] { "PUT", "/contacts", "{}" },
            new String[] { "PUT", "/addresses", "{}" },
            new String[] { "PUT", "/profile", "{}" },
            new String[] { "PUT", "/procedure", "{}" },
            new String[] { "PUT", "/consents/SHARE_NOTES", "{}" },
            new String[] { "POST", "/enrolment-codes", null },
            new String[] { "DELETE", "/devices/button-1", null },
            new String[] { "DELETE", "", null });

    private static final Instant LONG_AGO = Instant.now().minus(Duration.ofDays(3));

    @BeforeEach
    void registryAnswersEverything() {
        RegistryStubResource.server().resetAll();
        RegistryStubResource.server().stubFor(WireMock.any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(REGISTRY_ANSWER)));
    }

    @Test
    void anOldLoginAloneDoesNothingSensitive() {
        TestTokens.Subject worker = workerWithPinsLoggedInLongAgo();
        String timerId = startTimer(worker);
        Instant end = Instant.parse(given().auth().oauth2(worker.token()).get("/api/me/timers/" + timerId).path("expectedEnd"));
        String pinsBefore = given().auth().oauth2(worker.token()).get("/api/me/pins").then().statusCode(200).extract().asString();

        stepUpRequired(as(worker).body("{\"cancelPin\":\"2468\",\"duressPin\":\"13579\"}").put("/api/me/pins"));
        stepUpRequired(as(worker).body("{\"minutes\":30}").post("/api/me/timers/" + timerId + "/extend"));
        for (String[] call : SENSITIVE_REGISTRY_CALLS) {
            stepUpRequired(registryCall(as(worker), call));
        }

        assertThat(given().auth().oauth2(worker.token()).get("/api/me/pins").asString()).isEqualTo(pinsBefore);
        assertThat(Instant.parse(given().auth().oauth2(worker.token()).get("/api/me/timers/" + timerId).path("expectedEnd")))
                .isEqualTo(end);
        RegistryStubResource.server().verify(0, anyRequestedFor(anyUrl()));
        assertThat(eventsOf(worker, WATCH)).isEmpty();
    }

    @Test
    void whatIsNotSensitiveNeedsHerLoginAlone() {
        TestTokens.Subject worker = workerWithPinsLoggedInLongAgo();

        given().auth().oauth2(worker.token()).get("/api/me/pins").then().statusCode(200).body("set", equalTo(true));
        startTimer(worker);
        given().auth().oauth2(worker.token()).get("/api/me/timers").then().statusCode(200);
        given().auth().oauth2(worker.token()).get("/app/registry/me/consents").then().statusCode(200);
        given().auth().oauth2(worker.token()).get("/app/registry/me/devices").then().statusCode(200);
        RegistryStubResource.server().verify(1, WireMock.getRequestedFor(urlEqualTo("/api/me/consents")));
        RegistryStubResource.server().verify(1, WireMock.getRequestedFor(urlEqualTo("/api/me/devices")));
    }

    @Test
    void herCancelPinLetsEachSensitiveActionThroughAndRaisesNothing() {
        TestTokens.Subject worker = workerWithPinsLoggedInLongAgo();
        String timerId = startTimer(worker);

        for (String[] call : SENSITIVE_REGISTRY_CALLS) {
            Response answer = registryCall(withPin(worker, CANCEL_PIN, null), call);
            assertThat(answer.statusCode()).as(call[0] + " " + call[1]).isEqualTo(200);
            assertThat(answer.asString()).isEqualTo(REGISTRY_ANSWER);
        }
        withPin(worker, CANCEL_PIN, null).body("{\"minutes\":30}").post("/api/me/timers/" + timerId + "/extend")
                .then().statusCode(200);
        withPin(worker, CANCEL_PIN, null).body("{\"cancelPin\":\"2468\",\"duressPin\":\"13579\"}").put("/api/me/pins")
                .then().statusCode(200).body("set", equalTo(true));

        RegistryStubResource.server().verify(SENSITIVE_REGISTRY_CALLS.size(), anyRequestedFor(anyUrl()));
        // The new PINs are hers now: the old cancel PIN no longer proves anything.
        given().auth().oauth2(worker.token()).header(FreshProofService.PIN_HEADER, CANCEL_PIN).get("/app/registry/me/notes")
                .then().statusCode(403).body("type", equalTo("urn:alarmcentral:problem:pin-incorrect"));
        given().auth().oauth2(worker.token()).header(FreshProofService.PIN_HEADER, "2468").get("/app/registry/me/notes")
                .then().statusCode(200);
        assertThat(eventsOf(worker, WATCH)).isEmpty();
    }

    @Test
    void herDuressPinAnswersLikeTheCancelPinAndSilentlyRaisesOneEscalatedAlarmPerUnlock() {
        TestTokens.Subject calm = workerWithPinsLoggedInLongAgo();
        TestTokens.Subject forced = workerWithPinsLoggedInLongAgo();
        String proofId = UUID.randomUUID().toString();

        for (String[] call : SENSITIVE_REGISTRY_CALLS) {
            if (call[1].isEmpty()) {
                continue; // withdrawing ends her account: compared last, below
            }
            Response cancel = registryCall(withPin(calm, CANCEL_PIN, UUID.randomUUID().toString()), call);
            Response duress = registryCall(withPin(forced, DURESS_PIN, proofId), call);
            assertSameAnswer(cancel, duress);
        }
        String calmTimer = startTimer(calm);
        String forcedTimer = startTimer(forced);
        Response cancelExtend = withPin(calm, CANCEL_PIN, null).body("{\"minutes\":30}").post("/api/me/timers/" + calmTimer + "/extend");
        Response duressExtend = withPin(forced, DURESS_PIN, proofId).body("{\"minutes\":30}")
                .post("/api/me/timers/" + forcedTimer + "/extend");
        assertThat(duressExtend.statusCode()).isEqualTo(cancelExtend.statusCode()).isEqualTo(200);
        assertThat(Map.copyOf(duressExtend.jsonPath().getMap("$")).keySet())
                .isEqualTo(Map.copyOf(cancelExtend.jsonPath().getMap("$")).keySet());
        Response cancelPins = withPin(calm, CANCEL_PIN, null).body("{\"cancelPin\":\"2468\",\"duressPin\":\"13579\"}").put("/api/me/pins");
        Response duressPins = withPin(forced, DURESS_PIN, proofId).body("{\"cancelPin\":\"2468\",\"duressPin\":\"13579\"}")
                .put("/api/me/pins");
        assertThat(duressPins.statusCode()).isEqualTo(cancelPins.statusCode()).isEqualTo(200);
        assertThat(duressPins.jsonPath().getMap("$").keySet()).isEqualTo(cancelPins.jsonPath().getMap("$").keySet());
        assertSameAnswer(registryCall(withPin(calm, "2468", null), new String[] { "DELETE", "", null }),
                registryCall(withPin(forced, "2468", null), new String[] { "DELETE", "", null }));

        assertThat(eventsOf(calm, WATCH)).isEmpty();
        // One unlock (one proof id), one alarm: raised, and escalated as a duress at once.
        assertThat(typesOf(eventsOf(forced, WATCH))).containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_DURESS);
        // Everything went through for both.
        RegistryStubResource.server().verify(2 * SENSITIVE_REGISTRY_CALLS.size(), anyRequestedFor(anyUrl()));
    }

    @Test
    void aFreshLoginIsAProofAndSetsNewPinsWithoutTheOldOnes() {
        TestTokens.Subject worker = workerWithPinsLoggedInLongAgo();
        TestTokens.Subject again = TestTokens.loggedInAgain(worker, Instant.now());

        as(again).body("{\"cancelPin\":\"2468\",\"duressPin\":\"13579\"}").put("/api/me/pins")
                .then().statusCode(200).body("set", equalTo(true));
        for (String[] call : SENSITIVE_REGISTRY_CALLS) {
            assertThat(registryCall(as(again), call).statusCode()).as(call[0] + " " + call[1]).isEqualTo(200);
        }
        String timerId = startTimer(again);
        as(again).body("{\"minutes\":30}").post("/api/me/timers/" + timerId + "/extend").then().statusCode(200);
        // The old login still is not one.
        stepUpRequired(as(worker).get("/app/registry/me/contacts"));
        // A login "from the future" (beyond the clock skew) is no proof either.
        stepUpRequired(as(TestTokens.loggedInAgain(worker, Instant.now().plus(Duration.ofHours(1)))).get("/app/registry/me/contacts"));
        assertThat(eventsOf(worker, WATCH)).isEmpty();
    }

    @Test
    void aWrongPinDoesNothingAndCountsTowardTheLockWhichTheDuressPinAnswersAlike() {
        TestTokens.Subject worker = workerWithPinsLoggedInLongAgo();
        String timerId = startTimer(worker);

        withPin(worker, "0000", null).get("/app/registry/me/contacts").then().statusCode(403)
                .body("type", equalTo("urn:alarmcentral:problem:pin-incorrect")).body("attemptsLeft", equalTo(4));
        withPin(worker, "0001", null).body("{\"minutes\":30}").post("/api/me/timers/" + timerId + "/extend").then()
                .statusCode(403).body("attemptsLeft", equalTo(3));
        // The other PIN endpoints count the same attempts.
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body("{\"pin\":\"0002\"}")
                .post("/api/me/timers/" + timerId + "/confirm").then().statusCode(403).body("attemptsLeft", equalTo(2));
        withPin(worker, "0003", null).get("/app/registry/me/notes").then().statusCode(403).body("attemptsLeft", equalTo(1));
        withPin(worker, "0004", null).get("/app/registry/me/notes").then().statusCode(429)
                .body("type", equalTo("urn:alarmcentral:problem:pin-locked"));
        RegistryStubResource.server().verify(0, anyRequestedFor(anyUrl()));

        Response cancel = withPin(worker, CANCEL_PIN, null).get("/app/registry/me/notes");
        Response duress = withPin(worker, DURESS_PIN, null).get("/app/registry/me/notes");
        assertThat(cancel.statusCode()).isEqualTo(429);
        assertThat(duress.statusCode()).isEqualTo(429);
        assertThat(duress.jsonPath().getString("type")).isEqualTo(cancel.jsonPath().getString("type"));
        assertThat(duress.header("Retry-After")).isNotNull();
        RegistryStubResource.server().verify(0, anyRequestedFor(anyUrl()));
        // Locked, the duress PIN still asks for help.
        assertThat(typesOf(eventsOf(worker, WATCH))).containsExactly(EventTypes.ALARM_RAISED, EventTypes.ALARM_DURESS);
        // A fresh login still works: this is how she sets new PINs, which lifts the lock.
        as(TestTokens.loggedInAgain(worker, Instant.now())).body("{\"cancelPin\":\"2468\",\"duressPin\":\"13579\"}")
                .put("/api/me/pins").then().statusCode(200);
        withPin(worker, "2468", null).get("/app/registry/me/notes").then().statusCode(200);
    }

    @Test
    void malformedProofHeadersAreRefusedAsBadRequests() {
        TestTokens.Subject worker = workerWithPinsLoggedInLongAgo();

        withPin(worker, "12ab", null).get("/app/registry/me/notes").then().statusCode(400)
                .body("type", equalTo("urn:alarmcentral:problem:validation"));
        withPin(worker, CANCEL_PIN, "not a proof id!").get("/app/registry/me/notes").then().statusCode(400);
        RegistryStubResource.server().verify(0, anyRequestedFor(anyUrl()));
    }

    /** A worker who set her PINs right after logging in, with a token of that (now old) login. */
    private static TestTokens.Subject workerWithPinsLoggedInLongAgo() {
        TestTokens.Subject old = TestTokens.newWorker(LONG_AGO);
        as(TestTokens.loggedInAgain(old, Instant.now()))
                .body("{\"cancelPin\":\"" + CANCEL_PIN + "\",\"duressPin\":\"" + DURESS_PIN + "\"}")
                .put("/api/me/pins").then().statusCode(200);
        return old;
    }

    private static String startTimer(TestTokens.Subject worker) {
        return as(worker).body("{\"minutes\":60}").post("/api/me/timers").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification as(TestTokens.Subject worker) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON);
    }

    private static RequestSpecification withPin(TestTokens.Subject worker, String pin, String proofId) {
        RequestSpecification request = as(worker).header(FreshProofService.PIN_HEADER, pin);
        return proofId == null ? request : request.header(FreshProofService.PROOF_ID_HEADER, proofId);
    }

    private static Response registryCall(RequestSpecification request, String[] call) {
        if (call[2] != null) {
            request = request.body(call[2]);
        }
        return request.request(call[0], "/app/registry/me" + call[1]);
    }

    private static void stepUpRequired(Response answer) {
        answer.then().statusCode(403).contentType("application/problem+json").body("type", equalTo(STEP_UP_REQUIRED));
    }

    private static void assertSameAnswer(Response cancel, Response duress) {
        assertThat(duress.statusCode()).isEqualTo(cancel.statusCode());
        assertThat(duress.asString()).isEqualTo(cancel.asString());
        assertThat(duress.contentType()).isEqualTo(cancel.contentType());
        assertThat(duress.header("Cache-Control")).isEqualTo(cancel.header("Cache-Control"));
    }
}

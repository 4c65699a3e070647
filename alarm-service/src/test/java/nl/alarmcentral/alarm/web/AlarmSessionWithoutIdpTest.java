package nl.alarmcentral.alarm.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * A worker signed in to the app whose tokens expired while Keycloak cannot be reached can still
 * raise an alarm ({@link AlarmSessionWithoutIdp}); when Keycloak answers and refuses the refresh,
 * she cannot. The session comes from a real code flow against the OIDC stub, with tokens that
 * expire after a few seconds; "unreachable" is the stub resetting the connection of the refresh.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class AlarmSessionWithoutIdpTest {

    private static final String TOKEN_PATH = "/auth/realms/quarkus/token";
    private static final Duration TOKEN_LIFESPAN = Duration.ofSeconds(3);

    @OidcWireMock
    WireMockServer idp;

    private final List<StubMapping> stubs = new java.util.ArrayList<>();

    @AfterEach
    void removeStubs() {
        stubs.forEach(idp::removeStub);
        stubs.clear();
    }

    @Test
    void anExpiredSessionRaisesAnAlarmWhenTheRefreshCannotReachTheIdentityProvider() throws Exception {
        String worker = UUID.randomUUID().toString();
        Map<String, String> cookies = signIn(worker);
        expire();
        stub(post(TOKEN_PATH).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Response press = press(cookies);

        assertThat(press.statusCode()).as(press.asString()).isEqualTo(202);
        assertThat(KafkaTopics.readAll(Topics.ALARM_EVENTS, r -> worker.equals(r.key()), Duration.ofSeconds(3)))
                .as("the alarm is hers").hasSize(1);
        assertThat(get("/api/me/pins", cookies).statusCode()).as("nothing but the alarm is allowed this way")
                .isNotEqualTo(200);
    }

    @Test
    void anExpiredSessionIsRefusedWhenTheIdentityProviderRefusesTheRefresh() throws Exception {
        String worker = UUID.randomUUID().toString();
        Map<String, String> cookies = signIn(worker);
        expire();
        stub(post(TOKEN_PATH).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Offline session not active\"}")));

        Response press = press(cookies);

        assertThat(press.statusCode()).isNotEqualTo(202);
        assertThat(KafkaTopics.readAll(Topics.ALARM_EVENTS, r -> worker.equals(r.key()), Duration.ofSeconds(3))).isEmpty();
    }

    /** Logs in through the code flow of the stub; returns the session's cookies plus a CSRF cookie. */
    private Map<String, String> signIn(String worker) {
        long exp = java.time.Instant.now().plus(TOKEN_LIFESPAN).getEpochSecond();
        String idToken = Jwt.claims().subject(worker).issuer(TestTokens.ISSUER).audience("quarkus-web-app")
                .claim("azp", "quarkus-web-app").preferredUserName("worker-" + worker.substring(0, 8))
                .expiresAt(exp).jws().keyId("1").sign("privateKey.jwk");
        String accessToken = Jwt.claims().subject(worker).issuer(TestTokens.ISSUER).groups(Set.of("worker"))
                .claim("azp", "quarkus-web-app").expiresAt(exp).jws().keyId("1").sign("privateKey.jwk");
        stub(post(TOKEN_PATH).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"id_token\":\"" + idToken + "\",\"access_token\":\"" + accessToken
                                + "\",\"refresh_token\":\"offline-" + worker + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                                + TOKEN_LIFESPAN.toSeconds() + "}")));

        Response login = given().redirects().follow(false).when().get("/app/login");
        assertThat(login.statusCode()).isEqualTo(302);
        Map<String, String> cookies = new HashMap<>(login.getCookies());
        Map<String, String> query = query(URI.create(login.getHeader("Location")));
        URI callback = URI.create(query.get("redirect_uri"));
        Response back = given().redirects().follow(false).cookies(cookies)
                .queryParam("state", query.get("state")).queryParam("code", "code-" + worker)
                .when().get(callback.getPath());
        assertThat(back.statusCode()).as(back.asString()).isIn(302, 303);
        cookies.putAll(back.getCookies());
        assertThat(cookies.keySet()).anyMatch(name -> name.startsWith(WorkerAppTenantResolver.SESSION_COOKIE));
        cookies.put(CsrfGuard.COOKIE, "csrf-" + worker);
        return cookies;
    }

    private static void expire() throws InterruptedException {
        Thread.sleep(TOKEN_LIFESPAN.plusSeconds(2).toMillis());
    }

    private static Response press(Map<String, String> cookies) {
        return given().redirects().follow(false).cookies(cookies).header(CsrfGuard.HEADER, cookies.get(CsrfGuard.COOKIE))
                .header("X-Requested-With", "JavaScript").contentType(ContentType.JSON)
                .body("{\"kind\":\"PANIC\",\"clientRef\":\"" + UUID.randomUUID() + "\"}")
                .when().post("/api/alarms");
    }

    private static Response get(String path, Map<String, String> cookies) {
        return given().redirects().follow(false).cookies(cookies).header("X-Requested-With", "JavaScript").when().get(path);
    }

    private void stub(com.github.tomakehurst.wiremock.client.MappingBuilder mapping) {
        stubs.add(idp.stubFor(mapping));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}

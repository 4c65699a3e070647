package nl.alarmcentral.dispatch.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static nl.alarmcentral.dispatch.Incidents.awaitWithAlarm;
import static nl.alarmcentral.dispatch.Incidents.entries;
import static nl.alarmcentral.dispatch.Incidents.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.dispatch.AlarmEvents;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.DispatchDatabase;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.dispatch.SealedDetails;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * The registry answers 409 while it has not seen an incident's {@code incident.opened} yet; dispatch
 * asks again at once. The background retry is switched off here (one round per hour), so only the
 * quick retries, or a read of an incident whose card this instance does not hold, can bring a card.
 */
@QuarkusTest
@TestProfile(CardNotOpenYetTest.WithoutBackgroundRetry.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class CardNotOpenYetTest {

    private static final Logger LOG = Logger.getLogger(CardNotOpenYetTest.class);

    private static final String DISPATCHER = TestTokens.user("dispatcher-elsewhere", Set.of("dispatcher"));

    @Inject
    DispatchDatabase database;

    public static class WithoutBackgroundRetry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatch.card-retry-interval", "1h");
        }
    }

    @Test
    void aCardRefusedBecauseTheIncidentIsNotOpenYetIsAskedForAgainAtOnce() {
        String worker = UUID.randomUUID().toString();
        String url = "/api/dispatch-cards/" + worker;
        String notOpen = "{\"type\":\"urn:alarmcentral:problem:incident-not-open\",\"title\":\"Conflict\",\"status\":409}";
        RegistryStubResource.server().stubFor(get(urlPathEqualTo(url)).inScenario(url).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json").withBody(notOpen))
                .willSetStateTo("refused once"));
        RegistryStubResource.server().stubFor(get(urlPathEqualTo(url)).inScenario(url).whenScenarioStateIs("refused once")
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json").withBody(notOpen))
                .willSetStateTo("open"));
        RegistryStubResource.server().stubFor(get(urlPathEqualTo(url)).inScenario(url).whenScenarioStateIs("open")
                .willReturn(okJson("{\"workerId\":\"" + worker + "\",\"workingName\":\"Nina\",\"safetyNote\":null}")));
        UUID alarmId = UUID.randomUUID();

        AlarmEvents.raised(alarmId, worker, "PANIC");

        Map<String, Object> incident = awaitWithAlarm(alarmId, "AVAILABLE");
        assertThat(path(incident, "card.workingName")).isEqualTo("Nina");
        RegistryStubResource.server().verify(3, getRequestedFor(urlPathEqualTo(url)));
    }

    @Test
    void anIncidentAnotherInstanceOpenedShowsPendingHereAndItsCardAndDetailsAreFetchedAtOnce() {
        // Written straight to the database, as another instance would, with its incident.opened
        // acknowledged: the card retry is off here, so only the read can have the card fetched.
        String worker = UUID.randomUUID().toString();
        UUID incidentId = UUID.randomUUID();
        UUID alarmId = UUID.randomUUID();
        String cardsUrl = "/api/dispatch-cards/" + worker;
        RegistryStubResource.server().stubFor(get(urlPathEqualTo(cardsUrl))
                .willReturn(okJson("{\"workerId\":\"" + worker + "\",\"workingName\":\"Elsewhere\"}")));
        SealedDetails.stub(alarmId, null, "Room 3");
        database.execute("INSERT INTO incident (id, worker_id, status, kind, opened_at, last_alarm_at, changed_at) "
                + "VALUES ($1, $2, 'OPEN', 'PANIC', now(), now(), now())", incidentId, worker);
        database.execute("INSERT INTO incident_alarm (alarm_id, incident_id, kind, channel, raised_at, received_at, has_details) "
                + "VALUES ($1, $2, 'PANIC', 'APP', now(), now(), true)", alarmId, incidentId);
        database.execute("INSERT INTO incident_outbox (event_id, incident_id, worker_id, type, occurred_at, created_at, "
                + "published_at) VALUES ($1, $2, $3, $4, now(), now(), now())", UUID.randomUUID(), incidentId, worker,
                EventTypes.INCIDENT_OPENED);

        long read = System.nanoTime();
        Map<String, Object> first = view(incidentId);
        assertThat(path(first, "card")).isEqualTo(Map.of("status", "PENDING"));

        Map<String, Object> fetched = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> view(incidentId), CardNotOpenYetTest::complete);
        LOG.infof("An incident opened elsewhere showed its card here %d ms after the first read",
                Duration.ofNanos(System.nanoTime() - read).toMillis());
        assertThat(path(fetched, "card.workingName")).isEqualTo("Elsewhere");
        assertThat(path(entries(fetched, "ALARM").get(0), "details.timerNote")).isEqualTo("Room 3");
        assertThat(RegistryStubResource.server().findAll(getRequestedFor(urlPathEqualTo(cardsUrl)))).hasSize(1);
    }

    private static Map<String, Object> view(UUID incidentId) {
        return given().auth().oauth2(DISPATCHER).when().get("/api/incidents/" + incidentId).then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    private static boolean complete(Map<String, Object> incident) {
        return "AVAILABLE".equals(path(incident, "card.status"))
                && "AVAILABLE".equals(path(entries(incident, "ALARM").get(0), "details.status"));
    }
}

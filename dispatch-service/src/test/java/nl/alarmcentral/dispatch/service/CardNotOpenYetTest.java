package nl.alarmcentral.dispatch.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static nl.alarmcentral.dispatch.Incidents.awaitWithAlarm;
import static nl.alarmcentral.dispatch.Incidents.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.dispatch.AlarmEvents;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;

/**
 * The registry answers 409 while it has not seen an incident's {@code incident.opened} yet; dispatch
 * asks again at once. The background retry is switched off here (one round per hour), so only the
 * quick retries can bring the card.
 */
@QuarkusTest
@TestProfile(CardNotOpenYetTest.WithoutBackgroundRetry.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class CardNotOpenYetTest {

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
}

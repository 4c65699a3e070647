package nl.alarmcentral.dispatch.service;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static nl.alarmcentral.dispatch.Incidents.awaitWithAlarm;
import static nl.alarmcentral.dispatch.Incidents.entries;
import static nl.alarmcentral.dispatch.Incidents.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
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
 * Dispatch keeps no card and no alarm details at rest (issue 14): while an incident is open and
 * its card and details are shown, no row of any table of dispatch's database holds her working
 * name, notes, addresses, contacts, timer note or position; after a restart (an empty memory) they
 * are fetched again, from the registry and alarm-service, and shown; closing drops them. (An
 * incident another instance opened: {@link CardNotOpenYetTest}.)
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class NoCardAtRestTest {

    private static final Logger LOG = Logger.getLogger(NoCardAtRestTest.class);

    private static final String DISPATCHER = TestTokens.user("dispatcher-rest", Set.of("dispatcher"));

    @Inject
    DispatchDatabase database;

    @Inject
    IncidentCardStore memory;

    @Inject
    IncidentCloser closer;

    @Inject
    CardFetcher cards;

    @Inject
    DetailsFetcher details;

    @Test
    void herCardAndDetailsAreShownFromMemoryFetchedAgainAfterARestartAndNeverInTheDatabase() throws Throwable {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        // Coordinates no other test uses: their digits are markers too.
        double lat = 51.0 + (Math.abs(tag.hashCode()) % 900_000 + 100_000) / 1e7;
        double lon = 5.0 + (Math.abs(tag.hashCode()) % 800_000 + 100_000) / 1e7;
        List<String> markers = List.of("Roxanne-" + tag, "Knock twice " + tag, "Codeword-" + tag, "Molenstraat " + tag,
                "Trusted Tess " + tag, "+31 6 " + tag, "Room 7 until 23:00 " + tag, Double.toString(lat), Double.toString(lon));
        String cardsUrl = "/api/dispatch-cards/" + worker;
        String detailsUrl = "/api/alarms/" + alarmId + "/details";
        RegistryStubResource.server().stubFor(get(urlPathEqualTo(cardsUrl)).willReturn(okJson("{\"workerId\":\"" + worker
                + "\",\"workingName\":\"" + markers.get(0) + "\",\"safetyNote\":\"" + markers.get(1) + "\",\"codeWord\":\""
                + markers.get(2) + "\",\"addresses\":[{\"label\":\"HOME\",\"address\":\"" + markers.get(3) + "\"}],"
                + "\"contacts\":[{\"name\":\"" + markers.get(4) + "\",\"number\":\"" + markers.get(5) + "\",\"inform\":true}]}")));
        Map<String, String> sealed = SealedDetails.stub(alarmId, "{\"lat\":" + lat + ",\"lon\":" + lon + "}", markers.get(6));

        AlarmEvents.alarm(EventTypes.CHECKIN_MISSED, alarmId, worker, "CHECKIN_MISSED", "TIMER", true);

        Map<String, Object> shown = awaitWithAlarm(alarmId, NoCardAtRestTest::complete);
        UUID incidentId = UUID.fromString((String) shown.get("id"));
        assertShown(shown, markers, lat);
        assertThat(tablesHolding(markers)).as("tables holding any of her markers").isEmpty();

        // A restart: this instance forgets everything and asks again (the registry records each ask).
        int cardsAsked = asked(RegistryStubResource.server().findAll(getRequestedFor(urlPathEqualTo(cardsUrl))).size());
        int detailsAsked = asked(AlarmServiceStubResource.server().findAll(getRequestedFor(urlPathEqualTo(detailsUrl))).size());
        memory.clear();
        long restarted = System.nanoTime();
        Map<String, Object> again = awaitWithAlarm(alarmId, NoCardAtRestTest::complete);
        LOG.infof("Card and details shown again %d ms after the memory was cleared",
                Duration.ofNanos(System.nanoTime() - restarted).toMillis());
        assertShown(again, markers, lat);
        assertThat(RegistryStubResource.server().findAll(getRequestedFor(urlPathEqualTo(cardsUrl)))).hasSize(cardsAsked + 1);
        assertThat(AlarmServiceStubResource.server().findAll(getRequestedFor(urlPathEqualTo(detailsUrl))))
                .hasSize(detailsAsked + 1);
        // Each value opened once per fetch: the registry records every look.
        assertThat(SealedDetails.opened(sealed.get("location"))).isEqualTo(2);
        assertThat(SealedDetails.opened(sealed.get("timerNote"))).isEqualTo(2);
        assertThat(tablesHolding(markers)).as("tables holding any of her markers").isEmpty();

        assertThat(VertxContextSupport.<Boolean>subscribeAndAwait(() -> closer.close(incidentId))).isTrue();
        assertThat(memory.card(incidentId)).isNull();
        assertThat(memory.details(alarmId)).isNull();
        Map<String, Object> closed = view(incidentId);
        assertThat(path(closed, "card")).isEqualTo(Map.of("status", "NONE"));
        assertThat(path(entries(closed, "ALARM").get(0), "details.status")).isEqualTo("NONE");
        assertThat(path(entries(closed, "ALARM").get(0), "details.timerNote")).isNull();
    }

    @Test
    void afterARestartAResolvedIncidentsCardAndDetailsAreFetchedOnlyWhenSomeoneReadsIt() throws Throwable {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        String cardsUrl = "/api/dispatch-cards/" + worker;
        String detailsUrl = "/api/alarms/" + alarmId + "/details";
        RegistryStubResource.server().stubFor(get(urlPathEqualTo(cardsUrl))
                .willReturn(okJson("{\"workerId\":\"" + worker + "\",\"workingName\":\"Resolved Rita\"}")));
        SealedDetails.stub(alarmId, "{\"lat\":52.1,\"lon\":4.3}", "Room 9");
        AlarmEvents.alarm(EventTypes.CHECKIN_MISSED, alarmId, worker, "CHECKIN_MISSED", "TIMER", true);
        UUID incidentId = UUID.fromString((String) awaitWithAlarm(alarmId, NoCardAtRestTest::complete).get("id"));
        given().auth().oauth2(DISPATCHER).contentType("application/json")
                .body("{\"outcome\":\"FALSE_ALARM\",\"categories\":[],\"followUp\":\"NONE\"}")
                .when().post("/api/incidents/" + incidentId + "/resolve").then().statusCode(200);
        int cardsAsked = asked(RegistryStubResource.server().findAll(getRequestedFor(urlPathEqualTo(cardsUrl))).size());
        int detailsAsked = asked(AlarmServiceStubResource.server().findAll(getRequestedFor(urlPathEqualTo(detailsUrl))).size());

        // A restart: the rounds fetch what the console's list shows, not this resolved incident (each
        // fetch would be one more disclosure in her log, for a look nobody took).
        memory.clear();
        VertxContextSupport.<Void>subscribeAndAwait(() -> cards.round(true));
        VertxContextSupport.<Void>subscribeAndAwait(() -> details.round(true));
        assertThat(RegistryStubResource.server().findAll(getRequestedFor(urlPathEqualTo(cardsUrl)))).hasSize(cardsAsked);
        assertThat(AlarmServiceStubResource.server().findAll(getRequestedFor(urlPathEqualTo(detailsUrl)))).hasSize(detailsAsked);
        assertThat(memory.card(incidentId)).isNull();

        // A dispatcher opens it: its card and details are fetched, once.
        assertThat(path(view(incidentId), "card.status")).isEqualTo("PENDING");
        await().atMost(Duration.ofSeconds(10)).until(() -> complete(view(incidentId)));
        assertThat(path(view(incidentId), "card.workingName")).isEqualTo("Resolved Rita");
        assertThat(RegistryStubResource.server().findAll(getRequestedFor(urlPathEqualTo(cardsUrl)))).hasSize(cardsAsked + 1);
        assertThat(AlarmServiceStubResource.server().findAll(getRequestedFor(urlPathEqualTo(detailsUrl))))
                .hasSize(detailsAsked + 1);
    }

    private static Map<String, Object> view(UUID incidentId) {
        return given().auth().oauth2(DISPATCHER).when().get("/api/incidents/" + incidentId).then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    private static int asked(int count) {
        assertThat(count).as("asked before the restart").isEqualTo(1);
        return count;
    }

    private static void assertShown(Map<String, Object> incident, List<String> markers, double lat) {
        assertThat(path(incident, "card.workingName")).isEqualTo(markers.get(0));
        assertThat(path(incident, "card.safetyNote")).isEqualTo(markers.get(1));
        assertThat(path(incident, "card.codeWord")).isEqualTo(markers.get(2));
        assertThat(path(incident, "card.addresses.address")).isEqualTo(List.of(markers.get(3)));
        assertThat(path(incident, "card.contacts.number")).isEqualTo(List.of(markers.get(5)));
        Map<String, Object> alarm = entries(incident, "ALARM").get(0);
        assertThat(path(alarm, "details.timerNote")).isEqualTo(markers.get(6));
        // JSON numbers come back as Float or Double.
        assertThat(((Number) path(alarm, "details.location.lat")).doubleValue()).isCloseTo(lat, within(1e-4));
    }

    /** Every table of dispatch's schema with a row whose text (all its columns) holds one of the markers. */
    private List<String> tablesHolding(List<String> markers) {
        List<String> tables = database.strings("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
        assertThat(tables).as("dispatch's tables").contains("incident", "incident_alarm", "incident_action");
        return tables.stream().filter(table -> markers.stream().anyMatch(marker -> database.count(
                "SELECT count(*) FROM \"" + table + "\" t WHERE strpos(t::text, $1) > 0", marker) > 0)).toList();
    }

    private static boolean complete(Map<String, Object> incident) {
        return "AVAILABLE".equals(path(incident, "card.status"))
                && "AVAILABLE".equals(path(entries(incident, "ALARM").get(0), "details.status"));
    }
}

package nl.alarmcentral.dispatch.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static nl.alarmcentral.dispatch.Incidents.awaitWithAlarm;
import static nl.alarmcentral.dispatch.Incidents.entries;
import static nl.alarmcentral.dispatch.Incidents.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.dispatch.AlarmEvents;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.dispatch.SealedDetails;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;

/**
 * An alarm's details (position, timer note) fetched from alarm-service by claim check, apart from the
 * alarm, sealed to her key, and opened value by value by the registry (which records each look).
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class ClaimCheckedDetailsTest {

    @Test
    void sealedDetailsAreOpenedByTheRegistryOnceEachAndShownWithTheAlarm() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        Map<String, String> sealed = SealedDetails.stub(alarmId, "{\"lat\":51.5555,\"lon\":5.0913,\"accuracyM\":12.5,"
                + "\"capturedAt\":\"2026-11-27T22:55:10Z\",\"altitude\":3}", null);

        AlarmEvents.alarm(EventTypes.ALARM_RAISED, alarmId, worker, "PANIC", "DEVICE", true);

        Map<String, Object> incident = awaitWithAlarm(alarmId, i -> "AVAILABLE".equals(detailsStatus(i)));
        Map<String, Object> alarm = entries(incident, "ALARM").get(0);
        assertThat(number(path(alarm, "details.location.lat"))).isCloseTo(51.5555, within(1e-4));
        assertThat(number(path(alarm, "details.location.lon"))).isCloseTo(5.0913, within(1e-4));
        assertThat(number(path(alarm, "details.location.accuracyM"))).isCloseTo(12.5, within(1e-4));
        assertThat(path(alarm, "details.location.capturedAt")).isEqualTo("2026-11-27T22:55:10Z");
        assertThat(path(alarm, "details.timerNote")).isNull();
        AlarmServiceStubResource.server().verify(getRequestedFor(urlPathEqualTo("/api/alarms/" + alarmId + "/details"))
                .withHeader("Authorization", matching("Bearer .+")));
        // Opened for her incident, with the sealed value as alarm-service sent it, by the service account.
        RegistryStubResource.server().verify(1, postRequestedFor(urlPathEqualTo("/api/dispatch/incidents/" + incident.get("id")
                + "/open")).withHeader("Authorization", matching("Bearer .+"))
                .withRequestBody(matchingJsonPath("$.sealed", equalTo(sealed.get("location"))))
                .withRequestBody(matchingJsonPath("$.kind", equalTo("ALARM_POSITION")))
                .withRequestBody(matchingJsonPath("$.subjectId", equalTo(alarmId.toString()))));
        // Each opening is a disclosure she reads: reads of details held do not open again.
        for (int read = 0; read < 3; read++) {
            awaitWithAlarm(alarmId, i -> "AVAILABLE".equals(detailsStatus(i)));
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> SealedDetails.opened(sealed.get("location")) == 1);
    }

    @Test
    void aMissedCheckInShowsTheNoteSheLeftWithHerTimer() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        Map<String, String> sealed = SealedDetails.stub(alarmId, null, "Hotel, room 12, until 23:00");

        AlarmEvents.alarm(EventTypes.CHECKIN_MISSED, alarmId, worker, "CHECKIN_MISSED", "TIMER", true);

        Map<String, Object> incident = awaitWithAlarm(alarmId, i -> "AVAILABLE".equals(detailsStatus(i)));
        Map<String, Object> alarm = entries(incident, "ALARM").get(0);
        assertThat(path(alarm, "details.timerNote")).isEqualTo("Hotel, room 12, until 23:00");
        assertThat(path(alarm, "details.location")).isNull();
        RegistryStubResource.server().verify(1, SealedDetails.openedRequests(sealed.get("timerNote"))
                .withRequestBody(matchingJsonPath("$.kind", equalTo("TIMER_NOTE"))));
    }

    @Test
    void whatTheRegistryWillNotOpenShowsAsNone() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        String location = SealedDetails.sealedBytes();
        String note = SealedDetails.sealedBytes();
        SealedDetails.stubAnswer(alarmId, location, note);
        // No consent (or no key) for one, does not open for the other.
        SealedDetails.stubOpen(location, aResponse().withStatus(404));
        SealedDetails.stubOpen(note, aResponse().withStatus(400));

        AlarmEvents.alarm(EventTypes.ALARM_RAISED, alarmId, worker, "PANIC", "APP", true);

        Map<String, Object> incident = awaitWithAlarm(alarmId, i -> "NONE".equals(detailsStatus(i)));
        assertThat(path(entries(incident, "ALARM").get(0), "details.location")).isNull();
        assertThat(path(entries(incident, "ALARM").get(0), "details.timerNote")).isNull();
        // A refusal is an answer: not asked again.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> SealedDetails.opened(location) == 1 && SealedDetails.opened(note) == 1);
    }

    @Test
    void oneValueRefusedTheOtherStillShows() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        String location = SealedDetails.sealedBytes();
        String note = SealedDetails.sealedBytes();
        SealedDetails.stubAnswer(alarmId, location, note);
        SealedDetails.stubOpen(location, aResponse().withStatus(400));
        SealedDetails.stubOpen(note, okJson("{\"text\":\"Room 4\"}"));

        AlarmEvents.alarm(EventTypes.ALARM_RAISED, alarmId, worker, "PANIC", "APP", true);

        Map<String, Object> incident = awaitWithAlarm(alarmId, i -> "AVAILABLE".equals(detailsStatus(i)));
        assertThat(path(entries(incident, "ALARM").get(0), "details.location")).isNull();
        assertThat(path(entries(incident, "ALARM").get(0), "details.timerNote")).isEqualTo("Room 4");
    }

    @Test
    void aRegistryThatDoesNotKnowTheIncidentOpenYetIsAskedAgain() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        String note = SealedDetails.sealedBytes();
        SealedDetails.stubAnswer(alarmId, null, note);
        String scenario = "open-" + alarmId;
        RegistryStubResource.server().stubFor(SealedDetails.openOf(note).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(409)).willSetStateTo("known"));
        RegistryStubResource.server().stubFor(SealedDetails.openOf(note).inScenario(scenario)
                .whenScenarioStateIs("known").willReturn(okJson("{\"text\":\"Room 9\"}")));

        AlarmEvents.alarm(EventTypes.ALARM_RAISED, alarmId, worker, "PANIC", "APP", true);

        Map<String, Object> incident = awaitWithAlarm(alarmId, i -> "AVAILABLE".equals(detailsStatus(i)));
        assertThat(path(entries(incident, "ALARM").get(0), "details.timerNote")).isEqualTo("Room 9");
        assertThat(SealedDetails.opened(note)).isEqualTo(2);
    }

    @Test
    void whenTheRegistryIsAwayTheDetailsSayUnavailableAndFollow() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        String note = SealedDetails.sealedBytes();
        SealedDetails.stubAnswer(alarmId, null, note);
        SealedDetails.stubOpen(note, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        AlarmEvents.alarm(EventTypes.ALARM_RAISED, alarmId, worker, "PANIC", "APP", true);

        Map<String, Object> without = awaitWithAlarm(alarmId, i -> "UNAVAILABLE".equals(detailsStatus(i)));
        assertThat(path(entries(without, "ALARM").get(0), "details.timerNote")).isNull();

        SealedDetails.stubOpen(note, okJson("{\"text\":\"Room 5\"}"));
        Map<String, Object> with = awaitWithAlarm(alarmId, i -> "AVAILABLE".equals(detailsStatus(i)));
        assertThat(path(entries(with, "ALARM").get(0), "details.timerNote")).isEqualTo("Room 5");
    }

    @Test
    void anAlarmWithoutDetailsIsNotAskedFor() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();

        AlarmEvents.raised(alarmId, worker, "PANIC");

        Map<String, Object> incident = awaitWithAlarm(alarmId, "NONE");
        assertThat(detailsStatus(incident)).isEqualTo("NONE");
        assertThat(path(entries(incident, "ALARM").get(0), "details.location")).isNull();
        AlarmServiceStubResource.server().verify(0, getRequestedFor(urlPathEqualTo("/api/alarms/" + alarmId + "/details")));
    }

    @Test
    void whenAlarmServiceIsDownTheIncidentShowsAtOnceAndTheDetailsFollow() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        AlarmServiceStubResource.server().stubFor(get(urlPathEqualTo("/api/alarms/" + alarmId + "/details"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        AlarmEvents.alarm(EventTypes.ALARM_RAISED, alarmId, worker, "SILENT", "APP", true);

        Map<String, Object> without = awaitWithAlarm(alarmId, i -> "UNAVAILABLE".equals(detailsStatus(i)));
        assertThat(without.get("status")).isEqualTo("OPEN");
        assertThat(path(entries(without, "ALARM").get(0), "details.location")).isNull();

        SealedDetails.stub(alarmId, "{\"lat\":52.1,\"lon\":4.3}", null);
        Map<String, Object> with = awaitWithAlarm(alarmId, i -> "AVAILABLE".equals(detailsStatus(i)));
        assertThat(number(path(entries(with, "ALARM").get(0), "details.location.lat"))).isCloseTo(52.1, within(1e-4));
        assertThat(path(entries(with, "ALARM").get(0), "details.location.accuracyM")).isNull();
    }

    @Test
    void detailsAskedForBeforeAlarmServiceCommittedTheAlarmStillArrive() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        String url = "/api/alarms/" + alarmId + "/details";
        // The first answer is a 404: the event can overtake alarm-service's commit.
        AlarmServiceStubResource.server().stubFor(get(urlPathEqualTo(url)).inScenario(url)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(404)).willSetStateTo("committed"));
        String location = SealedDetails.sealedBytes();
        SealedDetails.stubOpen(location, okJson("{\"text\":\"{\\\"lat\\\":51.0,\\\"lon\\\":5.0}\"}"));
        AlarmServiceStubResource.server().stubFor(get(urlPathEqualTo(url)).inScenario(url).whenScenarioStateIs("committed")
                .willReturn(okJson("{\"alarmId\":\"" + alarmId + "\",\"location\":{\"sealed\":\"" + location
                        + "\",\"kind\":\"ALARM_POSITION\",\"subjectId\":\"" + alarmId + "\"}}")));

        AlarmEvents.alarm(EventTypes.ALARM_RAISED, alarmId, worker, "PANIC", "APP", true);

        Map<String, Object> incident = awaitWithAlarm(alarmId, i -> "AVAILABLE".equals(detailsStatus(i)));
        assertThat(number(path(entries(incident, "ALARM").get(0), "details.location.lon"))).isCloseTo(5.0, within(1e-4));
    }

    /** JSON numbers come back as Float or Double; compared as double. */
    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static Object detailsStatus(Map<String, Object> incident) {
        return path(entries(incident, "ALARM").get(0), "details.status");
    }
}

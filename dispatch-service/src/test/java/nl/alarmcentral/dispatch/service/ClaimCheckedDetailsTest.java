package nl.alarmcentral.dispatch.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;

/** An alarm's details (position, timer note) fetched from alarm-service by claim check, apart from the alarm. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class ClaimCheckedDetailsTest {

    @Test
    void detailsAreFetchedWithTheServiceAccountAndShownWithTheAlarm() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        stubDetails(alarmId, "{\"alarmId\":\"" + alarmId + "\",\"location\":{\"lat\":51.5555,\"lon\":5.0913,\"accuracyM\":12.5,"
                + "\"capturedAt\":\"2026-11-27T22:55:10Z\",\"altitude\":3},\"timerNote\":null,\"fieldFromTheFuture\":true}");

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
    }

    @Test
    void aMissedCheckInShowsTheNoteSheLeftWithHerTimer() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        stubDetails(alarmId, "{\"alarmId\":\"" + alarmId + "\",\"location\":null,\"timerNote\":\"Hotel, room 12, until 23:00\"}");

        AlarmEvents.alarm(EventTypes.CHECKIN_MISSED, alarmId, worker, "CHECKIN_MISSED", "TIMER", true);

        Map<String, Object> incident = awaitWithAlarm(alarmId, i -> "AVAILABLE".equals(detailsStatus(i)));
        Map<String, Object> alarm = entries(incident, "ALARM").get(0);
        assertThat(path(alarm, "details.timerNote")).isEqualTo("Hotel, room 12, until 23:00");
        assertThat(path(alarm, "details.location")).isNull();
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

        stubDetails(alarmId, "{\"alarmId\":\"" + alarmId + "\",\"location\":{\"lat\":52.1,\"lon\":4.3}}");
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
        AlarmServiceStubResource.server().stubFor(get(urlPathEqualTo(url)).inScenario(url).whenScenarioStateIs("committed")
                .willReturn(okJson("{\"alarmId\":\"" + alarmId + "\",\"location\":{\"lat\":51.0,\"lon\":5.0}}")));

        AlarmEvents.alarm(EventTypes.ALARM_RAISED, alarmId, worker, "PANIC", "APP", true);

        Map<String, Object> incident = awaitWithAlarm(alarmId, i -> "AVAILABLE".equals(detailsStatus(i)));
        assertThat(number(path(entries(incident, "ALARM").get(0), "details.location.lon"))).isCloseTo(5.0, within(1e-4));
    }

    private static void stubDetails(UUID alarmId, String body) {
        AlarmServiceStubResource.server().stubFor(get(urlPathEqualTo("/api/alarms/" + alarmId + "/details"))
                .willReturn(okJson(body)));
    }

    /** JSON numbers come back as Float or Double; compared as double. */
    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static Object detailsStatus(Map<String, Object> incident) {
        return path(entries(incident, "ALARM").get(0), "details.status");
    }
}

package nl.alarmcentral.dispatch.messaging;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.dispatch.AlarmEvents;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.DetailsStatus;
import nl.alarmcentral.dispatch.DispatchDatabase;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.dispatch.SealedDetails;
import nl.alarmcentral.dispatch.WorkerRegistrations;
import nl.alarmcentral.dispatch.client.RegistryCard;
import nl.alarmcentral.dispatch.service.IncidentCardStore;
import nl.alarmcentral.dispatch.service.IncidentCloser;
import nl.alarmcentral.dispatch.service.IncidentService;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * A worker who withdraws (a tombstone on worker.registrations): her cards and alarms' details go at
 * once from memory (they are never in the database).
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class WorkerErasureTest {

    private static final String SUPERVISOR = TestTokens.user("supervisor-erase", Set.of("supervisor"));

    @Inject
    DispatchDatabase database;

    @Inject
    IncidentService incidents;

    @Inject
    IncidentCardStore memory;

    @Inject
    IncidentCloser closer;

    @Test
    void aTombstoneDeletesHerCardsAndAlarmDetailsAndNobodyElses() throws Throwable {
        String her = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        UUID herAlarm = alarmWithCardAndDetails(her, "Roxy");
        UUID otherAlarm = alarmWithCardAndDetails(other, "Lola");
        Map<String, Object> before = awaitWithAlarm(herAlarm, WorkerErasureTest::complete);
        awaitWithAlarm(otherAlarm, WorkerErasureTest::complete);
        UUID herIncident = UUID.fromString((String) before.get("id"));
        // A dispatcher's note may name her.
        given().auth().oauth2(TestTokens.user("dispatcher-erase", Set.of("dispatcher"))).contentType(ContentType.JSON)
                .body(Map.of("text", "Roxy answered from the back room")).when().post("/api/incidents/" + herIncident + "/notes")
                .then().statusCode(200);

        WorkerRegistrations.erased(her);

        // Her memory entries and the database's blanking are separate steps of the erasure: both awaited.
        Map<String, Object> after = awaitWithAlarm(herAlarm, i -> "NONE".equals(path(i, "card.status"))
                && entries(i, "NOTE").stream().allMatch(entry -> entry.get("text") == null));
        assertThat(path(after, "card.workingName")).isNull();
        assertThat(path(after, "card.safetyNote")).isNull();
        Map<String, Object> alarm = entries(after, "ALARM").get(0);
        assertThat(path(alarm, "details.status")).isEqualTo("NONE");
        assertThat(path(alarm, "details.location")).isNull();
        assertThat(path(alarm, "details.timerNote")).isNull();
        // What stays: ids, kinds, channels and times.
        assertThat(after.get("id")).isEqualTo(before.get("id"));
        assertThat(after.get("kind")).isEqualTo("PANIC");
        assertThat(after.get("openedAt")).isEqualTo(before.get("openedAt"));
        assertThat(path(after, "alarms.alarmId")).isEqualTo(List.of(herAlarm.toString()));
        assertThat(alarm.get("channel")).isEqualTo("APP");
        assertThat(memory.card(herIncident).status()).isEqualTo(CardStatus.NONE);
        assertThat(memory.card(herIncident).card()).isNull();
        assertThat(memory.details(herAlarm).status()).isEqualTo(DetailsStatus.NONE);
        assertThat(memory.details(herAlarm).details()).isNull();
        // The note stays as an entry (who, when), without what was typed.
        Map<String, Object> note = entries(after, "NOTE").get(0);
        assertThat(note.get("by")).isEqualTo("user-dispatcher-erase");
        assertThat(note.get("text")).isNull();
        assertThat(database.count("select count(*) from incident_action where incident_id = $1 and text is not null",
                herIncident)).isZero();

        Map<String, Object> untouched = awaitWithAlarm(otherAlarm, WorkerErasureTest::complete);
        assertThat(path(untouched, "card.workingName")).isEqualTo("Lola");
        assertThat(path(entries(untouched, "ALARM").get(0), "details.timerNote")).isEqualTo("Room 7");
        assertThat(memory.details(otherAlarm).status()).isEqualTo(DetailsStatus.AVAILABLE);

        // A card fetched while she was being erased is not kept.
        VertxContextSupport.subscribeAndAwait(() -> incidents.storeCard(herIncident,
                Optional.of(new RegistryCard(her, "Roxy", "note")), false));
        assertThat(memory.card(herIncident).status()).isEqualTo(CardStatus.NONE);
        assertThat(memory.card(herIncident).card()).isNull();

        // After a restart (an empty memory) her open incident's card is not asked for again: "none" at once.
        int asked = RegistryStubResource.server().findAll(getRequestedFor(urlPathEqualTo("/api/dispatch-cards/" + her))).size();
        memory.clear();
        awaitWithAlarm(herAlarm, i -> "NONE".equals(path(i, "card.status"))
                && "NONE".equals(path(entries(i, "ALARM").get(0), "details.status")));
        assertThat(RegistryStubResource.server().findAll(getRequestedFor(urlPathEqualTo("/api/dispatch-cards/" + her))))
                .hasSize(asked);
    }

    @Test
    void erasingTwiceOrSomeoneWithoutIncidentsChangesNothingAndRegistrationsAreIgnored() {
        String her = UUID.randomUUID().toString();
        String stranger = UUID.randomUUID().toString();
        UUID herAlarm = alarmWithCardAndDetails(her, "Mia");
        awaitWithAlarm(herAlarm, WorkerErasureTest::complete);

        WorkerRegistrations.registered(her);
        WorkerRegistrations.erased(stranger);
        WorkerRegistrations.erased(her);
        WorkerRegistrations.erased(her);

        awaitWithAlarm(herAlarm, i -> "NONE".equals(path(i, "card.status")));
        await().atMost(Duration.ofSeconds(15)).until(() -> database.count(
                "select count(*) from erased_worker where worker_id = $1", stranger) == 1);
        assertThat(database.count("select count(*) from erased_worker where worker_id = $1", her)).isEqualTo(1);
        UUID herIncident = UUID.fromString((String) awaitWithAlarm(herAlarm, i -> true).get("id"));
        assertThat(memory.card(herIncident).status()).isEqualTo(CardStatus.NONE);
        assertThat(memory.details(herAlarm).status()).isEqualTo(DetailsStatus.NONE);
    }

    @Test
    void herClosedIncidentsAndPublishedEventsNameHerNoLongerAndHerOpenIncidentOnlyOnceClosed() throws Throwable {
        String her = UUID.randomUUID().toString();
        UUID firstAlarm = alarmWithCardAndDetails(her, "Nina");
        UUID closedIncident = UUID.fromString((String) awaitWithAlarm(firstAlarm, WorkerErasureTest::complete).get("id"));
        assertThat(VertxContextSupport.<Boolean>subscribeAndAwait(() -> closer.close(closedIncident))).isTrue();
        UUID secondAlarm = alarmWithCardAndDetails(her, "Nina");
        UUID openIncident = UUID.fromString((String) awaitWithAlarm(secondAlarm, WorkerErasureTest::complete).get("id"));
        assertThat(openIncident).isNotEqualTo(closedIncident);
        // Opened, closed and opened again: all three events acknowledged by the broker.
        await().atMost(Duration.ofSeconds(15)).until(() -> database.count(
                "select count(*) from incident_outbox where worker_id = $1 and published_at is not null", her) == 3);
        database.execute("INSERT INTO device_warning (event_id, worker_id, device_id, type, incident_id, occurred_at, received_at) "
                + "VALUES ($1, $2, 'button-1', 'OFFLINE', NULL, now(), now())", UUID.randomUUID().toString(), her);

        WorkerRegistrations.erased(her);

        await().atMost(Duration.ofSeconds(15)).until(() -> database.count(
                "select count(*) from incident where id = $1 and worker_id is null", closedIncident) == 1);
        assertThat(database.count("select count(*) from incident_outbox where worker_id = $1", her)).isZero();
        // Help goes on: her open incident keeps her id (and is shown) until it closes.
        assertThat(database.count("select count(*) from incident where id = $1 and worker_id = $2", openIncident, her))
                .isEqualTo(1);
        assertThat(database.count("select count(*) from erased_worker where worker_id = $1", her)).isEqualTo(1);
        assertThat(database.count("select count(*) from device_warning where worker_id = $1", her)).isZero();
        assertThat(database.count("select count(*) from device_warning where device_id = 'button-1' and worker_id is null"))
                .isPositive();
        // Every reader copes with a detached incident.
        Map<String, Object> detached = given().auth().oauth2(SUPERVISOR).when().get("/api/incidents/" + closedIncident)
                .then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(detached.get("status")).isEqualTo("CLOSED");
        assertThat(path(detached, "card.status")).isEqualTo("NONE");
        given().auth().oauth2(SUPERVISOR).queryParam("status", "CLOSED").when().get("/api/incidents").then().statusCode(200);
        given().auth().oauth2(SUPERVISOR).when().get("/api/supervision/acknowledge-times").then().statusCode(200);

        assertThat(VertxContextSupport.<Boolean>subscribeAndAwait(() -> closer.close(openIncident))).isTrue();

        assertThat(database.count("select count(*) from incident where id = $1 and worker_id is null", openIncident))
                .isEqualTo(1);
        // Its incident.closed is still owed to the registry and alarm-service (keyed by her id) ...
        List<ConsumerRecord<String, String>> closings = await().atMost(Duration.ofSeconds(15))
                .until(() -> KafkaTopics.readAll(Topics.INCIDENT_EVENTS, r -> her.equals(r.key())
                        && EventTypes.INCIDENT_CLOSED.equals(KafkaTopics.header(r, "ce_type")), Duration.ofSeconds(2)),
                        found -> found.size() == 2);
        assertThat(closings).anySatisfy(r -> assertThat(r.value()).contains(openIncident.toString()));
        // ... and once acknowledged, its row goes too.
        await().atMost(Duration.ofSeconds(15)).until(() -> database.count(
                "select count(*) from incident_outbox where worker_id = $1", her) == 0);
        assertThat(database.count("select count(*) from incident where worker_id = $1", her)).isZero();
    }

    /** Raises an alarm with details for a worker whose registry card carries this working name. */
    private static UUID alarmWithCardAndDetails(String worker, String workingName) {
        RegistryStubResource.server().stubFor(get(urlPathEqualTo("/api/dispatch-cards/" + worker)).willReturn(okJson(
                "{\"workerId\":\"" + worker + "\",\"workingName\":\"" + workingName + "\",\"safetyNote\":\"Ring twice\"}")));
        UUID alarmId = UUID.randomUUID();
        SealedDetails.stub(alarmId, "{\"lat\":51.5,\"lon\":5.1}", "Room 7");
        AlarmEvents.alarm(EventTypes.ALARM_RAISED, alarmId, worker, "PANIC", "APP", true);
        return alarmId;
    }

    private static boolean complete(Map<String, Object> incident) {
        return "AVAILABLE".equals(path(incident, "card.status"))
                && "AVAILABLE".equals(path(entries(incident, "ALARM").get(0), "details.status"));
    }

}

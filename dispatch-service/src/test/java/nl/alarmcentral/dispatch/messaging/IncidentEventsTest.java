package nl.alarmcentral.dispatch.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static nl.alarmcentral.dispatch.Incidents.awaitWithAlarm;
import static nl.alarmcentral.dispatch.Incidents.entries;
import static nl.alarmcentral.dispatch.Incidents.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.dispatch.AlarmEvents;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.DispatchDatabase;
import nl.alarmcentral.dispatch.Incidents;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.dispatch.SealedDetails;
import nl.alarmcentral.dispatch.service.IncidentCardStore;
import nl.alarmcentral.dispatch.service.IncidentCloser;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;

/**
 * dispatch tells the registry which incidents are open ({@code incident.opened} /
 * {@code incident.closed} on {@code incident.events}), and asks for a card only once the broker has
 * acknowledged the opened event.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class IncidentEventsTest {

    /**
     * Per incident id, whether its incident.opened was recorded as acknowledged at the moment the
     * registry was asked for its card (looked up while the registry stub handles the request).
     */
    private static final Map<String, Boolean> ACKED_WHEN_CARD_ASKED = new ConcurrentHashMap<>();
    private static Object watched;

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    DispatchDatabase database;

    @Inject
    IncidentCardStore memory;

    @Inject
    IncidentCloser closer;

    @BeforeEach
    void watchCardRequests() {
        synchronized (IncidentEventsTest.class) {
            if (watched == RegistryStubResource.server()) {
                return;
            }
            watched = RegistryStubResource.server();
            RegistryStubResource.server().addMockServiceRequestListener((request, response) -> {
                if (!request.getUrl().startsWith("/api/dispatch-cards/") || request.queryParameter("incidentId") == null
                        || !request.queryParameter("incidentId").isPresent()) {
                    return;
                }
                String incidentId = request.queryParameter("incidentId").firstValue();
                ACKED_WHEN_CARD_ASKED.merge(incidentId, openedAcknowledged(incidentId), Boolean::logicalAnd);
            });
        }
    }

    @Test
    void anAlarmThatOpensAnIncidentPublishesIncidentOpenedBeforeItsCardIsFetched() throws Exception {
        String worker = UUID.randomUUID().toString();
        stubCard(worker, "Roxy");
        UUID alarmId = UUID.randomUUID();

        AlarmEvents.raised(alarmId, worker, "PANIC");

        Map<String, Object> incident = awaitWithAlarm(alarmId, "AVAILABLE");
        String incidentId = (String) incident.get("id");
        List<ConsumerRecord<String, String>> events = incidentEventsOf(worker);
        assertThat(events).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(worker);
            assertThat(KafkaTopics.header(record, "ce_type")).isEqualTo(EventTypes.INCIDENT_OPENED);
            assertThat(KafkaTopics.header(record, "ce_source")).isEqualTo(EventTypes.SOURCE_DISPATCH_SERVICE);
            assertThat(KafkaTopics.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(UUID.fromString(KafkaTopics.header(record, "ce_id"))).isNotNull();
            JsonNode payload = json.readTree(record.value());
            assertThat(payload.get("incidentId").asText()).isEqualTo(incidentId);
            assertThat(payload.get("workerId").asText()).isEqualTo(worker);
            assertThat(Instant.parse(payload.get("occurredAt").asText()))
                    .isEqualTo(Instant.parse((String) incident.get("openedAt")));
        });
        assertThat(ACKED_WHEN_CARD_ASKED.get(incidentId)).as("opened acknowledged when the card was asked for").isTrue();
        List<LoggedRequest> asked = RegistryStubResource.server()
                .findAll(getRequestedFor(urlPathEqualTo("/api/dispatch-cards/" + worker)));
        assertThat(asked).isNotEmpty()
                .allSatisfy(request -> assertThat(request.getLoggedDate().getTime()).isGreaterThanOrEqualTo(events.get(0).timestamp()));
    }

    @Test
    void aDuressThatOpensAnIncidentPublishesIncidentOpenedToo() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();

        AlarmEvents.duress(UUID.randomUUID(), alarmId, worker);

        Map<String, Object> incident = awaitWithAlarm(alarmId, "NONE");
        assertThat(incidentEventsOf(worker)).singleElement().satisfies(record -> {
            assertThat(KafkaTopics.header(record, "ce_type")).isEqualTo(EventTypes.INCIDENT_OPENED);
            assertThat(json.readTree(record.value()).get("incidentId").asText()).isEqualTo(incident.get("id"));
        });
    }

    @Test
    void aRedeliveredAlarmAndAlarmsJoiningTheIncidentPublishNothingMore() {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        UUID later = UUID.randomUUID();

        AlarmEvents.raised(alarmId, worker, "PANIC");
        AlarmEvents.raised(alarmId, worker, "PANIC");
        AlarmEvents.raised(later, worker, "SILENT");

        awaitWithAlarm(later, "NONE");
        assertThat(incidentEventsOf(worker)).extracting(r -> KafkaTopics.header(r, "ce_type"))
                .containsExactly(EventTypes.INCIDENT_OPENED);
    }

    @Test
    void closingAnIncidentDropsItsCardAndDetailsAndPublishesIncidentClosedOnce() throws Throwable {
        String worker = UUID.randomUUID().toString();
        stubCard(worker, "Lola");
        UUID alarmId = UUID.randomUUID();
        SealedDetails.stub(alarmId, "{\"lat\":51.5,\"lon\":5.1}", "Room 12");
        AlarmEvents.alarm(EventTypes.ALARM_RAISED, alarmId, worker, "PANIC", "APP", true);
        Map<String, Object> incident = awaitWithAlarm(alarmId, i -> "AVAILABLE".equals(path(i, "card.status"))
                && "AVAILABLE".equals(path(entries(i, "ALARM").get(0), "details.status")));
        UUID incidentId = UUID.fromString((String) incident.get("id"));

        assertThat(VertxContextSupport.<Boolean>subscribeAndAwait(() -> closer.close(incidentId))).isTrue();

        List<ConsumerRecord<String, String>> events = await().atMost(Duration.ofSeconds(15))
                .until(() -> incidentEventsOf(worker), found -> found.size() == 2);
        assertThat(events).extracting(r -> KafkaTopics.header(r, "ce_type"))
                .containsExactly(EventTypes.INCIDENT_OPENED, EventTypes.INCIDENT_CLOSED);
        ConsumerRecord<String, String> closed = events.get(1);
        assertThat(closed.key()).isEqualTo(worker);
        assertThat(KafkaTopics.header(closed, "ce_id")).isNotEqualTo(KafkaTopics.header(events.get(0), "ce_id"));
        assertThat(json.readTree(closed.value()).get("incidentId").asText()).isEqualTo(incidentId.toString());
        // The closing names the incident's alarms (alarm-service drops exactly their positions); the opening none.
        assertThat(json.readTree(closed.value()).get("alarmIds")).extracting(JsonNode::asText).containsExactly(alarmId.toString());
        assertThat(json.readTree(events.get(0).value()).get("alarmIds")).isEmpty();
        assertThat(Incidents.withAlarm(alarmId)).as("no longer active").isEmpty();
        // Dropped from memory with the closing (neither is ever in the database).
        assertThat(memory.card(incidentId)).isNull();
        assertThat(memory.details(alarmId)).isNull();

        assertThat(VertxContextSupport.<Boolean>subscribeAndAwait(() -> closer.close(incidentId))).isFalse();
        assertThat(incidentEventsOf(worker)).hasSize(2);
    }

    @Test
    void anOpenedEventNotAcknowledgedAtFirstIsPublishedLaterAndOnlyThenIsTheCardFetched() {
        // As after a broker outage or a restart between commit and publication: the incident and
        // its outbox row are there, the event is not on the topic.
        String worker = UUID.randomUUID().toString();
        stubCard(worker, "Mia");
        UUID incidentId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        database.execute("insert into incident (id, worker_id, status, kind, opened_at, last_alarm_at, version) "
                + "values ($1, $2, 'OPEN', 'PANIC', now() - interval '1 minute', now() - interval '1 minute', 0)",
                incidentId, worker);
        database.execute("insert into incident_outbox (event_id, incident_id, worker_id, type, occurred_at, created_at) "
                + "values ($1, $2, $3, $4, now() - interval '1 minute', now() - interval '1 minute')",
                eventId, incidentId, worker, EventTypes.INCIDENT_OPENED);

        Map<String, Object> incident = await().atMost(Duration.ofSeconds(20)).until(() -> Incidents.active().stream()
                .filter(i -> incidentId.toString().equals(i.get("id"))).findFirst().orElse(null),
                i -> i != null && "AVAILABLE".equals(path(i, "card.status")));

        assertThat(path(incident, "card.workingName")).isEqualTo("Mia");
        assertThat(incidentEventsOf(worker)).singleElement()
                .satisfies(record -> assertThat(KafkaTopics.header(record, "ce_id")).isEqualTo(eventId.toString()));
        assertThat(ACKED_WHEN_CARD_ASKED.get(incidentId.toString())).isTrue();
        assertThat(database.count("select count(*) from incident_outbox where event_id = $1 and published_at is not null",
                eventId)).isEqualTo(1);
    }

    @Test
    void aClosedEventNotAcknowledgedAtFirstNamesTheIncidentsAlarmsWhenPublishedLater() throws Exception {
        // As after a broker outage between the close and its publication: the relay reads the
        // outbox row and the incident's alarms from the database.
        String worker = UUID.randomUUID().toString();
        UUID incidentId = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        database.execute("insert into incident (id, worker_id, status, kind, opened_at, last_alarm_at, version, "
                + "closed_at) values ($1, $2, 'CLOSED', 'PANIC', now() - interval '5 minutes', now() - interval '4 minutes', "
                + "0, now() - interval '1 minute')", incidentId, worker);
        for (UUID alarm : List.of(first, second)) {
            database.execute("insert into incident_alarm (alarm_id, incident_id, kind, channel, raised_at, received_at, "
                    + "has_details) values ($1, $2, 'PANIC', 'APP', now() - interval '4 minutes', now() - interval '4 minutes', "
                    + "false)", alarm, incidentId);
        }
        database.execute("insert into incident_outbox (event_id, incident_id, worker_id, type, occurred_at, created_at) "
                + "values ($1, $2, $3, $4, now() - interval '1 minute', now() - interval '1 minute')",
                eventId, incidentId, worker, EventTypes.INCIDENT_CLOSED);

        ConsumerRecord<String, String> closed = await().atMost(Duration.ofSeconds(20))
                .until(() -> incidentEventsOf(worker), found -> found.size() == 1).get(0);

        assertThat(KafkaTopics.header(closed, "ce_id")).isEqualTo(eventId.toString());
        assertThat(KafkaTopics.header(closed, "ce_type")).isEqualTo(EventTypes.INCIDENT_CLOSED);
        assertThat(json.readTree(closed.value()).get("alarmIds")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(first.toString(), second.toString());
    }

    private boolean openedAcknowledged(String incidentId) {
        return database.count("select count(*) from incident_outbox where incident_id = $1 and type = $2 "
                + "and published_at is not null", UUID.fromString(incidentId), EventTypes.INCIDENT_OPENED) == 1;
    }

    private static List<ConsumerRecord<String, String>> incidentEventsOf(String worker) {
        return KafkaTopics.readAll(Topics.INCIDENT_EVENTS, r -> worker.equals(r.key()), Duration.ofSeconds(3));
    }

    private static void stubCard(String worker, String workingName) {
        RegistryStubResource.server().stubFor(get(urlPathEqualTo("/api/dispatch-cards/" + worker)).willReturn(okJson(
                "{\"workerId\":\"" + worker + "\",\"workingName\":\"" + workingName + "\",\"safetyNote\":null}")));
    }

}

package nl.alarmcentral.registry.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.registry.Incidents;
import nl.alarmcentral.registry.RegistryDb;

/** incident.events: once per CloudEvent id, closed stays closed, the unusable is dead-lettered. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class IncidentEventConsumerTest {

    @Test
    void aRedeliveredOrLateOpeningDoesNotReopenAClosedIncident() {
        String worker = UUID.randomUUID().toString();
        UUID incident = UUID.randomUUID();
        String openedId = UUID.randomUUID().toString();
        Incidents.publish(EventTypes.INCIDENT_OPENED, openedId, incident, worker);
        Incidents.close(incident, worker);

        Incidents.publish(EventTypes.INCIDENT_OPENED, openedId, incident, worker);
        Incidents.publish(EventTypes.INCIDENT_OPENED, UUID.randomUUID().toString(), incident, worker);
        // A marker after them on the same key (so the same partition): once it is in, they were processed.
        Incidents.open(worker);

        assertThat(RegistryDb.count("SELECT count(*) FROM known_incident WHERE incident_id = ? AND closed_at IS NOT NULL",
                incident)).isEqualTo(1);
        assertThat(RegistryDb.count("SELECT count(*) FROM processed_event WHERE event_id = ?", openedId)).isEqualTo(1);
        Incidents.card(worker, incident).statusCode(409);
    }

    @Test
    void anIncidentBelongsToTheWorkerItWasOpenedFor() {
        String worker = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        UUID incident = Incidents.open(worker);
        Incidents.publish(EventTypes.INCIDENT_CLOSED, UUID.randomUUID().toString(), incident, other);
        Incidents.open(other);
        assertThat(RegistryDb.rows("SELECT worker_id, closed_at FROM known_incident WHERE incident_id = ?", incident))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("worker_id")).isEqualTo(worker);
                    assertThat(row.get("closed_at")).isNull();
                });
    }

    @Test
    void unusableEventsAreDeadLettered() {
        String key = UUID.randomUUID().toString();
        Incidents.send("nl.alarmcentral.incident.reopened.v9", UUID.randomUUID().toString(), key, "{}");
        Incidents.send(EventTypes.INCIDENT_OPENED, UUID.randomUUID().toString(), key, "not json");
        Incidents.send(EventTypes.INCIDENT_OPENED, UUID.randomUUID().toString(), key, "{\"workerId\":\"" + key + "\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> parked = KafkaTopics.readAll(Topics.INCIDENT_EVENTS_DEAD_LETTER,
                    record -> key.equals(record.key()), Duration.ofSeconds(2));
            assertThat(parked).hasSize(3);
        });
        // Events after them are still processed.
        Incidents.open(key);
    }

    @Test
    void anEventWithoutCloudEventIdIsDeadLettered() {
        String key = UUID.randomUUID().toString();
        KafkaTopics.send(Topics.INCIDENT_EVENTS, key, "{\"incidentId\":\"" + UUID.randomUUID() + "\",\"workerId\":\"" + key
                + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}", Map.of("content-type", "application/json"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(KafkaTopics.readAll(
                Topics.INCIDENT_EVENTS_DEAD_LETTER, record -> key.equals(record.key()), Duration.ofSeconds(2))).hasSize(1));
    }
}

package nl.alarmcentral.dispatch.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmEvent;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.contract.messaging.PathWarmup;
import nl.alarmcentral.contract.messaging.ServiceReadiness;
import nl.alarmcentral.dispatch.live.ConsoleBroadcaster;
import nl.alarmcentral.dispatch.messaging.AlarmEventReader;

/**
 * Warm before ready: the first alarm after a start must be as fast as any other. Before the service
 * reports ready ({@link ServiceReadiness}), this runs the alarm's path through its own code in
 * rounds ({@link PathWarmup}): the event read from JSON, recorded as a new incident with its alarm
 * and outbox row, the incident read back as the consoles see it and its frame written, all in a
 * transaction that is rolled back. A synthetic worker id that no account can have is used, nothing
 * is committed, and no frame is sent: no worker's data is touched and no console sees it. The
 * producers of the console fan-out and of the incident events fetch their topics' metadata first.
 * Measured effect: docs/benchmarks.md ("First alarm after a start").
 */
@ApplicationScoped
public class AlarmPathWarmup {

    /**
     * At most 150 rounds or 20 s; done earlier when 20 rounds in a row took less than 8 ms each.
     * Measured on the local stack (2026-12-07, two instances warming at once on two cores), the
     * median of each 25 rounds: 142, 38, 30, 30, 51, 36 ... 9 ms and 54, 35, 25, 40, 20, 32 ... 13 ms.
     * After the first 25 a round is within a few tens of ms of its best; rounds 150-300 (6-8 s more
     * before ready, at every start) bought the first alarm little. Curve: the summary line's log.
     */
    static final PathWarmup.Limits LIMITS = new PathWarmup.Limits(150, Duration.ofSeconds(20), 20, Duration.ofMillis(8));

    private static final String SYNTHETIC_PREFIX = "warm-up:";

    private final IncidentService incidents;
    private final IncidentQueryService queries;
    private final AlarmEventReader reader;
    private final ConsoleBroadcaster consoles;
    private final ObjectMapper json;
    private final KafkaClientService kafka;
    private final PathWarmup warmup;

    public AlarmPathWarmup(IncidentService incidents, IncidentQueryService queries, AlarmEventReader reader,
            ConsoleBroadcaster consoles, ObjectMapper json, KafkaClientService kafka, PathWarmup warmup) {
        this.incidents = incidents;
        this.queries = queries;
        this.reader = reader;
        this.consoles = consoles;
        this.json = json;
        this.kafka = kafka;
        this.warmup = warmup;
    }

    void onStart(@Observes StartupEvent event) {
        warmup.start("alarm path", LIMITS, this::producersReady, this::round);
    }

    /** One alarm through the path, rolled back. */
    private Uni<Void> round() {
        UUID alarmId = UUID.randomUUID();
        String workerId = syntheticWorkerId();
        AlarmEvent event;
        try {
            String payload = json.writeValueAsString(new AlarmEvent(alarmId, workerId, AlarmKind.PANIC, AlarmChannel.APP,
                    Instant.now(), false));
            event = reader.alarm(EventTypes.ALARM_RAISED, payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.withTransaction(() -> incidents.recordAlarm("warm-up-" + alarmId, EventTypes.ALARM_RAISED, event)
                .flatMap(outcome -> queries.summariesOf(List.of(outcome.incidentId())))
                .invoke(summaries -> summaries.forEach(summary -> consoles.frameOf(summary, true)))
                .call(() -> Panache.currentTransaction().invoke(transaction -> transaction.markForRollback())))
                .replaceWithVoid();
    }

    /**
     * A worker id no account has: Keycloak's ids are UUIDs, this one is not, and it differs at every
     * round so that each round opens a new incident, as the first alarm of a worker does.
     */
    private static String syntheticWorkerId() {
        return SYNTHETIC_PREFIX + UUID.nameUUIDFromBytes(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a worker id is one of the warm-up's own (never a person's). */
    static boolean isSynthetic(String workerId) {
        // Null: a closed incident detached from a worker who withdrew.
        return workerId != null && workerId.startsWith(SYNTHETIC_PREFIX);
    }

    private Uni<Void> producersReady() {
        return Uni.join().all(
                kafka.getProducer("incident-changes-out").runOnSendingThread(p -> { p.partitionsFor(Topics.INCIDENT_CHANGES); }),
                kafka.getProducer("incident-events").runOnSendingThread(p -> { p.partitionsFor(Topics.INCIDENT_EVENTS); }))
                .andFailFast().replaceWithVoid();
    }
}

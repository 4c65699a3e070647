package nl.alarmcentral.dispatch.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmEvent;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.contract.messaging.ServiceReadiness;
import nl.alarmcentral.dispatch.live.ConsoleBroadcaster;
import nl.alarmcentral.dispatch.messaging.AlarmEventReader;

/**
 * Warm before ready: the first alarm after a start must be as fast as any other. Before the service
 * reports ready ({@link ServiceReadiness}), this runs the alarm's path through its own code a number
 * of times: the event read from JSON, recorded as a new incident with its alarm and outbox row, the
 * incident read back as the consoles see it and its frame written, all in a transaction that is
 * rolled back. A synthetic worker id that no account can have is used, nothing is committed, and no
 * frame is sent: no worker's data is touched and no console sees it. The producers of the console
 * fan-out and of the incident events fetch their topics' metadata too. Measured effect:
 * docs/benchmarks.md ("First alarm after a start").
 */
@ApplicationScoped
public class AlarmPathWarmup {

    private static final Logger LOG = Logger.getLogger(AlarmPathWarmup.class);

    /** At most this many rounds... */
    static final int MAX_ROUNDS = 300;
    /** ...or this long, whichever comes first. */
    static final Duration MAX_TIME = Duration.ofSeconds(40);
    /** Done earlier when this many rounds in a row took less than {@link #WARM_ROUND}. */
    static final int WARM_STREAK = 20;
    static final Duration WARM_ROUND = Duration.ofMillis(8);

    private static final String SYNTHETIC_PREFIX = "warm-up:";

    private final IncidentService incidents;
    private final IncidentQueryService queries;
    private final AlarmEventReader reader;
    private final ConsoleBroadcaster consoles;
    private final ObjectMapper json;
    private final KafkaClientService kafka;
    private final ServiceReadiness readiness;
    private final Vertx vertx;

    public AlarmPathWarmup(IncidentService incidents, IncidentQueryService queries, AlarmEventReader reader,
            ConsoleBroadcaster consoles, ObjectMapper json, KafkaClientService kafka, ServiceReadiness readiness, Vertx vertx) {
        this.incidents = incidents;
        this.queries = queries;
        this.reader = reader;
        this.consoles = consoles;
        this.json = json;
        this.kafka = kafka;
        this.readiness = readiness;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        Runnable done = readiness.require("alarm path");
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        Instant start = Instant.now();
        List<Long> rounds = new ArrayList<>();
        context.runOnContext(ignored -> producersReady()
                // The producers answer on their own threads; the rounds need this Vert.x context.
                .emitOn(command -> context.runOnContext(nothing -> command.run()))
                .chain(() -> rounds(start, rounds))
                .subscribe().with(
                        finished -> {
                            LOG.infof("Alarm path warm after %d round(s) in %d ms (first %d ms, last %d ms)", rounds.size(),
                                    Duration.between(start, Instant.now()).toMillis(), rounds.isEmpty() ? 0 : rounds.get(0),
                                    rounds.isEmpty() ? 0 : rounds.get(rounds.size() - 1));
                            done.run();
                        },
                        failure -> {
                            // Not warm, but able to work: a failing warm-up must not keep alarms out.
                            LOG.warnf("Warming the alarm path failed after %d round(s) (%s); ready anyway", rounds.size(),
                                    failure.getClass().getName());
                            done.run();
                        }));
    }

    private Uni<Void> rounds(Instant start, List<Long> rounds) {
        long begin = System.nanoTime();
        return round().chain(() -> {
            rounds.add((System.nanoTime() - begin) / 1_000_000);
            if (isWarm(rounds) || rounds.size() >= MAX_ROUNDS || Duration.between(start, Instant.now()).compareTo(MAX_TIME) > 0) {
                return Uni.createFrom().voidItem();
            }
            return rounds(start, rounds);
        });
    }

    private static boolean isWarm(List<Long> rounds) {
        if (rounds.size() < WARM_STREAK) {
            return false;
        }
        return rounds.subList(rounds.size() - WARM_STREAK, rounds.size()).stream().allMatch(ms -> ms < WARM_ROUND.toMillis());
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
        return workerId.startsWith(SYNTHETIC_PREFIX);
    }

    private Uni<Void> producersReady() {
        return Uni.join().all(
                kafka.getProducer("incident-changes-out").runOnSendingThread(p -> { p.partitionsFor(Topics.INCIDENT_CHANGES); }),
                kafka.getProducer("incident-events").runOnSendingThread(p -> { p.partitionsFor(Topics.INCIDENT_EVENTS); }))
                .andFailFast().replaceWithVoid();
    }
}

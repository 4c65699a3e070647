package nl.alarmcentral.dispatch.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.contract.messaging.ConsumerGroups;
import nl.alarmcentral.dispatch.IncidentStatus;
import nl.alarmcentral.dispatch.repository.IncidentRepository;
import nl.alarmcentral.dispatch.repository.IncidentVersion;
import nl.alarmcentral.dispatch.rest.IncidentSummary;
import nl.alarmcentral.dispatch.service.IncidentMetrics;
import nl.alarmcentral.dispatch.service.IncidentQueryService;

/**
 * Sends incidents to the consoles connected to this instance ({@link IncidentSocket}). Changes come
 * from every instance through Kafka ({@link nl.alarmcentral.dispatch.messaging.IncidentChangeConsumer});
 * this class rereads the incidents and sends each console the same frame. A summary is sent only
 * when it is newer than the one this instance sent before, so a change that arrives twice (Kafka,
 * then the sweep) is sent once.
 *
 * <p>The sweep: every few seconds incidents changed since the previous sweep are reread too, so a
 * change whose Kafka message was lost still reaches the consoles, late rather than never; an
 * incident it finds opened and never sent is marked new, so the consoles still alert. Only
 * those newer than what was sent are reread: a finished incident's last version is remembered
 * until it is too old for the sweep to list it again, so a busy central does not reread and resend
 * every incident resolved in the last seconds at every sweep.
 *
 * <p>The consoles also learn when alarms are delayed ({@link ConsumerGroups}: this instance is
 * waiting out a failure, or alarm events stand still for dispatch as a whole), so that every
 * dispatcher still connected sees "alarms delayed" instead of a quiet list.
 */
@ApplicationScoped
public class ConsoleBroadcaster {

    private static final Logger LOG = Logger.getLogger(ConsoleBroadcaster.class);

    /** The sweep looks back this much further than its previous run (clocks, slow commits). */
    private static final Duration SWEEP_OVERLAP = Duration.ofSeconds(5);

    private final OpenConnections connections;
    private final IncidentQueryService queries;
    private final IncidentRepository incidents;
    private final ObjectMapper json;
    private final IncidentMetrics metrics;
    private final ConsumerGroups groups;

    /**
     * The newest version sent per incident; a finished incident stays until the sweep no longer
     * looks back to its last change.
     */
    private final Map<UUID, Sent> sent = new ConcurrentHashMap<>();

    /** A version sent, whether it finished the incident, and when it was sent (after it changed). */
    private record Sent(long version, boolean finished, Instant sentAt) {
    }

    private volatile Instant lastSweep = Instant.now();
    /** The alarm flow the consoles were last told about. */
    private volatile IncidentFrame.AlarmFlow toldFlow = IncidentFrame.AlarmFlow.NORMAL;

    public ConsoleBroadcaster(OpenConnections connections, IncidentQueryService queries, IncidentRepository incidents,
            ObjectMapper json, IncidentMetrics metrics, ConsumerGroups groups) {
        this.metrics = metrics;
        this.groups = groups;
        this.connections = connections;
        this.queries = queries;
        this.json = json;
        this.incidents = incidents;
    }

    /** The snapshot frame for a console that just connected. */
    public Uni<String> snapshot() {
        return queries.summaries().map(list -> write(IncidentFrame.snapshot(list, alarmFlow())));
    }

    /** Whether alarm events reach dispatch in time, from this instance's view of the alarm consumers' group. */
    IncidentFrame.AlarmFlow alarmFlow() {
        return groups.states().stream().filter(state -> Topics.ALARM_EVENTS.equals(state.job().topic()))
                .filter(ConsumerGroups.JobState::isDelayed).findFirst()
                .map(state -> new IncidentFrame.AlarmFlow(true, state.waiting(), state.delayedSince()))
                .orElse(IncidentFrame.AlarmFlow.NORMAL);
    }

    /**
     * Tells every console when alarms start or stop being delayed, and how many wait (at most
     * once a second).
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tellAlarmFlow() {
        IncidentFrame.AlarmFlow now = alarmFlow();
        if (now.equals(toldFlow)) {
            return;
        }
        if (now.delayed() != toldFlow.delayed()) {
            LOG.infof(now.delayed() ? "Consoles told: alarms delayed (%d waiting)" : "Consoles told: alarms flow again",
                    now.waiting());
        }
        toldFlow = now;
        String frame = write(IncidentFrame.status(now));
        for (WebSocketConnection console : consoles()) {
            console.sendText(frame).subscribe().with(done -> { },
                    failure -> LOG.debugf("A console went away while sending: %s", failure.getClass().getSimpleName()));
        }
    }

    /**
     * Sends these incidents as they are now to every console of this instance.
     *
     * @param changed the incidents that changed
     * @param opened  those among them whose change opened them (the consoles sound their alert)
     */
    public Uni<Void> push(Collection<UUID> changed, Set<UUID> opened) {
        if (changed.isEmpty() || consoles().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return queries.summariesOf(changed).invoke(summaries -> send(summaries, opened)).replaceWithVoid();
    }

    /** Catches up changes whose message did not arrive (see the class comment). */
    @Scheduled(every = "${dispatch.console-sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSession
    Uni<Void> sweep() {
        Instant since = lastSweep.minus(SWEEP_OVERLAP);
        lastSweep = Instant.now();
        // Finished before the sweep's window: it cannot be listed again.
        sent.values().removeIf(s -> s.finished() && s.sentAt().isBefore(since));
        if (consoles().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return incidents.versionsChangedSince(since).flatMap(found -> {
            List<IncidentVersion> behind = found.stream().filter(i -> i.version() > sentVersion(i.id())).toList();
            // Opened within the window and never sent: its own message is late, and the consoles
            // must still sound their alert for it.
            Set<UUID> opened = behind.stream()
                    .filter(i -> !sent.containsKey(i.id()) && i.status() == IncidentStatus.OPEN && !i.openedAt().isBefore(since))
                    .map(IncidentVersion::id).collect(Collectors.toSet());
            return push(behind.stream().map(IncidentVersion::id).toList(), opened);
        });
    }

    private void send(List<IncidentSummary> summaries, Set<UUID> opened) {
        Collection<WebSocketConnection> consoles = consoles();
        for (IncidentSummary summary : summaries) {
            if (sentVersion(summary.id()) >= summary.version()) {
                continue;
            }
            sent.put(summary.id(), new Sent(summary.version(), summary.status().isFinished(), Instant.now()));
            boolean isNew = opened.contains(summary.id());
            if (isNew && summary.lastAlarmAt() != null) {
                metrics.shownOnConsoles(Duration.between(summary.lastAlarmAt(), Instant.now()));
            }
            String frame = frameOf(summary, isNew);
            for (WebSocketConnection console : consoles) {
                console.sendText(frame).subscribe().with(done -> { },
                        failure -> LOG.debugf("A console went away while sending: %s", failure.getClass().getSimpleName()));
            }
        }
    }

    /** The frame that tells the consoles about this incident (also used to warm the path up). */
    public String frameOf(IncidentSummary summary, boolean isNew) {
        return write(IncidentFrame.changed(summary, isNew));
    }

    private long sentVersion(UUID incidentId) {
        Sent before = sent.get(incidentId);
        return before == null ? -1L : before.version();
    }

    private Collection<WebSocketConnection> consoles() {
        return connections.findByEndpointId(IncidentSocket.ENDPOINT_ID);
    }

    private String write(IncidentFrame frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An incident frame cannot be written", e);
        }
    }
}

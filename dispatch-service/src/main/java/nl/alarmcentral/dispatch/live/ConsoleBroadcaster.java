package nl.alarmcentral.dispatch.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.repository.IncidentRepository;
import nl.alarmcentral.dispatch.rest.IncidentSummary;
import nl.alarmcentral.dispatch.service.IncidentQueryService;

/**
 * Sends incidents to the consoles connected to this instance ({@link IncidentSocket}). Changes come
 * from every instance through Kafka ({@link nl.alarmcentral.dispatch.messaging.IncidentChangeConsumer});
 * this class rereads the incidents and sends each console the same frame. A summary is sent only
 * when it is newer than the one this instance sent before, so a change that arrives twice (Kafka,
 * then the sweep) is sent once.
 *
 * <p>The sweep: every few seconds incidents changed since the previous sweep are reread too, so a
 * change whose Kafka message was lost still reaches the consoles, late rather than never.
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

    /** The newest version sent per incident that is not finished. */
    private final Map<UUID, Long> sent = new ConcurrentHashMap<>();

    private volatile Instant lastSweep = Instant.now();

    public ConsoleBroadcaster(OpenConnections connections, IncidentQueryService queries, IncidentRepository incidents,
            ObjectMapper json) {
        this.connections = connections;
        this.queries = queries;
        this.json = json;
        this.incidents = incidents;
    }

    /** The snapshot frame for a console that just connected. */
    public Uni<String> snapshot() {
        return queries.summaries().map(list -> write(IncidentFrame.snapshot(list)));
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
        if (consoles().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return incidents.listChangedSince(since)
                .flatMap(found -> push(found.stream().filter(i -> i.version > sent.getOrDefault(i.id, -1L)).map(i -> i.id)
                        .toList(), Set.of()));
    }

    private void send(List<IncidentSummary> summaries, Set<UUID> opened) {
        Collection<WebSocketConnection> consoles = consoles();
        for (IncidentSummary summary : summaries) {
            Long before = sent.get(summary.id());
            if (before != null && before >= summary.version()) {
                continue;
            }
            if (summary.status().isFinished()) {
                sent.remove(summary.id());
            } else {
                sent.put(summary.id(), summary.version());
            }
            String frame = write(IncidentFrame.changed(summary, opened.contains(summary.id())));
            for (WebSocketConnection console : consoles) {
                console.sendText(frame).subscribe().with(done -> { },
                        failure -> LOG.debugf("A console went away while sending: %s", failure.getClass().getSimpleName()));
            }
        }
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

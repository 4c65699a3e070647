package nl.alarmcentral.dispatch.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.IncidentStatus;
import nl.alarmcentral.dispatch.repository.IncidentRepository;

/**
 * The console's numbers for ops and supervisors (no ids, no labels that could point at anyone):
 * {@code alarmcentral_acknowledge_seconds} (a histogram with buckets at the standard's 30 and 60
 * seconds), {@code alarmcentral_incident_escalations_total}, and the gauges
 * {@code alarmcentral_incidents_open} (not finished) and {@code alarmcentral_incidents_unacknowledged}.
 * The gauges are counted in the database every few seconds, so every instance reports the same.
 */
@ApplicationScoped
public class IncidentMetrics {

    /** The standard's targets for alarm centrals: 80% within 30 s, 98.5% within 60 s. */
    public static final Duration TARGET_30S = Duration.ofSeconds(30);
    public static final Duration TARGET_60S = Duration.ofSeconds(60);

    private static final List<IncidentStatus> UNFINISHED = List.of(IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED,
            IncidentStatus.HELP_SENT);

    private final IncidentRepository incidents;
    private final Timer acknowledgeTime;
    private final Counter escalations;
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong unacknowledged = new AtomicLong();

    public IncidentMetrics(MeterRegistry registry, IncidentRepository incidents) {
        this.incidents = incidents;
        acknowledgeTime = Timer.builder("alarmcentral.acknowledge")
                .description("Time from an incident opening to a dispatcher taking it")
                .serviceLevelObjectives(Duration.ofSeconds(10), TARGET_30S, TARGET_60S, Duration.ofSeconds(120))
                .register(registry);
        escalations = Counter.builder("alarmcentral.incident.escalations")
                .description("Incidents nobody acknowledged within dispatch.escalate-after")
                .register(registry);
        Gauge.builder("alarmcentral.incidents.open", open, AtomicLong::get)
                .description("Incidents that are not resolved or closed").register(registry);
        Gauge.builder("alarmcentral.incidents.unacknowledged", unacknowledged, AtomicLong::get)
                .description("Open incidents nobody has acknowledged").register(registry);
    }

    /** A dispatcher took an incident this long after it opened. */
    public void acknowledged(Duration after) {
        acknowledgeTime.record(after);
    }

    /** Incidents were escalated. */
    public void escalated(int count) {
        escalations.increment(count);
    }

    @Scheduled(every = "${dispatch.gauge-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSession
    Uni<Void> countIncidents() {
        return incidents.countByStatus(UNFINISHED).invoke(open::set)
                .flatMap(ignored -> incidents.countByStatus(List.of(IncidentStatus.OPEN)))
                .invoke(unacknowledged::set)
                .replaceWithVoid();
    }
}

package nl.alarmcentral.dispatch.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.Incident;
import nl.alarmcentral.dispatch.IncidentAction;
import nl.alarmcentral.dispatch.IncidentActionType;
import nl.alarmcentral.dispatch.config.DispatchConfig;
import nl.alarmcentral.dispatch.messaging.IncidentChangePublisher;
import nl.alarmcentral.dispatch.repository.IncidentActionRepository;
import nl.alarmcentral.dispatch.repository.IncidentRepository;

/**
 * Escalates incidents nobody acknowledged within {@code dispatch.escalate-after} (default 30 s):
 * {@code escalatedAt} is set, an {@code ESCALATED} entry goes on the timeline, the metric counts
 * it and every console shows it highlighted for supervisors. Exactly once, also with several
 * instances: the incidents are claimed with {@code FOR UPDATE SKIP LOCKED}, and an escalated one
 * no longer matches.
 */
@ApplicationScoped
public class IncidentEscalator {

    private static final Logger LOG = Logger.getLogger(IncidentEscalator.class);

    /** At most this many incidents per round. */
    private static final int BATCH = 100;

    private final IncidentRepository incidents;
    private final IncidentActionRepository actions;
    private final IncidentService incidentService;
    private final IncidentChangePublisher changes;
    private final IncidentMetrics metrics;
    private final DispatchConfig config;

    public IncidentEscalator(IncidentRepository incidents, IncidentActionRepository actions, IncidentService incidentService,
            IncidentChangePublisher changes, IncidentMetrics metrics, DispatchConfig config) {
        this.incidents = incidents;
        this.actions = actions;
        this.incidentService = incidentService;
        this.changes = changes;
        this.metrics = metrics;
        this.config = config;
    }

    @Scheduled(every = "${dispatch.escalation-check-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> escalateOverdue() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> incidents.claim("status = 'OPEN' AND escalated_at IS NULL AND opened_at <= :due",
                "opened_at", BATCH, Map.of("due", now.minus(config.escalateAfter())))
                .flatMap(due -> due.isEmpty() ? Uni.createFrom().item(List.<IncidentChange>of()) : escalate(due, now)))
                .invoke(escalated -> {
                    escalated.forEach(changes::changed);
                    if (!escalated.isEmpty()) {
                        metrics.escalated(escalated.size());
                        LOG.warnf("%d incident(s) not acknowledged within %s: escalated to supervisors", escalated.size(),
                                config.escalateAfter());
                    }
                })
                .replaceWithVoid();
    }

    private Uni<List<IncidentChange>> escalate(List<Incident> due, Instant now) {
        due.forEach(incident -> {
            incident.escalatedAt = now;
            incident.changed(now);
        });
        return actions.persist(due.stream().map(i -> IncidentAction.of(i, IncidentActionType.ESCALATED, now, null, null, null)))
                .flatMap(ignored -> incidents.flush())
                .map(ignored -> due.stream().map(IncidentChange::of).toList());
    }
}

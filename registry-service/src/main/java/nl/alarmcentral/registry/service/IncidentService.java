package nl.alarmcentral.registry.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.IncidentEvent;
import nl.alarmcentral.registry.KnownIncident;
import nl.alarmcentral.registry.ProcessedEvent;
import nl.alarmcentral.registry.repository.KnownIncidentRepository;
import nl.alarmcentral.registry.repository.ProcessedEventRepository;

/**
 * Keeps the registry's list of incidents up to date from {@code incident.events}, once per
 * CloudEvent id. An incident is open from its opening until its closing; once closed it stays
 * closed (a late or repeated opening does not reopen it), and it always belongs to the worker its
 * first event named.
 */
@ApplicationScoped
public class IncidentService {

    private static final Logger LOG = Logger.getLogger(IncidentService.class);

    private final KnownIncidentRepository incidents;
    private final ProcessedEventRepository processed;

    public IncidentService(KnownIncidentRepository incidents, ProcessedEventRepository processed) {
        this.incidents = incidents;
        this.processed = processed;
    }

    /**
     * Applies one event unless its id was seen before.
     *
     * @return whether it was new
     */
    @WithTransaction
    public Uni<Boolean> record(String eventId, String type, IncidentEvent event) {
        return processed.findById(eventId).flatMap(seen -> {
            if (seen != null) {
                return Uni.createFrom().item(false);
            }
            Instant now = Instant.now();
            return incidents.findById(event.incidentId())
                    .flatMap(known -> apply(known, type, event, now))
                    .flatMap(ignored -> processed.persist(ProcessedEvent.of(eventId, type, now)))
                    .replaceWith(true);
        });
    }

    private Uni<Void> apply(KnownIncident known, String type, IncidentEvent event, Instant now) {
        boolean opened = EventTypes.INCIDENT_OPENED.equals(type);
        if (known == null) {
            KnownIncident incident = new KnownIncident();
            incident.incidentId = event.incidentId();
            incident.workerId = event.workerId();
            incident.recordedAt = now;
            if (opened) {
                incident.openedAt = event.occurredAt();
            } else {
                incident.closedAt = event.occurredAt();
            }
            return incidents.persist(incident).replaceWithVoid();
        }
        if (!known.workerId.equals(event.workerId())) {
            LOG.warn("An incident was announced for another worker before; event ignored");
            return Uni.createFrom().voidItem();
        }
        if (opened && known.openedAt == null) {
            known.openedAt = event.occurredAt();
        } else if (!opened && known.closedAt == null) {
            known.closedAt = event.occurredAt();
        }
        return Uni.createFrom().voidItem();
    }
}

package nl.alarmcentral.dispatch.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.Incident;
import nl.alarmcentral.dispatch.IncidentStatus;

/** Incidents. */
@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    /** The worker's incident that is not closed, or null. */
    public Uni<Incident> findActive(String workerId) {
        return find("workerId = ?1 and status <> ?2", workerId, IncidentStatus.CLOSED).firstResult();
    }

    /** Incidents in the given states, oldest first. */
    public Uni<List<Incident>> listByStatus(Collection<IncidentStatus> statuses) {
        return list("status in ?1", Sort.ascending("openedAt"), statuses);
    }

    /**
     * Active incidents whose card still has to be fetched and may be: the registry has been told
     * they are open ({@code incident.opened} acknowledged).
     */
    public Uni<List<Incident>> listAwaitingCard() {
        return list("status <> ?1 and cardStatus in ?2 and id in (select o.incidentId from IncidentOutboxEvent o "
                + "where o.type = ?3 and o.publishedAt is not null)", IncidentStatus.CLOSED,
                List.of(CardStatus.PENDING, CardStatus.UNAVAILABLE), EventTypes.INCIDENT_OPENED);
    }

    /** An incident locked for this transaction: erasing her waits for the write, or the write for the erasure. */
    public Uni<Incident> findLocked(UUID incidentId) {
        return findById(incidentId, LockModeType.PESSIMISTIC_WRITE);
    }
}

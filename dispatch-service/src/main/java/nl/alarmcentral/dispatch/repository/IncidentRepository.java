package nl.alarmcentral.dispatch.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
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

    /** Active incidents whose card still has to be fetched. */
    public Uni<List<Incident>> listAwaitingCard() {
        return list("status <> ?1 and cardStatus in ?2", IncidentStatus.CLOSED,
                List.of(CardStatus.PENDING, CardStatus.UNAVAILABLE));
    }
}

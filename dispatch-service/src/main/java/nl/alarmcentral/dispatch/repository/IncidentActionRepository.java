package nl.alarmcentral.dispatch.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.IncidentAction;

/** Incidents' action logs (append-only), by entry id. */
@ApplicationScoped
public class IncidentActionRepository implements PanacheRepositoryBase<IncidentAction, UUID> {

    public Uni<List<IncidentAction>> listForIncidents(Collection<UUID> incidentIds) {
        return list("incidentId in ?1", Sort.ascending("at", "seq"), incidentIds);
    }
}

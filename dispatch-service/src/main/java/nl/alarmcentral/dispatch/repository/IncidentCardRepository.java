package nl.alarmcentral.dispatch.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.IncidentCard;

/** Dispatch cards of active incidents, by incident id. */
@ApplicationScoped
public class IncidentCardRepository implements PanacheRepositoryBase<IncidentCard, UUID> {

    public Uni<List<IncidentCard>> listForIncidents(Collection<UUID> incidentIds) {
        return list("incidentId in ?1", incidentIds);
    }
}

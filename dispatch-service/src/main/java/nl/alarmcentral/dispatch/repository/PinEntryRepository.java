package nl.alarmcentral.dispatch.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.PinEntry;

/** Cancel and duress PIN entries on incidents' timelines, by event id. */
@ApplicationScoped
public class PinEntryRepository implements PanacheRepositoryBase<PinEntry, String> {

    public Uni<List<PinEntry>> listForIncidents(Collection<UUID> incidentIds) {
        return list("incidentId in ?1", Sort.ascending("occurredAt"), incidentIds);
    }
}

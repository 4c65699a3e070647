package nl.alarmcentral.dispatch.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.DeviceWarning;

/** Warnings about hardware buttons, by event id. */
@ApplicationScoped
public class DeviceWarningRepository implements PanacheRepositoryBase<DeviceWarning, String> {

    /** The warnings on these incidents' timelines. */
    public Uni<List<DeviceWarning>> listForIncidents(Collection<UUID> incidentIds) {
        return list("incidentId in ?1", Sort.ascending("occurredAt"), incidentIds);
    }
}

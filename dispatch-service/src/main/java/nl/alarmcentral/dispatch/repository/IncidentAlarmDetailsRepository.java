package nl.alarmcentral.dispatch.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.IncidentAlarmDetails;

/** Alarms' claim-checked details, by alarm id. */
@ApplicationScoped
public class IncidentAlarmDetailsRepository implements PanacheRepositoryBase<IncidentAlarmDetails, UUID> {

    public Uni<List<IncidentAlarmDetails>> listForIncidents(Collection<UUID> incidentIds) {
        return list("incidentId in ?1", incidentIds);
    }
}

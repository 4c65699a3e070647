package nl.alarmcentral.dispatch.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.IncidentAlarm;

/** Alarm events on incidents' timelines, by alarm id. */
@ApplicationScoped
public class IncidentAlarmRepository implements PanacheRepositoryBase<IncidentAlarm, UUID> {

    public Uni<List<IncidentAlarm>> listForIncidents(Collection<UUID> incidentIds) {
        return list("incidentId in ?1", Sort.ascending("raisedAt"), incidentIds);
    }
}

package nl.alarmcentral.dispatch.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.DetailsStatus;
import nl.alarmcentral.dispatch.IncidentAlarm;
import nl.alarmcentral.dispatch.IncidentStatus;

/** Alarm events on incidents' timelines, by alarm id. */
@ApplicationScoped
public class IncidentAlarmRepository implements PanacheRepositoryBase<IncidentAlarm, UUID> {

    public Uni<List<IncidentAlarm>> listForIncidents(Collection<UUID> incidentIds) {
        return list("incidentId in ?1", Sort.ascending("raisedAt"), incidentIds);
    }

    /** Alarms of active incidents whose details still have to be fetched. */
    public Uni<List<IncidentAlarm>> listAwaitingDetails() {
        return list("detailsStatus in ?1 and incidentId in (select i.id from Incident i where i.status <> ?2)",
                List.of(DetailsStatus.PENDING, DetailsStatus.UNAVAILABLE), IncidentStatus.CLOSED);
    }
}

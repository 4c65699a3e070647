package nl.alarmcentral.registry.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.KnownIncident;

import java.util.UUID;

/** Incidents announced by dispatch-service, by incident id. */
@ApplicationScoped
public class KnownIncidentRepository implements PanacheRepositoryBase<KnownIncident, UUID> {

    public Uni<Long> countOpen() {
        return count("closedAt is null and openedAt is not null");
    }

    public Uni<Long> deleteByWorker(String workerId) {
        return delete("workerId", workerId);
    }

    /**
     * Deletes incidents closed before the cut-off, and open ones first heard of before it, except
     * those a disclosure record still names: their closing time is what lets her see that record
     * ({@link DisclosureRepository#listVisibleToWorker}), so they go with her log (when she
     * withdraws, or with the refused requests for ids without a registration).
     */
    public Uni<Long> deleteBefore(Instant cutoff) {
        return getSession().flatMap(session -> session
                .createMutationQuery("delete from KnownIncident k where (k.closedAt < :cutoff "
                        + "or (k.closedAt is null and k.recordedAt < :cutoff)) "
                        + "and not exists (select d.id from Disclosure d where d.incidentId = k.incidentId)")
                .setParameter("cutoff", cutoff)
                .executeUpdate())
                .map(Integer::longValue);
    }
}

package nl.alarmcentral.registry.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.Disclosure;

/**
 * The disclosure log. Read only per worker, by the worker herself: there is no query across
 * workers, by purpose or by client.
 */
@ApplicationScoped
public class DisclosureRepository implements PanacheRepositoryBase<Disclosure, UUID> {

    /**
     * Her log as she may see it, newest first: records made for an incident only once that
     * incident closed at or before {@code closedBefore}; all others at once. A record whose incident
     * the registry never heard closed stays out. Records held back are not read at all, so nothing
     * about them (not even their number) can reach her answer.
     */
    public Uni<List<Visible>> listVisibleToWorker(String workerId, Instant closedBefore) {
        return getSession().flatMap(session -> session
                .createSelectionQuery("select d, k.closedAt from Disclosure d left join KnownIncident k "
                        + "on k.incidentId = d.incidentId where d.workerId = :workerId "
                        + "and (d.incidentId is null or k.closedAt <= :closedBefore) "
                        + "order by d.disclosedAt desc, d.id", Object[].class)
                .setParameter("workerId", workerId)
                .setParameter("closedBefore", closedBefore)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new Visible((Disclosure) row[0], (Instant) row[1])).toList());
    }

    public Uni<Long> deleteByWorker(String workerId) {
        return delete("workerId", workerId);
    }

    /** Deletes records older than the cut-off about ids that have no registration (no data key). */
    public Uni<Long> deleteUnregisteredBefore(Instant cutoff) {
        return delete("disclosedAt < ?1 and workerId not in (select k.workerId from WorkerKey k)", cutoff);
    }

    /**
     * One record she may see.
     *
     * @param disclosure       the record
     * @param incidentClosedAt when its incident closed; null for a record not made for an incident
     */
    public record Visible(Disclosure disclosure, Instant incidentClosedAt) {
    }
}

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

    /** Her log, newest first. */
    public Uni<List<Disclosure>> listByWorker(String workerId) {
        return list("workerId = ?1 order by disclosedAt desc, id", workerId);
    }

    public Uni<Long> deleteByWorker(String workerId) {
        return delete("workerId", workerId);
    }

    /** Deletes records older than the cut-off about ids that have no registration (no data key). */
    public Uni<Long> deleteUnregisteredBefore(Instant cutoff) {
        return delete("disclosedAt < ?1 and workerId not in (select k.workerId from WorkerKey k)", cutoff);
    }
}

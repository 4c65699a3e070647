package nl.alarmcentral.registry.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.ConsentChange;

/** Consent decisions, appended per worker. */
@ApplicationScoped
public class ConsentChangeRepository implements PanacheRepositoryBase<ConsentChange, Long> {

    /** Her decisions, oldest first. */
    public Uni<List<ConsentChange>> listByWorker(String workerId) {
        return list("workerId = ?1 order by id", workerId);
    }

    public Uni<Long> deleteByWorker(String workerId) {
        return delete("workerId", workerId);
    }
}

package nl.alarmcentral.dispatch.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.ErasedWorker;

/** Workers who withdrew, by worker id. */
@ApplicationScoped
public class ErasedWorkerRepository implements PanacheRepositoryBase<ErasedWorker, String> {

    /** Whether she withdrew; an incident without a worker id (detached at her erasure) is hers too. */
    public Uni<Boolean> isErased(String workerId) {
        if (workerId == null) {
            return Uni.createFrom().item(true);
        }
        return findById(workerId).map(found -> found != null);
    }
}

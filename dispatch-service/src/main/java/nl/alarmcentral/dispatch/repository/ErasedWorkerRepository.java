package nl.alarmcentral.dispatch.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.ErasedWorker;

/** Workers who withdrew, by worker id. */
@ApplicationScoped
public class ErasedWorkerRepository implements PanacheRepositoryBase<ErasedWorker, String> {

    /** Whether she withdrew. */
    public Uni<Boolean> isErased(String workerId) {
        return findById(workerId).map(found -> found != null);
    }
}

package nl.alarmcentral.alarm.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.WorkerPins;

/** Workers' PIN hashes and lockout state, by worker id. */
@ApplicationScoped
public class WorkerPinsRepository implements PanacheRepositoryBase<WorkerPins, String> {

    /** Her row, locked for this transaction, so her PIN attempts are counted one after the other. */
    public Uni<WorkerPins> findLocked(String workerId) {
        return findById(workerId, LockModeType.PESSIMISTIC_WRITE);
    }
}

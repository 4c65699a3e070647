package nl.alarmcentral.registry.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.LockMode;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.WorkerKey;

/** Wrapped data keys, by worker id. */
@ApplicationScoped
public class WorkerKeyRepository implements PanacheRepositoryBase<WorkerKey, String> {

    /**
     * Stores a wrapped key unless the worker already has one (two first requests at the same time
     * must not give her two keys), then returns the stored one, locked until the transaction ends.
     * Every write about a worker goes through this lock, so her writes and her withdrawal take
     * turns.
     */
    public Uni<WorkerKey> insertIfAbsentAndLock(String workerId, byte[] wrappedKey, String masterKeyId) {
        return getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO worker_key (worker_id, wrapped_key, master_key_id, created_at) "
                        + "VALUES (:workerId, :wrappedKey, :masterKeyId, :createdAt) ON CONFLICT (worker_id) DO NOTHING")
                .setParameter("workerId", workerId)
                .setParameter("wrappedKey", wrappedKey)
                .setParameter("masterKeyId", masterKeyId)
                .setParameter("createdAt", Instant.now())
                .executeUpdate()
                .flatMap(inserted -> session.find(WorkerKey.class, workerId, LockMode.PESSIMISTIC_WRITE)));
    }
}

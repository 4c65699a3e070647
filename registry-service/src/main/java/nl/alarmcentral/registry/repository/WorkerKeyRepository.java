package nl.alarmcentral.registry.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.LockMode;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.crypto.WorkerSealing;
import nl.alarmcentral.registry.WorkerKey;

/** Workers' wrapped keys (data key, sealing key pair), by worker id. */
@ApplicationScoped
public class WorkerKeyRepository implements PanacheRepositoryBase<WorkerKey, String> {

    /**
     * Stores her keys, wrapped by her vault key, unless the worker already has one (two first requests at the same time
     * must not give her two keys), then returns the stored one, locked until the transaction ends.
     * Every write about a worker goes through this lock, so her writes and her withdrawal take
     * turns.
     */
    public Uni<WorkerKey> insertIfAbsentAndLock(String workerId, byte[] wrappedKey, String masterKeyId,
            WorkerSealing.KeyPair sealing) {
        return getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO worker_key (worker_id, wrapped_key, master_key_id, sealing_private_keyset, "
                        + "sealing_public_keyset, wrapped_by_vault_key, created_at) VALUES (:workerId, :wrappedKey, :masterKeyId, "
                        + ":sealingPrivate, :sealingPublic, true, :createdAt) ON CONFLICT (worker_id) DO NOTHING")
                .setParameter("workerId", workerId)
                .setParameter("wrappedKey", wrappedKey)
                .setParameter("masterKeyId", masterKeyId)
                .setParameter("sealingPrivate", sealing.wrappedPrivateKeyset())
                .setParameter("sealingPublic", sealing.publicKeyset())
                .setParameter("createdAt", Instant.now())
                .executeUpdate()
                .flatMap(inserted -> session.find(WorkerKey.class, workerId, LockMode.PESSIMISTIC_WRITE)));
    }
}

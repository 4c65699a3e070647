package nl.alarmcentral.alarm.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * Workers' public sealing keysets ({@code worker_sealing_key}), as {@code worker.registrations}
 * carries them: what alarm-service seals positions and timer notes to, so that only the registry,
 * which holds her private keyset, can open them. A public key is not personal data; the row goes
 * with her erasure all the same ({@code WorkerErasureService}), so nothing is sealed to her after.
 * Plain native queries in the caller's session (no entity: one text column by worker id).
 */
@ApplicationScoped
public class WorkerSealingKeyRepository {

    /** Stores her public keyset, replacing an earlier one (a later registration record). */
    public Uni<Integer> save(Mutiny.Session session, String workerId, String publicKeyset) {
        return session.createNativeQuery("INSERT INTO worker_sealing_key (worker_id, public_keyset, updated_at) "
                + "VALUES (:workerId, :keyset, :now) ON CONFLICT (worker_id) DO UPDATE SET "
                + "public_keyset = EXCLUDED.public_keyset, updated_at = EXCLUDED.updated_at")
                .setParameter("workerId", workerId)
                .setParameter("keyset", publicKeyset)
                .setParameter("now", Instant.now())
                .executeUpdate();
    }

    /** Her public keyset, or null when no registration with one was received. */
    public Uni<String> find(Mutiny.Session session, String workerId) {
        return session.createNativeQuery("SELECT public_keyset FROM worker_sealing_key WHERE worker_id = :workerId",
                String.class)
                .setParameter("workerId", workerId)
                .getSingleResultOrNull();
    }
}

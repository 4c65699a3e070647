package nl.alarmcentral.alarm.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.BoundDevice;

/** Bound buttons, by device id; callers provide the session or transaction. */
@ApplicationScoped
public class BoundDeviceRepository implements PanacheRepositoryBase<BoundDevice, String> {

    /**
     * Stores a binding, replacing the device's earlier one. A different worker or binding time is a
     * new binding: its silence then counts afresh. The same binding again (a redelivery) changes
     * nothing.
     */
    public Uni<Integer> upsert(BoundDevice binding) {
        return getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO bound_device (device_id, worker_id, encrypted_secret, heartbeat_interval_seconds, "
                        + "bound_at) VALUES (:deviceId, :workerId, :secret, :interval, :boundAt) "
                        + "ON CONFLICT (device_id) DO UPDATE SET worker_id = EXCLUDED.worker_id, "
                        + "encrypted_secret = EXCLUDED.encrypted_secret, "
                        + "heartbeat_interval_seconds = EXCLUDED.heartbeat_interval_seconds, "
                        + "last_seen_at = CASE WHEN bound_device.worker_id = EXCLUDED.worker_id "
                        + "AND bound_device.bound_at = EXCLUDED.bound_at THEN bound_device.last_seen_at END, "
                        + "offline_notified_at = CASE WHEN bound_device.worker_id = EXCLUDED.worker_id "
                        + "AND bound_device.bound_at = EXCLUDED.bound_at THEN bound_device.offline_notified_at END, "
                        + "bound_at = EXCLUDED.bound_at")
                .setParameter("deviceId", binding.deviceId)
                .setParameter("workerId", binding.workerId)
                .setParameter("secret", binding.encryptedSecret)
                .setParameter("interval", binding.heartbeatIntervalSeconds)
                .setParameter("boundAt", binding.boundAt)
                .executeUpdate());
    }

    /** Removes a binding and everything kept about the device; nothing happens for an unknown device. */
    public Uni<Void> unbind(String deviceId) {
        return getSession().flatMap(session -> session
                .createNativeQuery("DELETE FROM device_signature WHERE device_id = :deviceId")
                .setParameter("deviceId", deviceId).executeUpdate()
                .flatMap(ignored -> session.createNativeQuery("DELETE FROM device_warning WHERE device_id = :deviceId")
                        .setParameter("deviceId", deviceId).executeUpdate())
                .flatMap(ignored -> session.createNativeQuery("DELETE FROM bound_device WHERE device_id = :deviceId")
                        .setParameter("deviceId", deviceId).executeUpdate()))
                .replaceWithVoid();
    }

    /** Records that the device was heard from now; a later silence may be reported again. */
    public Uni<Integer> touch(String deviceId) {
        return getSession().flatMap(session -> session
                .createNativeQuery("UPDATE bound_device SET last_seen_at = now(), offline_notified_at = NULL "
                        + "WHERE device_id = :deviceId")
                .setParameter("deviceId", deviceId)
                .executeUpdate());
    }

    /**
     * Devices silent for longer than their interval times {@code graceFactor} and not yet
     * reported, locked for this transaction. Rows another transaction holds are skipped, so two
     * instances running the check at once never claim the same device; a row another instance
     * has just reported is re-read after its commit and no longer matches.
     */
    public Uni<List<BoundDevice>> lockSilentUnreported(double graceFactor, int limit) {
        return getSession().flatMap(session -> session
                .createNativeQuery("SELECT * FROM bound_device WHERE offline_notified_at IS NULL "
                        + "AND COALESCE(last_seen_at, bound_at) "
                        + "+ make_interval(secs => heartbeat_interval_seconds * CAST(:grace AS double precision)) < now() "
                        + "ORDER BY device_id LIMIT :limit FOR UPDATE SKIP LOCKED", BoundDevice.class)
                .setParameter("grace", graceFactor)
                .setParameter("limit", limit)
                .getResultList());
    }
}

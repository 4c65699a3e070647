package nl.alarmcentral.registry.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.Device;

/** Bound buttons, by device id. */
@ApplicationScoped
public class DeviceRepository implements PanacheRepositoryBase<Device, String> {

    /**
     * Stores a new binding unless the device is already bound. A concurrent binding of the same
     * device waits for this one's transaction and then finds it bound.
     *
     * @return whether it was stored
     */
    public Uni<Boolean> insertIfAbsent(Device device) {
        return getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO device (device_id, worker_id, secret, heartbeat_interval_seconds, bound_at, "
                        + "changed_at) VALUES (:deviceId, :workerId, :secret, :interval, :boundAt, :changedAt) "
                        + "ON CONFLICT (device_id) DO NOTHING")
                .setParameter("deviceId", device.deviceId)
                .setParameter("workerId", device.workerId)
                .setParameter("secret", device.secret)
                .setParameter("interval", device.heartbeatIntervalSeconds)
                .setParameter("boundAt", device.boundAt)
                .setParameter("changedAt", device.changedAt)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** A device, locked until the end of the transaction, or null. */
    public Uni<Device> findLocked(String deviceId) {
        return findById(deviceId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Her devices, locked until the end of the transaction. */
    public Uni<List<Device>> findLockedOf(String workerId) {
        return find("workerId", Sort.by("deviceId"), workerId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Her devices, newest first. */
    public Uni<List<Device>> listOf(String workerId) {
        return list("workerId", Sort.by("boundAt").descending().and("deviceId"), workerId);
    }

    /** Every bound device, newest first. */
    public Uni<List<Device>> listAllBound() {
        return listAll(Sort.by("boundAt").descending().and("deviceId"));
    }
}

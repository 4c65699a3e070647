package nl.alarmcentral.alarm.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.DeviceWarning;

/** Warnings buttons asked for, by warning id. */
@ApplicationScoped
public class DeviceWarningRepository implements PanacheRepositoryBase<DeviceWarning, UUID> {

    /**
     * Stores the warning unless it exists, then returns the stored row locked for this
     * transaction, so that two copies of the same request publish one warning.
     */
    public Uni<DeviceWarning> insertIfAbsentAndLock(DeviceWarning warning) {
        return getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO device_warning (warning_id, device_id, worker_id, type, occurred_at) "
                        + "VALUES (:warningId, :deviceId, :workerId, :type, :occurredAt) ON CONFLICT (warning_id) DO NOTHING")
                .setParameter("warningId", warning.warningId)
                .setParameter("deviceId", warning.deviceId)
                .setParameter("workerId", warning.workerId)
                .setParameter("type", warning.type)
                .setParameter("occurredAt", warning.occurredAt)
                .executeUpdate())
                .flatMap(inserted -> findById(warning.warningId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Deletes warnings older than the given time. */
    public Uni<Long> deleteOccurredBefore(Instant cutoff) {
        return delete("occurredAt < ?1", cutoff);
    }
}

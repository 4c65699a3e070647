package nl.alarmcentral.alarm.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.DeviceWarning;

/** Warnings buttons asked for, by warning id. */
@ApplicationScoped
public class DeviceWarningRepository implements PanacheRepositoryBase<DeviceWarning, UUID> {

    /**
     * Stores the warning unless it exists.
     *
     * @return whether it was stored now (false: a repeat of the same request)
     */
    public Uni<Boolean> insertIfAbsent(DeviceWarning warning) {
        return getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO device_warning (warning_id, device_id, worker_id, type, occurred_at) "
                        + "VALUES (:warningId, :deviceId, :workerId, :type, :occurredAt) ON CONFLICT (warning_id) DO NOTHING")
                .setParameter("warningId", warning.warningId)
                .setParameter("deviceId", warning.deviceId)
                .setParameter("workerId", warning.workerId)
                .setParameter("type", warning.type)
                .setParameter("occurredAt", warning.occurredAt)
                .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    /** Deletes warnings older than the given time. */
    public Uni<Long> deleteOccurredBefore(Instant cutoff) {
        return delete("occurredAt < ?1", cutoff);
    }
}

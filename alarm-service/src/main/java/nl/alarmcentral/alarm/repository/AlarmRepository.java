package nl.alarmcentral.alarm.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.Alarm;

/** Accepted alarms, by alarm id. */
@ApplicationScoped
public class AlarmRepository implements PanacheRepositoryBase<Alarm, UUID> {

    /**
     * Stores the alarm unless it exists, then returns the stored row locked for this transaction,
     * so that two copies of the same request publish one event.
     */
    public Uni<Alarm> insertIfAbsentAndLock(Alarm alarm) {
        return getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO alarm (alarm_id, worker_id, client_ref, kind, channel, raised_at, latitude, "
                        + "longitude, accuracy_m, location_captured_at) VALUES (:alarmId, :workerId, :clientRef, :kind, :channel, "
                        + ":raisedAt, :latitude, :longitude, :accuracyM, :capturedAt) ON CONFLICT (alarm_id) DO NOTHING")
                .setParameter("alarmId", alarm.alarmId)
                .setParameter("workerId", alarm.workerId)
                .setParameter("clientRef", alarm.clientRef)
                .setParameter("kind", alarm.kind.name())
                .setParameter("channel", alarm.channel.name())
                .setParameter("raisedAt", alarm.raisedAt)
                .setParameter("latitude", alarm.latitude)
                .setParameter("longitude", alarm.longitude)
                .setParameter("accuracyM", alarm.accuracyM)
                .setParameter("capturedAt", alarm.locationCapturedAt)
                .executeUpdate())
                .flatMap(inserted -> findById(alarm.alarmId, LockModeType.PESSIMISTIC_WRITE));
    }
}

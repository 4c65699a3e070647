package nl.alarmcentral.alarm.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Signatures of accepted device requests, so that a captured request cannot be replayed: the
 * primary key (device, signature) lets exactly one transaction record a signature. Callers provide
 * the transaction; if it rolls back (the alarm could not be made durable), the signature is not
 * recorded and the very same request may be sent again.
 */
@ApplicationScoped
public class DeviceSignatureRepository {

    /** Records a signature; false if it was recorded before (a replay). */
    public Uni<Boolean> recordOnce(String deviceId, String signature, Instant signedAt) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO device_signature (device_id, signature, signed_at) "
                        + "VALUES (:deviceId, :signature, :signedAt) ON CONFLICT DO NOTHING")
                .setParameter("deviceId", deviceId)
                .setParameter("signature", signature)
                .setParameter("signedAt", signedAt)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Deletes signatures signed before the given time (they would be refused as stale anyway). */
    public Uni<Integer> deleteSignedBefore(Instant cutoff) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("DELETE FROM device_signature WHERE signed_at < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }
}

package nl.alarmcentral.alarm.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.Alarm;

/** Accepted alarms, by alarm id. */
@ApplicationScoped
public class AlarmRepository implements PanacheRepositoryBase<Alarm, UUID> {

    /**
     * The stored alarm.
     *
     * @param alarm  the row
     * @param isNew  whether this call stored it (false: a repeat of the same press)
     * @param locked whether the row is locked for the caller's transaction, which may then publish
     *               it and mark it published (false: another transaction holds it and does that)
     */
    public record Stored(Alarm alarm, boolean isNew, boolean locked) {
    }

    /**
     * Stores the alarm (withdrawn if {@link Alarm#withdrawnAt} is set) unless it exists, then returns the stored row, locked for this transaction
     * unless another transaction holds it (then {@link Stored#locked()} is false and the holder
     * publishes it): two copies of the same request publish one event, and a press never waits
     * for the relay.
     */
    public Uni<Stored> insertIfAbsentAndLock(Alarm alarm) {
        return getSession().flatMap(session -> withRow(session
                .createNativeQuery("INSERT INTO alarm (alarm_id, worker_id, client_ref, kind, channel, raised_at, sealed_position, "
                        + "has_details, withdrawn_at) VALUES (:alarmId, :workerId, "
                        + ":clientRef, :kind, :channel, :raisedAt, :sealedPosition, :hasDetails, "
                        // Withdrawn at the time it was stored (the only time a withdrawn row gets), so that no
                        // parameter is ever bound as an untyped null.
                        + "CASE WHEN :withdrawn THEN CAST(:raisedAt AS timestamptz) END) ON CONFLICT (alarm_id) DO NOTHING"), alarm)
                .setParameter("withdrawn", alarm.withdrawnAt != null)
                .executeUpdate())
                .flatMap(inserted -> lockIfFree(alarm.alarmId).flatMap(locked -> locked != null
                        ? Uni.createFrom().item(new Stored(locked, inserted > 0, true))
                        // Held by the relay (or a copy of this press) that is publishing it: it
                        // exists and is that holder's to publish.
                        : findById(alarm.alarmId).map(stored -> new Stored(stored, false, false))));
    }

    /**
     * The row, locked for this transaction (waiting for another holder), or null. A native query
     * like the other locking reads here: Hibernate's own lock upgrade of a row it already loaded
     * through one of them names the id column wrongly.
     */
    public Uni<Alarm> lock(UUID alarmId) {
        return getSession().flatMap(session -> session
                .createNativeQuery("SELECT * FROM alarm WHERE alarm_id = :alarmId FOR UPDATE", Alarm.class)
                .setParameter("alarmId", alarmId)
                .getSingleResultOrNull());
    }

    /** The row locked for this transaction, or null when another transaction holds its lock. */
    private Uni<Alarm> lockIfFree(UUID alarmId) {
        return getSession().flatMap(session -> session
                .createNativeQuery("SELECT * FROM alarm WHERE alarm_id = :alarmId FOR UPDATE SKIP LOCKED", Alarm.class)
                .setParameter("alarmId", alarmId)
                .getSingleResultOrNull());
    }

    /**
     * When a followed row may take the position held in memory: the row has none, and neither has
     * its incident closed nor has the row been detached from her (erased or reduced) meanwhile.
     */
    private static final String ADD_POSITION = "(alarm.sealed_position IS NULL AND alarm.incident_closed_at IS NULL "
            + "AND alarm.worker_id IS NOT NULL)";

    /**
     * Writes the row of an alarm that the broker has and the database did not (see
     * {@code AlarmRowFollower}): inserts it as published, or, when it exists, marks it published
     * (and not withdrawn) and adds the position if the row has none (unless its incident has closed
     * or she was erased since).
     */
    public Uni<Integer> writeFollowed(Alarm alarm) {
        return getSession().flatMap(session -> withRow(session
                .createNativeQuery("INSERT INTO alarm (alarm_id, worker_id, client_ref, kind, channel, raised_at, sealed_position, "
                        + "has_details, published_at) VALUES (:alarmId, :workerId, "
                        + ":clientRef, :kind, :channel, :raisedAt, :sealedPosition, :hasDetails, "
                        + ":publishedAt) ON CONFLICT (alarm_id) DO UPDATE SET "
                        + "published_at = COALESCE(alarm.published_at, EXCLUDED.published_at), "
                        // The broker has it, so it was sent: a countdown cancel that raced it did not withdraw it.
                        + "withdrawn_at = NULL, "
                        + "sealed_position = CASE WHEN " + ADD_POSITION + " THEN EXCLUDED.sealed_position "
                        + "ELSE alarm.sealed_position END"), alarm)
                .setParameter("publishedAt", alarm.publishedAt)
                .executeUpdate());
    }

    /** Binds the columns every insert of an alarm row has. */
    private static Mutiny.MutationQuery withRow(Mutiny.MutationQuery query, Alarm alarm) {
        return query.setParameter("alarmId", alarm.alarmId)
                .setParameter("workerId", alarm.workerId)
                .setParameter("clientRef", alarm.clientRef)
                .setParameter("kind", alarm.kind.name())
                .setParameter("channel", alarm.channel.name())
                .setParameter("raisedAt", alarm.raisedAt)
                .setParameter("sealedPosition", alarm.sealedPosition)
                .setParameter("hasDetails", alarm.hasDetails);
    }

    /**
     * The oldest alarms the broker has not acknowledged, locked for this transaction; rows another
     * instance's relay (or a press of the same alarm) holds are skipped, and so are withdrawn
     * alarms, which are never published.
     */
    public Uni<List<Alarm>> lockUnpublished(int limit) {
        return getSession().flatMap(session -> session
                .createNativeQuery("SELECT * FROM alarm WHERE published_at IS NULL AND withdrawn_at IS NULL ORDER BY raised_at "
                        + "LIMIT :limit FOR UPDATE SKIP LOCKED", Alarm.class)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Records that the broker acknowledged the alarm's event. */
    public Uni<Integer> markPublished(UUID alarmId, Instant at) {
        return update("publishedAt = ?1 WHERE alarmId = ?2 AND publishedAt IS NULL", at, alarmId);
    }

    /** How many alarms are durable in the database and not yet acknowledged by the broker (never a withdrawn one). */
    public Uni<Long> countUnpublished() {
        return count("publishedAt IS NULL AND withdrawnAt IS NULL");
    }
}

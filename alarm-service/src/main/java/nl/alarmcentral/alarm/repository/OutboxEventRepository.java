package nl.alarmcentral.alarm.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.OutboxEvent;

/** Cancels, duresses and warnings on their way to {@code alarm.events}, by event id. */
@ApplicationScoped
public class OutboxEventRepository implements PanacheRepositoryBase<OutboxEvent, UUID> {

    /**
     * Stores the event unless one with its id exists.
     *
     * @return whether it was stored now (false: the same event was stored before)
     */
    public Uni<Boolean> insertIfAbsent(OutboxEvent event) {
        return getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO outbox_event (event_id, type, worker_id, occurred_at, payload, created_at) "
                        + "VALUES (:eventId, :type, :workerId, :occurredAt, :payload, :createdAt) "
                        + "ON CONFLICT (event_id) DO NOTHING")
                .setParameter("eventId", event.eventId)
                .setParameter("type", event.type)
                .setParameter("workerId", event.workerId)
                .setParameter("occurredAt", event.occurredAt)
                .setParameter("payload", event.payload)
                .setParameter("createdAt", event.createdAt)
                .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    /** Records that the broker acknowledged the event. */
    public Uni<Integer> markPublished(UUID eventId, Instant at) {
        return update("publishedAt = ?1 WHERE eventId = ?2 AND publishedAt IS NULL", at, eventId);
    }

    /**
     * The oldest events the broker has not acknowledged, locked for this transaction; rows another
     * instance's relay holds are skipped.
     */
    public Uni<List<OutboxEvent>> lockUnpublished(int limit) {
        return getSession().flatMap(session -> session
                .createNativeQuery("SELECT * FROM outbox_event WHERE published_at IS NULL ORDER BY created_at "
                        + "LIMIT :limit FOR UPDATE SKIP LOCKED", OutboxEvent.class)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Deletes published events older than the given time. */
    public Uni<Long> deletePublishedBefore(Instant cutoff) {
        return delete("publishedAt < ?1", cutoff);
    }
}

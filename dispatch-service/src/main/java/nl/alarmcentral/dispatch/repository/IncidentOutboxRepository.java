package nl.alarmcentral.dispatch.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.IncidentOutboxEvent;

/** Incident events waiting for (or past) the broker's acknowledgement, by event id. */
@ApplicationScoped
public class IncidentOutboxRepository implements PanacheRepositoryBase<IncidentOutboxEvent, UUID> {

    /** The incident's events not yet acknowledged, in the order they were written. */
    public Uni<List<IncidentOutboxEvent>> listUnpublished(UUID incidentId) {
        return list("incidentId = ?1 and publishedAt is null", Sort.ascending("createdAt"), incidentId);
    }

    /** Events not yet acknowledged that were written before {@code before}, oldest first. */
    public Uni<List<IncidentOutboxEvent>> listUnpublishedBefore(Instant before, int limit) {
        return find("publishedAt is null and createdAt < ?1", Sort.ascending("createdAt"), before)
                .page(Page.ofSize(limit)).list();
    }

    /**
     * Deletes these events once published if their worker withdrew: an acknowledged event is owed
     * to no one any more, and its row would name her.
     */
    public Uni<Integer> deletePublishedOfErased(Collection<UUID> eventIds) {
        return delete("eventId in ?1 and publishedAt is not null and workerId in (select e.workerId from ErasedWorker e)",
                eventIds).map(Long::intValue);
    }

    /** Records the broker's acknowledgement of these events. */
    public Uni<Integer> markPublished(Collection<UUID> eventIds, Instant at) {
        return update("publishedAt = ?1 where eventId in ?2 and publishedAt is null", at, eventIds);
    }
}

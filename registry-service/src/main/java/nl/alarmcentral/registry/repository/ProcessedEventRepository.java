package nl.alarmcentral.registry.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.ProcessedEvent;

/** CloudEvent ids that have been consumed, by id. */
@ApplicationScoped
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEvent, String> {

    /** Ids older than the cut-off: Kafka no longer redelivers them. */
    public Uni<Long> deleteBefore(Instant cutoff) {
        return delete("processedAt < ?1", cutoff);
    }
}

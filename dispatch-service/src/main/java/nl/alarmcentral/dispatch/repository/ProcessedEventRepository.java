package nl.alarmcentral.dispatch.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import nl.alarmcentral.dispatch.ProcessedEvent;

/** CloudEvent ids that have been consumed, by id. */
@ApplicationScoped
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEvent, String> {
}

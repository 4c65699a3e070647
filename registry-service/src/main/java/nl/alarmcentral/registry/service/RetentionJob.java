package nl.alarmcentral.registry.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.config.RegistryConfig;
import nl.alarmcentral.registry.repository.DisclosureRepository;
import nl.alarmcentral.registry.repository.KnownIncidentRepository;
import nl.alarmcentral.registry.repository.ProcessedEventRepository;

/**
 * Deletes records that name people without a registration once they are no longer needed
 * ({@code registry.retention.unregistered}, 30 days): refused card requests for ids without a
 * registration, incidents after they closed (or that never closed), and ids of consumed events.
 * A registered worker's own log stays as long as her registration.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final DisclosureRepository disclosures;
    private final KnownIncidentRepository incidents;
    private final ProcessedEventRepository processed;
    private final RegistryConfig config;

    public RetentionJob(DisclosureRepository disclosures, KnownIncidentRepository incidents, ProcessedEventRepository processed,
            RegistryConfig config) {
        this.disclosures = disclosures;
        this.incidents = incidents;
        this.processed = processed;
        this.config = config;
    }

    @Scheduled(identity = "registry-retention", every = "${registry.retention.interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return purge(Instant.now().minus(config.retention().unregistered())).onFailure().recoverWithItem(e -> {
            LOG.warnf("Retention clean-up failed (%s); retrying at the next run", e.getClass().getName());
            return null;
        });
    }

    /** Deletes what is older than the cut-off. */
    public Uni<Void> purge(Instant cutoff) {
        return Panache.withTransaction(() -> disclosures.deleteUnregisteredBefore(cutoff)
                .call(() -> incidents.deleteBefore(cutoff))
                .call(() -> processed.deleteBefore(cutoff)))
                .replaceWithVoid();
    }
}

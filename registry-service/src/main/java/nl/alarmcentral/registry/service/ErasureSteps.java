package nl.alarmcentral.registry.service;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.Erasure;
import nl.alarmcentral.registry.WorkerErasedEvent;
import nl.alarmcentral.registry.config.RegistryConfig;
import nl.alarmcentral.registry.repository.ConsentChangeRepository;
import nl.alarmcentral.registry.repository.DisclosureRepository;
import nl.alarmcentral.registry.repository.ErasureRepository;
import nl.alarmcentral.registry.repository.KnownIncidentRepository;
import nl.alarmcentral.registry.repository.WorkerProfileRepository;
import nl.alarmcentral.registry.repository.WorkerSectionRepository;

/**
 * The database steps of a withdrawal, each its own transaction, so each is either done or not
 * (see {@link ErasureService} for the order and the retries).
 */
@ApplicationScoped
public class ErasureSteps {

    private final ErasureRepository erasures;
    private final WorkerKeyService keys;
    private final WorkerProfileRepository profiles;
    private final WorkerSectionRepository sections;
    private final ConsentChangeRepository consents;
    private final DisclosureRepository disclosures;
    private final KnownIncidentRepository incidents;
    private final Event<WorkerErasedEvent> erased;
    private final RegistryConfig config;

    public ErasureSteps(ErasureRepository erasures, WorkerKeyService keys, WorkerProfileRepository profiles,
            WorkerSectionRepository sections, ConsentChangeRepository consents, DisclosureRepository disclosures,
            KnownIncidentRepository incidents, Event<WorkerErasedEvent> erased, RegistryConfig config) {
        this.erasures = erasures;
        this.keys = keys;
        this.profiles = profiles;
        this.sections = sections;
        this.consents = consents;
        this.disclosures = disclosures;
        this.incidents = incidents;
        this.erased = erased;
        this.config = config;
    }

    /**
     * Step 1: records the withdrawal and deletes her key row in one transaction. When this
     * commits, nothing of hers in this database can be decrypted any more, whatever happens next;
     * destroying her vault key next ({@link WorkerKeyService#destroyVaultKey}) reaches the copies.
     */
    @WithTransaction
    public Uni<Erasure> destroyKey(String workerId) {
        Instant now = Instant.now();
        return erasures.insertIfAbsent(workerId, now, now.plus(config.erasure().retryInterval()))
                .call(erasure -> keys.destroy(workerId));
    }

    /**
     * Step 2: deletes every row about her, then lets the rest of the service delete what it holds
     * ({@link WorkerErasedEvent}), in one transaction.
     */
    @WithTransaction
    public Uni<Void> deleteData(String workerId) {
        WorkerErasedEvent event = new WorkerErasedEvent(workerId);
        return deleteRows(workerId)
                .invoke(() -> erased.fire(event))
                .call(() -> runInOrder(event.steps()))
                .call(() -> record(workerId, erasure -> erasure.dataDeletedAt = Instant.now()));
    }

    /** Her vault key is gone. */
    @WithTransaction
    public Uni<Void> vaultKeyDestroyed(String workerId) {
        return record(workerId, erasure -> erasure.vaultKeyDestroyedAt = Instant.now());
    }

    /** Step 3 done: the broker has the tombstone. */
    @WithTransaction
    public Uni<Void> tombstonePublished(String workerId) {
        return record(workerId, erasure -> erasure.tombstonePublishedAt = Instant.now());
    }

    /** Step 4 done: her account is gone. */
    @WithTransaction
    public Uni<Void> accountDeleted(String workerId) {
        return record(workerId, erasure -> erasure.accountDeletedAt = Instant.now());
    }

    /** A step failed: try the remaining ones again after the retry interval. */
    @WithTransaction
    public Uni<Void> attemptFailed(String workerId) {
        return record(workerId, erasure -> {
            erasure.attempts++;
            erasure.nextAttemptAt = Instant.now().plus(config.erasure().retryInterval());
        });
    }

    /** Changes her withdrawal record, if it still exists, in the caller's transaction. */
    private Uni<Void> record(String workerId, Consumer<Erasure> change) {
        return erasures.findById(workerId).invoke(erasure -> {
            if (erasure != null) {
                change.accept(erasure);
            }
        }).replaceWithVoid();
    }

    /**
     * The end: deletes what was recorded about her id during the hold (a refused card request,
     * an incident event) and then the record of the withdrawal itself.
     */
    @WithTransaction
    public Uni<Void> forget(String workerId) {
        return deleteRows(workerId).call(() -> erasures.deleteById(workerId)).replaceWithVoid();
    }

    @WithSession
    public Uni<Erasure> find(String workerId) {
        return erasures.findById(workerId);
    }

    @WithSession
    public Uni<List<Erasure>> due(Instant now, int limit) {
        return erasures.due(now, limit);
    }

    @WithSession
    public Uni<List<Erasure>> finishedBefore(Instant cutoff, int limit) {
        return erasures.finishedBefore(cutoff, limit);
    }

    @WithSession
    public Uni<Long> countUnfinished() {
        return erasures.countUnfinished();
    }

    private Uni<Void> deleteRows(String workerId) {
        return profiles.delete("workerId", workerId)
                .call(() -> sections.deleteByWorker(workerId))
                .call(() -> consents.deleteByWorker(workerId))
                .call(() -> disclosures.deleteByWorker(workerId))
                .call(() -> incidents.deleteByWorker(workerId))
                .replaceWithVoid();
    }

    private static Uni<Void> runInOrder(List<Supplier<Uni<Void>>> steps) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Supplier<Uni<Void>> step : steps) {
            chain = chain.flatMap(ignored -> step.get());
        }
        return chain;
    }
}

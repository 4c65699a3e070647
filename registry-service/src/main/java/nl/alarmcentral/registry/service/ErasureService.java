package nl.alarmcentral.registry.service;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.Erasure;
import nl.alarmcentral.registry.client.KeycloakAdminClient;
import nl.alarmcentral.registry.config.RegistryConfig;
import nl.alarmcentral.registry.messaging.RegistrationPublisher;
import nl.alarmcentral.registry.service.RegistryMetrics.ErasureStep;

/**
 * Withdrawal: makes her data unreadable everywhere at once, then removes every trace.
 * <ol>
 * <li>her key row is deleted (committed before anything else happens): from then on her data in
 * this database, and in copies and backups made from then on, cannot be decrypted;</li>
 * <li>her vault key is destroyed: from then on neither can copies made before, in any backup or
 * WAL (done after that commit, so a failed withdrawal never leaves a key row without its vault
 * key);</li>
 * <li>every row about her is deleted, and {@link nl.alarmcentral.registry.WorkerErasedEvent}
 * observers delete theirs (her buttons);</li>
 * <li>the tombstone goes on {@code worker.registrations}, and the other services drop what they
 * hold about her;</li>
 * <li>her Keycloak account is deleted.</li>
 * </ol>
 * Steps 2 to 5 are each tried once in the request; one that fails is retried by
 * {@link ErasureJob} until done. Each step is safe to repeat.
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);

    private final ErasureSteps steps;
    private final WorkerKeyService keys;
    private final RegistrationPublisher publisher;
    private final KeycloakAdminClient keycloak;
    private final RegistryMetrics metrics;
    private final RegistryConfig config;

    public ErasureService(ErasureSteps steps, WorkerKeyService keys, RegistrationPublisher publisher, KeycloakAdminClient keycloak,
            RegistryMetrics metrics, RegistryConfig config) {
        this.steps = steps;
        this.keys = keys;
        this.publisher = publisher;
        this.keycloak = keycloak;
        this.metrics = metrics;
        this.config = config;
    }

    /** Starts her withdrawal and tries every step; returns where it stands. */
    public Uni<Erasure> withdraw(String workerId) {
        return steps.destroyKey(workerId)
                // No id in the log: a log line would outlive her withdrawal.
                .invoke(() -> LOG.info("A withdrawal started: key row deleted"))
                .flatMap(started -> proceed(workerId));
    }

    /** Tries the steps that are not done yet; returns where the withdrawal stands (null if forgotten). */
    public Uni<Erasure> proceed(String workerId) {
        return steps.find(workerId).flatMap(erasure -> {
            if (erasure == null) {
                return Uni.createFrom().nullItem();
            }
            return attempt(ErasureStep.VAULT_KEY, erasure.vaultKeyDestroyedAt != null,
                    () -> keys.destroyVaultKey(workerId).call(() -> steps.vaultKeyDestroyed(workerId)))
                    .flatMap(vaultKey -> attempt(ErasureStep.DATA, erasure.dataDeletedAt != null, () -> steps.deleteData(workerId))
                    .flatMap(data -> attempt(ErasureStep.TOMBSTONE, erasure.tombstonePublishedAt != null,
                            () -> Contexts.resumeHere(publisher.erased(workerId, UUID.randomUUID(), Instant.now())
                                    .ifNoItem().after(config.erasure().stepTimeout()).fail())
                                    .call(() -> steps.tombstonePublished(workerId)))
                            .flatMap(tombstone -> attempt(ErasureStep.ACCOUNT, erasure.accountDeletedAt != null,
                                    () -> Contexts.resumeHere(keycloak.deleteUser(workerId))
                                            .call(() -> steps.accountDeleted(workerId)))
                                    .flatMap(account -> vaultKey && data && tombstone && account ? Uni.createFrom().voidItem()
                                            : steps.attemptFailed(workerId)))))
                    .flatMap(ignored -> steps.find(workerId));
        });
    }

    /** Runs one step unless done; a failure is logged (class only), counted, and reported as false. */
    private Uni<Boolean> attempt(ErasureStep step, boolean done, Supplier<Uni<Void>> work) {
        if (done) {
            return Uni.createFrom().item(true);
        }
        return Contexts.resumeHere(Uni.createFrom().<Void>deferred(work::get)).replaceWith(true)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("A withdrawal's step %s failed (%s); will retry", step, e.getClass().getName());
                    metrics.erasureStepFailed(step);
                    return false;
                });
    }
}

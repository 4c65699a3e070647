package nl.alarmcentral.registry.service;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.Erasure;
import nl.alarmcentral.registry.config.RegistryConfig;

/**
 * Finishes withdrawals: retries the steps that failed (her data is already unreadable; this
 * removes the rest), and forgets a finished withdrawal once its hold has passed. Every step is
 * safe to repeat, so two instances running this at once do no harm.
 */
@ApplicationScoped
public class ErasureJob {

    private static final Logger LOG = Logger.getLogger(ErasureJob.class);
    private static final int BATCH = 50;

    private final ErasureService erasures;
    private final ErasureSteps steps;
    private final RegistryMetrics metrics;
    private final RegistryConfig config;

    public ErasureJob(ErasureService erasures, ErasureSteps steps, RegistryMetrics metrics, RegistryConfig config) {
        this.erasures = erasures;
        this.steps = steps;
        this.metrics = metrics;
        this.config = config;
    }

    @Scheduled(identity = "registry-erasure", every = "${registry.erasure.retry-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return runOnce().onFailure().recoverWithItem(e -> {
            // The class only: a database error's message can quote data.
            LOG.warnf("Finishing withdrawals failed (%s); retrying at the next run", e.getClass().getName());
            return null;
        });
    }

    /** One run: retry due withdrawals, forget finished ones, update the gauge. */
    public Uni<Void> runOnce() {
        Instant now = Instant.now();
        return steps.due(now, BATCH)
                .flatMap(due -> each(due, erasure -> erasures.proceed(erasure.workerId).replaceWithVoid()))
                .flatMap(ignored -> steps.finishedBefore(now.minus(config.erasure().hold()), BATCH))
                .flatMap(finished -> each(finished, erasure -> steps.forget(erasure.workerId)))
                .flatMap(ignored -> steps.countUnfinished())
                .invoke(metrics::erasuresUnfinished)
                .replaceWithVoid();
    }

    /** One after the other; one that fails does not hold up the others. */
    private static Uni<Void> each(List<Erasure> erasures, Function<Erasure, Uni<Void>> work) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Erasure erasure : erasures) {
            chain = chain.flatMap(ignored -> Contexts.resumeHere(work.apply(erasure)).onFailure().recoverWithItem(e -> {
                LOG.warnf("Finishing a withdrawal failed (%s); retrying at the next run", e.getClass().getName());
                return null;
            }));
        }
        return chain;
    }
}

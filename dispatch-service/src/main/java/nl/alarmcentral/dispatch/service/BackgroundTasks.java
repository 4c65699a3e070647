package nl.alarmcentral.dispatch.service;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs work that follows an event (fetching a card or an alarm's details) apart from it: the
 * consumer acknowledges the event without waiting, and the work gets its own Vert.x context, so
 * its own reactive session and transaction.
 */
@ApplicationScoped
public class BackgroundTasks {

    private static final Logger LOG = Logger.getLogger(BackgroundTasks.class);

    private final Vertx vertx;

    public BackgroundTasks(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Starts the work without making the caller wait. A failure is logged; the scheduled retries
     * of the caller pick the work up again.
     *
     * @param what what the work does, without ids (for the log)
     */
    public void runSoon(String what, Supplier<Uni<Void>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Uni.createFrom().deferred(work::get).subscribe().with(
                done -> { },
                failure -> LOG.warnf("%s failed: %s", what, failure.getClass().getName())));
    }
}

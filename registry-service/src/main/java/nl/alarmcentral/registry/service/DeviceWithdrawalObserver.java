package nl.alarmcentral.registry.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import nl.alarmcentral.registry.WorkerErasedEvent;

/**
 * Unbinds a worker's buttons when she withdraws and the erasure fires {@link WorkerErasedEvent}.
 *
 * <p>A synchronous observer cannot join the erasure's reactive transaction, nor block its thread,
 * so the unbinding runs on a Vert.x context of its own (its own session and transaction), starts at
 * once and is retried for a while if the broker does not acknowledge. That makes it a safety net:
 * the erasure should rather call {@link DeviceService#unbindAllOf} inside its own transaction, so
 * that a worker is told she is erased only when her buttons are unbound everywhere. When it does,
 * this observer finds nothing left to do.
 */
@ApplicationScoped
public class DeviceWithdrawalObserver {

    private static final Logger LOG = Logger.getLogger(DeviceWithdrawalObserver.class);

    private final DeviceService devices;
    private final Vertx vertx;

    public DeviceWithdrawalObserver(DeviceService devices, Vertx vertx) {
        this.devices = devices;
        this.vertx = vertx;
    }

    void onWorkerErased(@Observes WorkerErasedEvent event) {
        String workerId = event.workerId();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> devices.unbindAllOf(workerId)
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(30)
                .subscribe().with(
                        count -> LOG.debugf("Withdrawal of %s: %d devices unbound", workerId, count),
                        failure -> LOG.warnf("The buttons of a withdrawn worker could not be unbound, even after retries (%s)",
                                failure.getClass().getName())));
    }
}

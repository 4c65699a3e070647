package nl.alarmcentral.registry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import nl.alarmcentral.registry.WorkerErasedEvent;

/**
 * Unbinds a worker's buttons when she withdraws: the erasure fires {@link WorkerErasedEvent} while
 * it deletes her rows, and this hands it the unbinding as a step of that same transaction, so that
 * she is told she is erased only once her buttons are unbound everywhere (the tombstones are
 * acknowledged by the broker). A failure rolls the step back and the erasure retries it.
 */
@ApplicationScoped
public class DeviceWithdrawalObserver {

    private final DeviceService devices;

    public DeviceWithdrawalObserver(DeviceService devices) {
        this.devices = devices;
    }

    void onWorkerErased(@Observes WorkerErasedEvent erased) {
        String workerId = erased.workerId();
        erased.alsoRun(() -> devices.unbindAllOf(workerId).replaceWithVoid());
    }
}

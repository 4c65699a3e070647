package nl.alarmcentral.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Fired (synchronously, as a CDI event) while a withdrawn worker's rows are being deleted, so that
 * other parts of registry-service can delete what they hold about her in the same transaction:
 * for example her hardware buttons.
 *
 * <pre>
 * void onErased(&#64;Observes WorkerErasedEvent erased) {
 *     erased.alsoRun(() -&gt; devices.unbindAll(erased.workerId()));
 * }
 * </pre>
 *
 * The work is reactive, so an observer does not do it in the observer method: it hands a step to
 * {@link #alsoRun}, and the erasure runs the steps in order inside its transaction, after the
 * registry's own rows are deleted. If a step fails, the transaction is rolled back and the whole
 * step is retried later (her data key is already gone by then): steps must be safe to repeat.
 */
public final class WorkerErasedEvent {

    private final String workerId;
    private final List<Supplier<Uni<Void>>> steps = new ArrayList<>();

    public WorkerErasedEvent(String workerId) {
        this.workerId = Objects.requireNonNull(workerId);
    }

    /** The id of the worker who withdrew. */
    public String workerId() {
        return workerId;
    }

    /** Adds work to run in the erasure's transaction; it must be safe to repeat. */
    public void alsoRun(Supplier<Uni<Void>> step) {
        steps.add(Objects.requireNonNull(step));
    }

    /** The steps handed in by observers, in order. */
    public List<Supplier<Uni<Void>>> steps() {
        return List.copyOf(steps);
    }
}

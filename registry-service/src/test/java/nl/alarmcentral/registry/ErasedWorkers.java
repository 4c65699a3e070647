package nl.alarmcentral.registry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.mutiny.Uni;

/**
 * Observes {@link WorkerErasedEvent} the way another part of the registry (buttons) will, and
 * remembers whose erasure ran its step: proof that the hook works.
 */
@ApplicationScoped
public class ErasedWorkers {

    private final Set<String> ran = ConcurrentHashMap.newKeySet();

    void onErased(@Observes WorkerErasedEvent erased) {
        erased.alsoRun(() -> Uni.createFrom().voidItem().invoke(() -> ran.add(erased.workerId())));
    }

    public boolean ranFor(String workerId) {
        return ran.contains(workerId);
    }
}

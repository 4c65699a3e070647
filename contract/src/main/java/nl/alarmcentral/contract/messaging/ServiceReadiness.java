package nl.alarmcentral.contract.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means ready: a service answers UP on {@code /q/health/ready} only when it can deliver, that
 * is when every consumer of its jobs has had its first assignment ({@link ConsumerGroups}), its
 * groups have caught up with the events that waited for them since it started, and every warm-up it
 * registered has run ({@link #require(String)}), so that the first alarm after a start is as fast
 * as any other and no later alarm queues behind a backlog. Once ready it stays ready while it waits
 * out a passing failure: the check then reports "degraded" with the number of events waiting, and
 * neither a load balancer
 * nor a liveness probe takes away the consoles that are still connected. (Kubernetes' probes and
 * why: docs/operations.md.)
 */
@Readiness
@Default
@ApplicationScoped
public class ServiceReadiness implements HealthCheck {

    private final ConsumerGroups groups;
    private final MessagingConfig config;
    private final Map<String, Boolean> warmups = new ConcurrentHashMap<>();

    public ServiceReadiness(ConsumerGroups groups, MessagingConfig config) {
        this.groups = groups;
        this.config = config;
    }

    /**
     * Registers something that must be done before the service is ready (call it while starting,
     * from a {@code StartupEvent} observer, before the work begins).
     *
     * @param name what it is, shown in the health answer
     * @return call {@link Runnable#run()} once it is done
     */
    public Runnable require(String name) {
        warmups.put(name, false);
        return () -> warmups.put(name, true);
    }

    /**
     * Whether every warm-up is done, every consumer assigned, and every group has caught up with
     * what waited for it ({@link ConsumerGroups#allCaughtUp()}).
     */
    public boolean isReady() {
        return !warmups.containsValue(false)
                && (!config.readyWhenAssigned() || groups.allAssigned() && groups.allCaughtUp());
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("alarm path").status(isReady());
        warmups.forEach((name, done) -> response.withData("warm-up " + name, done ? "done" : "running"));
        long waiting = 0;
        for (ConsumerGroups.JobState state : groups.states()) {
            response.withData("consumers of " + state.job().topic(), state.assigned() + "/" + state.expected() + " assigned");
            if (state.isDelayed()) {
                waiting += state.waiting();
                response.withData("waiting on " + state.job().topic(), state.waiting() + " event(s) since " + state.delayedSince());
            }
        }
        response.withData("backlog since the start", groups.allCaughtUp() ? "caught up" : "working through");
        response.withData("state", waiting > 0 ? "degraded: " + waiting + " event(s) waiting" : "normal");
        return response.build();
    }
}

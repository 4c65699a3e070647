package nl.alarmcentral.alarm.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.config.TimerConfig;

/**
 * Turns safety timers that ran out into alarms. Every instance runs this check; they share the
 * work through the database ({@code FOR UPDATE SKIP LOCKED}), so no timer depends on one instance
 * being up, and a timer that ran out while every instance was down fires at the first check after
 * a start. Each timer is fired in its own transaction: one that cannot be made durable (broker
 * down) stays due and is retried at the next check without holding up the others for long.
 */
@ApplicationScoped
public class TimerExpiryJob {

    private static final Logger LOG = Logger.getLogger(TimerExpiryJob.class);

    private final TimerService timers;
    private final TimerConfig config;

    public TimerExpiryJob(TimerService timers, TimerConfig config) {
        this.timers = timers;
        this.config = config;
    }

    @Scheduled(identity = "safety-timer-expiry", every = "${alarm.timers.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return fireDue()
                .onFailure().recoverWithItem(e -> {
                    // The class only: a database error's message can quote data.
                    LOG.warnf("Firing due safety timers failed (%s); retrying at the next check", e.getClass().getName());
                    return 0;
                })
                .replaceWithVoid();
    }

    /**
     * Fires due timers one by one until none is left or the batch is full.
     *
     * @return how many this call fired
     */
    public Uni<Integer> fireDue() {
        return fireFrom(0);
    }

    private Uni<Integer> fireFrom(int fired) {
        if (fired >= config.batchSize()) {
            return Uni.createFrom().item(fired);
        }
        return timers.fireNextDue().flatMap(didFire -> didFire ? fireFrom(fired + 1) : Uni.createFrom().item(fired));
    }
}

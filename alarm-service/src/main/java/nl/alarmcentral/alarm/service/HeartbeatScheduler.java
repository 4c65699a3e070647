package nl.alarmcentral.alarm.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Runs the periodic work of {@link HeartbeatService} in every instance; the work itself is safe
 * to run in several instances at once. A failed run is logged and tried again at the next tick.
 */
@ApplicationScoped
public class HeartbeatScheduler {

    /** Identity of the offline check, for {@code Scheduler.pause}/{@code resume}. */
    public static final String OFFLINE_CHECK = "device-offline-check";

    private static final Logger LOG = Logger.getLogger(HeartbeatScheduler.class);

    private final HeartbeatService heartbeats;

    public HeartbeatScheduler(HeartbeatService heartbeats) {
        this.heartbeats = heartbeats;
    }

    @Scheduled(identity = OFFLINE_CHECK, every = "${alarm.devices.offline-check-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> checkOffline() {
        return heartbeats.notifyOfflineDevices()
                .onFailure().invoke(e -> LOG.warnf("Device offline check failed (%s); retrying at the next run",
                        e.getClass().getName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Scheduled(identity = "device-purge", every = "${alarm.devices.purge-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return heartbeats.purgeExpired()
                .onFailure().invoke(e -> LOG.warnf("Device purge failed (%s); retrying at the next run", e.getClass().getName()))
                .onFailure().recoverWithNull();
    }
}

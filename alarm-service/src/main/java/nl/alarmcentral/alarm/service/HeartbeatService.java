package nl.alarmcentral.alarm.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.BoundDevice;
import nl.alarmcentral.alarm.config.DeviceConfig;
import nl.alarmcentral.alarm.messaging.OutgoingEvent;
import nl.alarmcentral.alarm.repository.BoundDeviceRepository;
import nl.alarmcentral.alarm.repository.DeviceSignatureRepository;
import nl.alarmcentral.alarm.repository.DeviceWarningRepository;
import nl.alarmcentral.contract.event.DeviceEvent;
import nl.alarmcentral.contract.event.EventTypes;

/**
 * Notices buttons that went silent. A button promises a heartbeat every interval; silent for longer
 * than interval x grace factor (counted from its binding if it was never heard from), it gets
 * exactly one {@code device.offline} warning, and another only after it was heard from again.
 *
 * <p>Safe with several alarm-service instances on one database: the check claims silent devices
 * with {@code SELECT ... FOR UPDATE SKIP LOCKED}, stores their warnings in the outbox and marks
 * them reported, all in one transaction, and publishes the warnings through {@link EventOutbox}
 * (at once, or by the relay when the broker is away). If the commit fails after publishing, the
 * warning is sent again with the same id (derived from the device and the start of its silence),
 * which consumers recognise as a repeat.
 */
@ApplicationScoped
public class HeartbeatService {

    private static final Logger LOG = Logger.getLogger(HeartbeatService.class);

    /** Devices claimed per run; more wait for the next run. */
    static final int BATCH_SIZE = 200;

    /** Replay-protection entries are kept this much longer than the clock-skew window, for safety. */
    private static final java.time.Duration SIGNATURE_MARGIN = java.time.Duration.ofMinutes(1);

    private final BoundDeviceRepository devices;
    private final DeviceSignatureRepository signatures;
    private final DeviceWarningRepository warnings;
    private final EventOutbox outbox;
    private final DeviceConfig config;
    private final DeviceMetrics metrics;

    public HeartbeatService(BoundDeviceRepository devices, DeviceSignatureRepository signatures,
            DeviceWarningRepository warnings, EventOutbox outbox, DeviceConfig config, DeviceMetrics metrics) {
        this.devices = devices;
        this.signatures = signatures;
        this.warnings = warnings;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
    }

    /** Records that a device was heard from; its next silence may be reported again. */
    @WithTransaction
    public Uni<Void> heardFrom(String deviceId) {
        return devices.touch(deviceId).replaceWithVoid();
    }

    /**
     * Accepts a {@code device.offline} warning for every silent, unreported device this run can
     * claim, and marks them reported.
     *
     * @return how many warnings this run accepted
     */
    @WithTransaction
    public Uni<Integer> notifyOfflineDevices() {
        return devices.lockSilentUnreported(config.offlineGraceFactor(), BATCH_SIZE).flatMap(silent -> {
            if (silent.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Instant now = Instant.now();
            // One after the other: they share this transaction's session.
            return Multi.createFrom().iterable(silent).onItem().transformToUniAndConcatenate(device -> {
                UUID warningId = offlineWarningId(device);
                device.offlineNotifiedAt = now;
                return outbox.enqueue(new OutgoingEvent(EventTypes.DEVICE_OFFLINE, warningId, device.workerId, now,
                        new DeviceEvent(warningId, device.deviceId, device.workerId, now)), true);
            }).collect().asList()
                    .map(accepted -> {
                        metrics.offlineWarnings(silent.size());
                        LOG.infof("Accepted %d device offline warning(s)", silent.size());
                        return silent.size();
                    });
        });
    }

    /** Deletes replay-protection entries that can no longer matter, and warnings past retention. */
    @WithTransaction
    public Uni<Void> purgeExpired() {
        Instant now = Instant.now();
        return signatures.deleteSignedBefore(now.minus(config.clockSkew()).minus(SIGNATURE_MARGIN))
                .flatMap(ignored -> warnings.deleteOccurredBefore(now.minus(config.warningRetention())))
                .replaceWithVoid();
    }

    /** One id per device and silence: a repeated warning for the same silence has the same id. */
    static UUID offlineWarningId(BoundDevice device) {
        Instant silentSince = device.lastSeenAt != null ? device.lastSeenAt : device.boundAt;
        return UUID.nameUUIDFromBytes(("device-offline:" + device.deviceId + ":" + silentSince)
                .getBytes(StandardCharsets.UTF_8));
    }
}

package nl.alarmcentral.alarm.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.Alarm;
import nl.alarmcentral.alarm.DeviceWarning;
import nl.alarmcentral.alarm.config.AlarmConfig;
import nl.alarmcentral.alarm.messaging.AlarmEventPublisher;
import nl.alarmcentral.alarm.repository.BoundDeviceRepository;
import nl.alarmcentral.alarm.repository.DeviceSignatureRepository;
import nl.alarmcentral.alarm.repository.DeviceWarningRepository;
import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.event.DeviceEvent;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.problem.ProblemException;

/**
 * Acts on an authenticated button's request. Each method records the request's signature in the
 * same transaction as its effect: a replay is refused, and a request whose effect failed (the
 * broker did not acknowledge) leaves no trace, so the button may send it again.
 */
@ApplicationScoped
public class DeviceEventService {

    private static final Logger LOG = Logger.getLogger(DeviceEventService.class);

    private final DeviceSignatureRepository signatures;
    private final BoundDeviceRepository devices;
    private final DeviceWarningRepository warnings;
    private final AlarmService alarms;
    private final AlarmEventPublisher publisher;
    private final AlarmConfig alarmConfig;
    private final DeviceMetrics metrics;

    public DeviceEventService(DeviceSignatureRepository signatures, BoundDeviceRepository devices,
            DeviceWarningRepository warnings, AlarmService alarms, AlarmEventPublisher publisher, AlarmConfig alarmConfig,
            DeviceMetrics metrics) {
        this.signatures = signatures;
        this.devices = devices;
        this.warnings = warnings;
        this.alarms = alarms;
        this.publisher = publisher;
        this.alarmConfig = alarmConfig;
        this.metrics = metrics;
    }

    /**
     * Raises the button's alarm as its worker, and answers once it is durable (like the app). The
     * device's event id is the alarm's client reference, so a retry is the same alarm.
     *
     * <p>When the button was last heard from is recorded afterwards, in its own transaction (see
     * {@link HeartbeatService#heardFrom}): the offline check may hold the device's row while it
     * waits for the broker, and an alarm must never wait for that.
     */
    @WithTransaction
    public Uni<Alarm> raiseAlarm(AuthenticatedDevice device, AlarmKind kind, UUID eventId, Location location) {
        return recordSignature(device)
                .flatMap(ignored -> alarms.raise(device.workerId(), kind, AlarmChannel.DEVICE, eventId, location));
    }

    /** Records a heartbeat. */
    @WithTransaction
    public Uni<Void> heartbeat(AuthenticatedDevice device) {
        return recordSignature(device).flatMap(ignored -> devices.touch(device.deviceId())).replaceWithVoid();
    }

    /**
     * Publishes a {@code device.battery-low} warning, once per device event id, and answers once
     * it is durable.
     */
    @WithTransaction
    public Uni<Void> batteryLow(AuthenticatedDevice device, UUID eventId) {
        DeviceWarning candidate = new DeviceWarning();
        candidate.warningId = warningId(device.deviceId(), eventId);
        candidate.deviceId = device.deviceId();
        candidate.workerId = device.workerId();
        candidate.type = EventTypes.DEVICE_BATTERY_LOW;
        candidate.occurredAt = Instant.now();
        return recordSignature(device)
                .flatMap(ignored -> devices.touch(device.deviceId()))
                .flatMap(ignored -> warnings.insertIfAbsentAndLock(candidate))
                .flatMap(warning -> {
                    if (warning.publishedAt != null) {
                        LOG.debugf("Warning %s repeated; already durable", warning.warningId);
                        return Uni.createFrom().voidItem();
                    }
                    return publisher.deviceWarning(warning.type,
                            new DeviceEvent(warning.warningId, warning.deviceId, warning.workerId, warning.occurredAt))
                            .ifNoItem().after(alarmConfig.publishTimeout()).fail()
                            .onFailure().transform(e -> ProblemException.unavailable(
                                    "The warning could not be delivered. Retry with the same eventId.",
                                    alarmConfig.retryAfter(), e))
                            .invoke(() -> {
                                warning.publishedAt = Instant.now();
                                LOG.infof("Device warning %s published (%s)", warning.warningId, warning.type);
                            });
                });
    }

    private Uni<Void> recordSignature(AuthenticatedDevice device) {
        return signatures.recordOnce(device.deviceId(), device.signature(), device.signedAt()).map(first -> {
            if (!first) {
                LOG.debug("Refused a replayed button request");
                throw metrics.unauthenticated(DeviceRejection.REPLAY);
            }
            return null;
        });
    }

    /** Warning ids derive from the device and its event id, so a retry carries the same id. */
    static UUID warningId(String deviceId, UUID eventId) {
        return UUID.nameUUIDFromBytes(("device-warning:" + deviceId + ":" + eventId).getBytes(StandardCharsets.UTF_8));
    }
}

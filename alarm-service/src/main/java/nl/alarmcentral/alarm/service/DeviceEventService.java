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
import nl.alarmcentral.alarm.messaging.OutgoingEvent;
import nl.alarmcentral.alarm.repository.BoundDeviceRepository;
import nl.alarmcentral.alarm.repository.DeviceSignatureRepository;
import nl.alarmcentral.alarm.repository.DeviceWarningRepository;
import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.event.DeviceEvent;
import nl.alarmcentral.contract.event.EventTypes;

/**
 * Acts on an authenticated button's request. Each method records the request's signature in the
 * same transaction as its effect: a replay is refused, and a request whose effect failed (the
 * database was away) leaves no trace, so the button may send it again. Alarms and warnings are
 * published through {@link EventOutbox}: once the transaction commits they are durable, whether
 * the broker was there or not.
 */
@ApplicationScoped
public class DeviceEventService {

    private static final Logger LOG = Logger.getLogger(DeviceEventService.class);

    private final DeviceSignatureRepository signatures;
    private final BoundDeviceRepository devices;
    private final DeviceWarningRepository warnings;
    private final AlarmService alarms;
    private final EventOutbox outbox;
    private final DeviceMetrics metrics;

    public DeviceEventService(DeviceSignatureRepository signatures, BoundDeviceRepository devices,
            DeviceWarningRepository warnings, AlarmService alarms, EventOutbox outbox, DeviceMetrics metrics) {
        this.signatures = signatures;
        this.devices = devices;
        this.warnings = warnings;
        this.alarms = alarms;
        this.outbox = outbox;
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

    /** Accepts a {@code device.battery-low} warning, once per device event id. */
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
                .flatMap(ignored -> warnings.insertIfAbsent(candidate))
                .flatMap(isNew -> {
                    if (!isNew) {
                        LOG.debugf("Warning %s repeated; already accepted", candidate.warningId);
                        return Uni.createFrom().voidItem();
                    }
                    LOG.infof("Device warning %s accepted (%s)", candidate.warningId, candidate.type);
                    return outbox.enqueue(new OutgoingEvent(candidate.type, candidate.warningId, candidate.workerId,
                            candidate.occurredAt, new DeviceEvent(candidate.warningId, candidate.deviceId,
                                    candidate.workerId, candidate.occurredAt)), true);
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

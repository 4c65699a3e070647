package nl.alarmcentral.contract.event;

import java.time.Instant;

/**
 * Payload of {@link EventTypes#DEVICE_BOUND} on the compacted topic {@link Topics#DEVICE_BINDINGS},
 * keyed by device id; a tombstone (null value) unbinds the device. alarm-service keeps its own copy,
 * so alarms are accepted while registry-service is down.
 *
 * @param deviceId               the button
 * @param workerId               the worker it belongs to
 * @param encryptedSecret        the device's HMAC secret, AES-GCM encrypted (base64) with the key
 *                               that registry-service and alarm-service share for this purpose;
 *                               never in plain text on the topic
 * @param heartbeatIntervalSeconds how often the button sends a heartbeat; silence beyond it means offline
 * @param boundAt                when it was bound
 */
public record DeviceBinding(String deviceId, String workerId, String encryptedSecret, int heartbeatIntervalSeconds,
        Instant boundAt) {
}

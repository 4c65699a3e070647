package nl.alarmcentral.alarm.service;

import java.time.Instant;

/**
 * A button whose request passed every check but the replay check (which needs the transaction
 * that acts on the request).
 *
 * @param deviceId  the button
 * @param workerId  the worker it is bound to: its alarms are hers
 * @param signature the request's signature, to record against replays
 * @param signedAt  the request's timestamp
 */
public record AuthenticatedDevice(String deviceId, String workerId, String signature, Instant signedAt) {
}

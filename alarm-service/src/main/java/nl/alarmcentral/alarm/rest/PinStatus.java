package nl.alarmcentral.alarm.rest;

import java.time.Instant;

/**
 * Whether she has set her PINs; never the PINs or their hashes.
 *
 * @param set       whether her cancel and duress PINs are set (always both or neither)
 * @param changedAt when they were last set, or null
 */
public record PinStatus(boolean set, Instant changedAt) {
}

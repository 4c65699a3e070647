package nl.alarmcentral.alarm.service;

import java.time.Instant;

/**
 * A position sent with an alarm.
 *
 * @param lat        latitude, degrees
 * @param lon        longitude, degrees
 * @param accuracyM  uncertainty radius in metres, or null
 * @param capturedAt when it was measured, or null
 */
public record Location(double lat, double lon, Double accuracyM, Instant capturedAt) {
}

package nl.alarmcentral.contract.event;

import java.time.Instant;

/**
 * The position a phone or button sent with an alarm, as alarm-service seals it (JSON of this record,
 * {@link nl.alarmcentral.contract.crypto.SealedKind#ALARM_POSITION}, subject the alarm id) and as the
 * registry answers it to dispatch once opened: one shape for both sides.
 *
 * @param lat        latitude, degrees
 * @param lon        longitude, degrees
 * @param accuracyM  uncertainty radius in metres, or null
 * @param capturedAt when it was measured, or null
 */
public record AlarmPosition(double lat, double lon, Double accuracyM, Instant capturedAt) {
}

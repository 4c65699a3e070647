package nl.alarmcentral.alarm.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * What dispatch may fetch about one alarm besides the event (claim check): personal data that is
 * kept out of Kafka.
 *
 * @param alarmId   the alarm
 * @param location  where the phone or button was, or null
 * @param timerNote the note of the safety timer the alarm came from (a missed check-in, or a
 *                  check-in confirmed with the duress PIN), or null
 */
public record AlarmDetails(UUID alarmId, LocationView location, String timerNote) {

    /**
     * A position.
     *
     * @param lat        latitude
     * @param lon        longitude
     * @param accuracyM  uncertainty radius in metres, or null
     * @param capturedAt when it was measured, or null
     */
    public record LocationView(double lat, double lon, Double accuracyM, Instant capturedAt) {
    }
}

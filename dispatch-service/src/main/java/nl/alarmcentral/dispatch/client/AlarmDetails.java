package nl.alarmcentral.dispatch.client;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An alarm's details once the registry opened them ({@link SealedAlarmDetails} as alarm-service
 * answers them): what this instance holds in memory for the open incident and shows. Never stored.
 * The position is the JSON of the contract's {@code AlarmPosition}; unknown fields are ignored.
 *
 * @param alarmId   the alarm
 * @param location  where her phone or button was, or null
 * @param timerNote the note she left with a safety timer, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlarmDetails(UUID alarmId, Location location, String timerNote) {

    /**
     * A position.
     *
     * @param lat        latitude, degrees
     * @param lon        longitude, degrees
     * @param accuracyM  uncertainty radius in metres, or null
     * @param capturedAt when it was measured, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Location(Double lat, Double lon, Double accuracyM, Instant capturedAt) {

        /** Whether it says where she was: a position without both coordinates is no position. */
        public boolean isComplete() {
            return lat != null && lon != null;
        }
    }
}

package nl.alarmcentral.alarm.rest;

import java.time.Instant;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import nl.alarmcentral.alarm.service.Location;

/**
 * A position a button sends with an alarm. Unlike the app's, {@code capturedAt} is not checked
 * against our clock: a button's clock may run a little ahead, and that must not refuse an alarm
 * (the request's signed timestamp is already checked against a window).
 *
 * @param lat        latitude in degrees, -90 to 90
 * @param lon        longitude in degrees, -180 to 180
 * @param accuracyM  uncertainty radius in metres (optional), 0 to 100 km
 * @param capturedAt when it was measured (optional)
 */
public record DeviceLocationInput(
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
        @DecimalMin("0") @DecimalMax("100000") Double accuracyM,
        Instant capturedAt) {

    Location toLocation() {
        return new Location(lat, lon, accuracyM, capturedAt);
    }
}

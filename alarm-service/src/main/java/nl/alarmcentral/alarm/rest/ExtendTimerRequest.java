package nl.alarmcentral.alarm.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * More time on a running safety timer.
 *
 * @param minutes added to the later of now and the expected end (the result is at most 24 hours from now)
 */
public record ExtendTimerRequest(@Min(1) @Max(1440) int minutes) {
}

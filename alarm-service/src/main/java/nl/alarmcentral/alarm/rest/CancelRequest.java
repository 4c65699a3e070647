package nl.alarmcentral.alarm.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A PIN entered to cancel an alarm or to confirm a safety timer.
 *
 * @param pin her cancel PIN, or her duress PIN (which looks the same and asks for help)
 */
public record CancelRequest(@NotNull @Pattern(regexp = SetPinsRequest.PIN, message = "must be 4 to 6 digits") String pin) {
}

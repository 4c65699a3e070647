package nl.alarmcentral.alarm.rest;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import nl.alarmcentral.contract.event.AlarmKind;

/**
 * A PIN entered during the app's countdown, before the alarm was sent.
 *
 * @param clientRef the press's reference, the one the app would send the alarm with
 * @param kind      {@code PANIC} or {@code SILENT}, the alarm the press would become
 * @param pin       her cancel PIN or her duress PIN
 * @param location  where the phone is (optional); used only if the duress PIN raises the alarm
 */
public record CountdownCancelRequest(@NotNull UUID clientRef, @NotNull AlarmKind kind,
        @NotNull @Pattern(regexp = SetPinsRequest.PIN, message = "must be 4 to 6 digits") String pin,
        @Valid LocationInput location) {
}

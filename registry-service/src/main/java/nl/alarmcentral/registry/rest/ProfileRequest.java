package nl.alarmcentral.registry.rest;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import nl.alarmcentral.registry.Liaison;

/**
 * What a worker sends to set her profile; it replaces the stored one. There is no field for a
 * legal name: unknown fields are rejected, so none can be smuggled in. A body with only
 * {@code workingName} and {@code safetyNote} is valid (the other fields are then empty or their
 * default).
 *
 * @param workingName    the name she works under and wants to be addressed by (required)
 * @param safetyNote     what a dispatcher should know in an emergency (optional)
 * @param languages      ISO 639-1 codes of the languages she speaks, lower case, at most 10
 * @param callBackNumber the number to call her back on: digits, spaces, dashes, a leading +
 * @param liaison        which liaison she would like to know; {@code NONE} when absent
 */
public record ProfileRequest(
        @NotBlank @Size(max = 80) String workingName,
        @Size(max = 2000) String safetyNote,
        @Size(max = 10) List<@NotNull @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code in lower case") String> languages,
        @Size(max = 30) @Pattern(regexp = "\\s*(\\+?[0-9][0-9 -]*)?\\s*", message = "may hold only digits, spaces, dashes and a leading +") String callBackNumber,
        Liaison liaison) {
}

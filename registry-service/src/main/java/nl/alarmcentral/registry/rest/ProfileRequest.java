package nl.alarmcentral.registry.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What a worker sends to set her profile. There is no field for a legal name: unknown fields are
 * rejected, so none can be smuggled in.
 *
 * @param workingName the name she works under and wants to be addressed by (required)
 * @param safetyNote  what a dispatcher should know in an emergency (optional)
 */
public record ProfileRequest(
        @NotBlank @Size(max = 80) String workingName,
        @Size(max = 2000) String safetyNote) {
}

package nl.alarmcentral.registry.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import nl.alarmcentral.contract.crypto.SealedKind;

/**
 * dispatch asks the registry to open bytes another service sealed to the worker of an open
 * incident.
 *
 * @param sealed    the sealed bytes, standard base64 (as they are stored or travel)
 * @param kind      what they are; with the subject, the associated data they were sealed with
 * @param subjectId the alarm id (for a position) or timer id (for a note) they belong to
 */
public record OpenSealedRequest(
        @NotBlank @Size(max = 16384) @Pattern(regexp = "[A-Za-z0-9+/]+={0,2}", message = "must be base64") String sealed,
        @NotNull SealedKind kind,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String subjectId) {
}

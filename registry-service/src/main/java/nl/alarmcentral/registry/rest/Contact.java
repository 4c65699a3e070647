package nl.alarmcentral.registry.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * One trusted contact.
 *
 * @param name     how she names the contact
 * @param number   the contact's phone number
 * @param relation who the contact is to her, or null
 * @param inform   whether the dispatcher should inform this contact; {@code false} when absent
 */
public record Contact(
        @NotBlank @Size(max = 80) String name,
        @NotBlank @Size(max = 30) String number,
        @Size(max = 80) String relation,
        Boolean inform) {
}

package nl.alarmcentral.registry.rest;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A consent decision for one type.
 *
 * @param granted     whether she consents (required)
 * @param textVersion the version of the consent text she agreed to; required when granting, and it
 *                    must be the current one ({@code v1})
 * @param fields      only for {@code POLICE_FIELDS}: which card fields may be passed to police
 */
public record ConsentRequest(
        @NotNull Boolean granted,
        @Size(max = 16) String textVersion,
        @Size(max = 7) List<@NotNull @Size(max = 32) String> fields) {
}

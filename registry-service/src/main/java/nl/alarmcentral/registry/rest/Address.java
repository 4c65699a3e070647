package nl.alarmcentral.registry.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import nl.alarmcentral.registry.AddressLabel;

/**
 * One of her addresses.
 *
 * @param label   what kind of place it is
 * @param address the address as she writes it
 */
public record Address(@NotNull AddressLabel label, @NotBlank @Size(max = 300) String address) {
}

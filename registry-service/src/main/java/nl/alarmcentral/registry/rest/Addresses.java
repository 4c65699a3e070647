package nl.alarmcentral.registry.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * All her addresses; a PUT replaces the list.
 *
 * @param addresses at most five
 */
public record Addresses(@NotNull @Size(max = 5) List<@NotNull @Valid Address> addresses) {
}

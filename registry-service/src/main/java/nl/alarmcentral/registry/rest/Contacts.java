package nl.alarmcentral.registry.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * All her trusted contacts; a PUT replaces the list.
 *
 * @param contacts at most five
 */
public record Contacts(@NotNull @Size(max = 5) List<@NotNull @Valid Contact> contacts) {
}

package nl.alarmcentral.registry.rest;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import nl.alarmcentral.registry.ProcedureStep;

/**
 * What the dispatcher does, in order; until she sets it, {@code ["SEND_HELP"]}.
 *
 * @param steps one to four steps, none repeated
 */
public record Procedure(@NotNull @Size(min = 1, max = 4) List<@NotNull ProcedureStep> steps) {
}

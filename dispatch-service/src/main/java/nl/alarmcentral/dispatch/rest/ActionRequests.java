package nl.alarmcentral.dispatch.rest;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import nl.alarmcentral.dispatch.ContactResult;
import nl.alarmcentral.dispatch.ContactTarget;
import nl.alarmcentral.dispatch.FollowUp;
import nl.alarmcentral.dispatch.HelpKind;
import nl.alarmcentral.dispatch.IncidentCategory;
import nl.alarmcentral.dispatch.IncidentOutcome;

/** The bodies of the dispatchers' actions on an incident (docs/console-api.md). */
public final class ActionRequests {

    private ActionRequests() {
    }

    /** {@code POST /api/incidents/{id}/notes} */
    public record Note(@NotBlank @Size(max = 1000) String text) {
    }

    /** {@code POST /api/incidents/{id}/contact-attempts} */
    public record ContactAttempt(@NotNull ContactTarget target, @NotNull ContactResult result, @Size(max = 500) String note) {
    }

    /** {@code POST /api/incidents/{id}/help} */
    public record Help(@NotNull HelpKind kind, @Size(max = 100) String reference) {
    }

    /** {@code POST /api/incidents/{id}/resolve}; categories may be empty, never repeated. */
    public record Resolve(@NotNull IncidentOutcome outcome, @NotNull @Size(max = 6) List<@NotNull IncidentCategory> categories,
            @NotNull FollowUp followUp) {
    }
}

package nl.alarmcentral.alarm.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.service.CancelService;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;

/**
 * Cancelling the app's countdown (the seconds after she releases the button, before anything is
 * sent) with her PIN. The cancel PIN sends nothing; the duress PIN answers exactly the same and
 * sends the alarm with a duress. If the countdown cancel fails (wrong PIN, locked), the app lets the
 * countdown end and sends the alarm as usual.
 */
@Path("/api/alarms/countdown-cancel")
@RolesAllowed("worker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Alarms")
public class CountdownCancelResource {

    private final JsonWebToken token;
    private final CancelService cancels;

    public CountdownCancelResource(JsonWebToken token, CancelService cancels) {
        this.token = token;
        this.cancels = cancels;
    }

    @POST
    @Operation(summary = "Cancel the countdown of a press with her PIN, before the alarm is sent")
    @APIResponse(responseCode = "200", description = "Cancelled (also the answer to the duress PIN)")
    @APIResponse(responseCode = "403", description = "Wrong PIN; the countdown goes on")
    @APIResponse(responseCode = "409", description = "She has not set PINs")
    @APIResponse(responseCode = "429", description = "PIN entry is locked; see Retry-After. The countdown goes on")
    public Uni<CancelReceipt> cancelCountdown(@Valid @NotNull CountdownCancelRequest request) {
        if (request.kind() == AlarmKind.CHECKIN_MISSED) {
            throw new ProblemException(ProblemType.VALIDATION, 400, "kind must be PANIC or SILENT.");
        }
        return cancels.cancelCountdown(token.getSubject(), request.clientRef(), request.kind(),
                request.location() == null ? null : request.location().toLocation(), request.pin())
                .map(result -> new CancelReceipt(result.alarmId(), CancelReceipt.CANCELLED, result.at()));
    }
}

package nl.alarmcentral.alarm.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.service.CancelService;

/**
 * Cancelling her alarm with a PIN after it was sent. The duress PIN answers exactly like the cancel
 * PIN; see {@link CancelService} for what each does.
 */
@Path("/api/alarms/{alarmId}/cancel")
@RolesAllowed("worker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Alarms")
public class AlarmCancelResource {

    private final JsonWebToken token;
    private final CancelService cancels;

    public AlarmCancelResource(JsonWebToken token, CancelService cancels) {
        this.token = token;
        this.cancels = cancels;
    }

    @POST
    @Operation(summary = "Cancel one of her alarms with her PIN")
    @APIResponse(responseCode = "200", description = "Cancelled (also the answer to the duress PIN)")
    @APIResponse(responseCode = "403", description = "Wrong PIN; the detail says how many attempts are left")
    @APIResponse(responseCode = "404", description = "No such alarm of hers")
    @APIResponse(responseCode = "409", description = "She has not set PINs")
    @APIResponse(responseCode = "429", description = "PIN entry is locked; see Retry-After. The alarm stays active")
    public Uni<CancelReceipt> cancel(@PathParam("alarmId") UUID alarmId, @Valid @NotNull CancelRequest request) {
        return cancels.cancel(token.getSubject(), alarmId, request.pin())
                .map(result -> new CancelReceipt(result.alarmId(), CancelReceipt.CANCELLED, result.at()));
    }
}

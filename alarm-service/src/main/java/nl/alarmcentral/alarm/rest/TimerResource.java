package nl.alarmcentral.alarm.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.service.FreshProofService;
import nl.alarmcentral.alarm.service.TimerService;

/**
 * Her safety timers (check-ins): start, list, extend, confirm. Only her own. Starting and reading
 * need her login; extending needs a fresh proof ({@link FreshProofService}), since a timer kept
 * running by someone else is an alarm that never comes; confirming takes her PIN anyway.
 */
@Path("/api/me/timers")
@RolesAllowed("worker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Safety timers")
public class TimerResource {

    private final JsonWebToken token;
    private final TimerService timers;
    private final FreshProofService freshProof;

    public TimerResource(JsonWebToken token, TimerService timers, FreshProofService freshProof) {
        this.token = token;
        this.timers = timers;
        this.freshProof = freshProof;
    }

    @POST
    @Operation(summary = "Start a safety timer", description = "If she has not confirmed with her PIN by the "
            + "expected end plus the grace, the central gets a missed check-in alarm. Needs her PINs to be set.")
    @APIResponse(responseCode = "201", description = "Started")
    @APIResponse(responseCode = "409", description = "She has not set PINs")
    public Uni<Response> start(@Valid @NotNull StartTimerRequest request) {
        return timers.start(token.getSubject(), request.minutes(), request.graceMinutes(), request.note())
                .map(timer -> Response.created(URI.create("/api/me/timers/" + timer.timerId))
                        .entity(TimerView.of(timer)).build());
    }

    @GET
    @Operation(summary = "Her running safety timers")
    public Uni<List<TimerView>> active() {
        return timers.active(token.getSubject()).map(list -> list.stream().map(TimerView::of).toList());
    }

    @GET
    @Path("/{timerId}")
    @Operation(summary = "One of her safety timers")
    public Uni<TimerView> get(@PathParam("timerId") UUID timerId) {
        return timers.get(token.getSubject(), timerId).map(TimerView::of);
    }

    @POST
    @Path("/{timerId}/extend")
    @Operation(summary = "Give a running safety timer more time", description = "Needs a fresh proof: her PIN in "
            + FreshProofService.PIN_HEADER + " (the duress PIN answers exactly the same), or a recent login.")
    @APIResponse(responseCode = "200", description = "Extended")
    @APIResponse(responseCode = "403", description = "No fresh proof (step-up-required), or a wrong PIN (pin-incorrect)")
    @APIResponse(responseCode = "409", description = "Already confirmed, or already ran out")
    @APIResponse(responseCode = "429", description = "PIN entry is locked; see Retry-After. The timer keeps running")
    public Uni<TimerView> extend(@PathParam("timerId") UUID timerId, @Valid @NotNull ExtendTimerRequest request) {
        return freshProof.require()
                .chain(() -> timers.extend(token.getSubject(), timerId, request.minutes())).map(TimerView::of);
    }

    @POST
    @Path("/{timerId}/confirm")
    @Operation(summary = "Confirm she is safe, with her PIN", description = "The duress PIN answers exactly the same.")
    @APIResponse(responseCode = "200", description = "Confirmed")
    @APIResponse(responseCode = "403", description = "Wrong PIN; the detail says how many attempts are left")
    @APIResponse(responseCode = "409", description = "Already confirmed or already ran out; or no PINs set")
    @APIResponse(responseCode = "429", description = "PIN entry is locked; see Retry-After. The timer keeps running")
    public Uni<TimerView> confirm(@PathParam("timerId") UUID timerId, @Valid @NotNull CancelRequest request) {
        return timers.confirm(token.getSubject(), timerId, request.pin()).map(TimerView::of);
    }
}

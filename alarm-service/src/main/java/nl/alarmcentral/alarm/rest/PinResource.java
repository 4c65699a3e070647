package nl.alarmcentral.alarm.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.service.FreshProofService;
import nl.alarmcentral.alarm.service.PinService;

/**
 * Her cancel and duress PINs. Setting them needs a fresh proof ({@link FreshProofService}: her
 * current PIN, or a recent login for a worker who forgot hers or has none yet); reading tells only
 * whether they are set and needs her login alone (see {@code docs/pins-and-timers.md}).
 */
@Path("/api/me/pins")
@RolesAllowed("worker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "PINs")
public class PinResource {

    private final JsonWebToken token;
    private final PinService pins;
    private final FreshProofService freshProof;

    public PinResource(JsonWebToken token, PinService pins, FreshProofService freshProof) {
        this.token = token;
        this.pins = pins;
        this.freshProof = freshProof;
    }

    @GET
    @Operation(summary = "Whether her PINs are set")
    public Uni<PinStatus> get() {
        return pins.find(token.getSubject())
                .map(stored -> stored == null ? new PinStatus(false, null) : new PinStatus(true, stored.changedAt));
    }

    @PUT
    @Operation(summary = "Set or change her cancel PIN and duress PIN",
            description = "Both 4 to 6 digits, different from each other. Stored only as slow salted hashes. "
                    + "New PINs also lift a PIN entry lock. Needs a fresh proof: her current PIN in "
                    + FreshProofService.PIN_HEADER + ", or a login within alarm.step-up.max-age.")
    @APIResponse(responseCode = "200", description = "The PINs are set")
    @APIResponse(responseCode = "400", description = "A PIN is missing, not 4 to 6 digits, or both are the same")
    @APIResponse(responseCode = "403", description = "No fresh proof (step-up-required), or a wrong PIN (pin-incorrect)")
    @APIResponse(responseCode = "429", description = "PIN entry is locked; see Retry-After. Sign in again instead")
    public Uni<PinStatus> set(@Valid @NotNull SetPinsRequest request) {
        return freshProof.require()
                .chain(() -> pins.set(token.getSubject(), request.cancelPin(), request.duressPin()))
                .map(stored -> new PinStatus(true, stored.changedAt));
    }
}

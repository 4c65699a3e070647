package nl.alarmcentral.registry.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.service.DispatchCardService;

/**
 * The dispatch card, for dispatch-service's service account only (role {@code svc-dispatch}),
 * always for a named incident that the registry knows to be open for that worker. Every answer and
 * every refusal is recorded. This is the only way any of her data leaves the registry for someone
 * other than herself; there is no other purpose, no search and no listing.
 */
@Path("/api/dispatch-cards")
@RolesAllowed("svc-dispatch")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dispatch card")
public class DispatchCardResource {

    /** An incident id as dispatch sends it; also the path parameter of {@link SealedDataResource}. */
    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final JsonWebToken token;
    private final DispatchCardService cards;

    public DispatchCardResource(JsonWebToken token, DispatchCardService cards) {
        this.token = token;
        this.cards = cards;
    }

    @GET
    @Path("/{workerId}")
    @Operation(summary = "Disclose a worker's dispatch card for an open incident",
            description = "Only consented fields. Waits up to 2 s for the incident's opening to arrive.")
    @APIResponse(responseCode = "200", description = "The card")
    @APIResponse(responseCode = "404", description = "No card: no registration, or no ALARM_SERVICE consent")
    @APIResponse(responseCode = "409", description = "The incident is not (yet) known open for this worker; retry")
    public Uni<DispatchCard> get(@PathParam("workerId") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String workerId,
            @QueryParam("incidentId") @NotNull @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String incidentId) {
        return cards.request(workerId, UUID.fromString(incidentId), Callers.client(token));
    }
}

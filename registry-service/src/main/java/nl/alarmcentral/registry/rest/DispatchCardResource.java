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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.registry.service.DispatchCardService;

/**
 * The dispatch card, for dispatch-service's service account only (role {@code svc-dispatch}),
 * always for a named incident. Every answer is recorded as a disclosure.
 */
@Path("/api/dispatch-cards")
@RolesAllowed("svc-dispatch")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dispatch card")
public class DispatchCardResource {

    private final JsonWebToken token;
    private final DispatchCardService cards;

    public DispatchCardResource(JsonWebToken token, DispatchCardService cards) {
        this.token = token;
        this.cards = cards;
    }

    @GET
    @Path("/{workerId}")
    @Operation(summary = "Disclose a worker's dispatch card for an incident")
    public Uni<DispatchCard> get(@PathParam("workerId") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String workerId,
            @QueryParam("incidentId") @NotNull UUID incidentId) {
        String requestedBy = token.<String>claim("azp").orElse(token.getSubject());
        return cards.disclose(workerId, incidentId, requestedBy).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("This worker has no dispatch card."));
    }
}

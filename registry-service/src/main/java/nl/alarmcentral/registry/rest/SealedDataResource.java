package nl.alarmcentral.registry.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import nl.alarmcentral.registry.service.SealedDataService;

/**
 * Opens what another service sealed to a worker (an alarm's position, a timer's note), for
 * dispatch-service's service account only (role {@code svc-dispatch}, like the card), always for a
 * named incident the registry knows to be open for her: every look at her data outside the
 * registry goes through here, is decided here and is recorded here. The worker is the incident's:
 * dispatch names no worker, so it cannot ask with one worker's incident for another's data.
 */
@Path("/api/dispatch/incidents/{incidentId}/open")
@RolesAllowed("svc-dispatch")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dispatch card")
public class SealedDataResource {

    private final JsonWebToken token;
    private final SealedDataService sealed;

    public SealedDataResource(JsonWebToken token, SealedDataService sealed) {
        this.token = token;
        this.sealed = sealed;
    }

    @POST
    @Operation(summary = "Open data sealed to the worker of an open incident",
            description = "Answers the plain text and records one disclosure (shown to her after the incident, with the "
                    + "coercion delay). A refusal records nothing.")
    @APIResponse(responseCode = "200", description = "The plain text")
    @APIResponse(responseCode = "400", description = "Not base64, or it does not open for this worker, kind and subject")
    @APIResponse(responseCode = "404", description = "She has no registration, or no ALARM_SERVICE consent")
    @APIResponse(responseCode = "409", description = "The incident is not known open")
    public Uni<OpenedView> open(
            @PathParam("incidentId") @NotNull @Pattern(regexp = DispatchCardResource.UUID_PATTERN, message = "must be a UUID") String incidentId,
            @Valid @NotNull OpenSealedRequest request) {
        return sealed.open(UUID.fromString(incidentId), request, Callers.client(token));
    }
}

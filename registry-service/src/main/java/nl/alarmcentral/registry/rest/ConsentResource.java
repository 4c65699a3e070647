package nl.alarmcentral.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.ConsentType;
import nl.alarmcentral.registry.service.ConsentService;

/** A worker's own consents: she reads them all and decides on one type at a time. */
@Path("/api/me/consents")
@RolesAllowed("worker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Worker consents")
public class ConsentResource {

    private static final String TYPES = "ALARM_SERVICE|SHARE_NOTES|SHARE_ADDRESSES|INFORM_CONTACTS|POLICE_FIELDS|LIAISON_INTRO";

    private final JsonWebToken token;
    private final ConsentService consents;

    public ConsentResource(JsonWebToken token, ConsentService consents) {
        this.token = token;
        this.consents = consents;
    }

    @GET
    @Operation(summary = "Read my consents and their history")
    public Uni<ConsentsView> get() {
        return consents.consents(Callers.worker(token));
    }

    @PUT
    @Path("/{type}")
    @Operation(summary = "Grant or withdraw one consent", description = "Takes effect for the next disclosure at once.")
    public Uni<ConsentsView> decide(
            @PathParam("type") @Pattern(regexp = TYPES, message = "must be one of " + TYPES)
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"ALARM_SERVICE", "SHARE_NOTES",
                    "SHARE_ADDRESSES", "INFORM_CONTACTS", "POLICE_FIELDS", "LIAISON_INTRO"})) String type,
            @Valid @NotNull ConsentRequest request) {
        return consents.decide(Callers.worker(token), ConsentType.valueOf(type), request);
    }
}

package nl.alarmcentral.dispatch.rest;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;
import nl.alarmcentral.dispatch.IncidentStatus;
import nl.alarmcentral.dispatch.service.IncidentQueryService;

/** Incidents for dispatchers and supervisors. */
@Path("/api/incidents")
@RolesAllowed({"dispatcher", "supervisor"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentResource {

    private final IncidentQueryService queries;

    public IncidentResource(IncidentQueryService queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "List incidents",
            description = "Duress first, then oldest first. Without status: every incident that is not closed.")
    public Uni<List<IncidentView>> list(
            @Parameter(description = "Only incidents in this state", schema = @Schema(implementation = IncidentStatus.class))
            @QueryParam("status") String status) {
        List<IncidentStatus> statuses = status != null ? List.of(parse(status))
                : Arrays.stream(IncidentStatus.values()).filter(IncidentStatus::isActive).toList();
        return queries.list(statuses);
    }

    /** Parsed here, not by JAX-RS, which would answer an unknown value with 404 instead of 400. */
    private static IncidentStatus parse(String status) {
        try {
            return IncidentStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.VALIDATION, 400,
                    "status must be one of " + Arrays.toString(IncidentStatus.values()) + ".");
        }
    }
}

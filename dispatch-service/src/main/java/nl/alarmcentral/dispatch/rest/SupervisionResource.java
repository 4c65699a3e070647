package nl.alarmcentral.dispatch.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;
import nl.alarmcentral.dispatch.service.IncidentQueryService;

/** What supervisors watch: how fast incidents are taken, against the standard's targets. */
@Path("/api/supervision")
@RolesAllowed("supervisor")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Supervision")
public class SupervisionResource {

    /** The longest period asked for at once. */
    static final int MAX_DAYS = 366;

    private final IncidentQueryService queries;

    public SupervisionResource(IncidentQueryService queries) {
        this.queries = queries;
    }

    @GET
    @Path("/acknowledge-times")
    @Operation(summary = "Acknowledge times of the last days", description = "Targets: 80% within 30 s, 98.5% within 60 s.")
    public Uni<AcknowledgeTimes> acknowledgeTimes(@QueryParam("days") @DefaultValue("7") String days) {
        return queries.acknowledgeTimes(parseDays(days));
    }

    private static int parseDays(String days) {
        try {
            int parsed = Integer.parseInt(days);
            if (parsed >= 1 && parsed <= MAX_DAYS) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(ProblemType.VALIDATION, 400, "days must be a whole number from 1 to " + MAX_DAYS + ".");
    }
}

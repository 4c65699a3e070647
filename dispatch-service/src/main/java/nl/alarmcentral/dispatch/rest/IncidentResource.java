package nl.alarmcentral.dispatch.rest;

import java.util.Arrays;
import java.util.HashSet;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;
import nl.alarmcentral.dispatch.IncidentStatus;
import nl.alarmcentral.dispatch.service.IncidentActionService;
import nl.alarmcentral.dispatch.service.IncidentQueryService;

/**
 * Incidents for dispatchers and supervisors: the lists, one incident in full, and what dispatchers
 * do with it (docs/console-api.md). Every action answers with the incident as it is after the
 * change and records who did it ({@code preferred_username}) on the timeline.
 */
@Path("/api/incidents")
@RolesAllowed({"dispatcher", "supervisor"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentResource {

    private final IncidentQueryService queries;
    private final IncidentActionService actions;
    private final SecurityIdentity identity;

    public IncidentResource(IncidentQueryService queries, IncidentActionService actions, SecurityIdentity identity) {
        this.queries = queries;
        this.actions = actions;
        this.identity = identity;
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

    @GET
    @Path("/summaries")
    @Operation(summary = "The console's list", description = "Every incident that is not resolved or closed, duress first, then oldest first.")
    public Uni<List<IncidentSummary>> summaries() {
        return queries.summaries();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One incident in full", description = "404 when unknown or already reduced to statistics.")
    public Uni<IncidentView> get(@PathParam("id") UUID id) {
        return view(id);
    }

    @POST
    @Path("/{id}/acknowledge")
    @Operation(summary = "Take the incident", description = "Records who took it and when, once; repeating changes nothing.")
    public Uni<IncidentView> acknowledge(@PathParam("id") UUID id) {
        return actions.acknowledge(id, actor()).flatMap(done -> view(id));
    }

    @POST
    @Path("/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a note to the timeline")
    public Uni<IncidentView> note(@PathParam("id") UUID id, @Valid @NotNull ActionRequests.Note request) {
        return actions.note(id, actor(), request.text()).flatMap(done -> view(id));
    }

    @POST
    @Path("/{id}/contact-attempts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log a call to her or a trusted contact")
    public Uni<IncidentView> contactAttempt(@PathParam("id") UUID id, @Valid @NotNull ActionRequests.ContactAttempt request) {
        return actions.contactAttempt(id, actor(), request.target(), request.result(), blankToNull(request.note()))
                .flatMap(done -> view(id));
    }

    @POST
    @Path("/{id}/help")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record that help was sent", description = "Takes the incident too if nobody had.")
    public Uni<IncidentView> help(@PathParam("id") UUID id, @Valid @NotNull ActionRequests.Help request) {
        return actions.helpSent(id, actor(), request.kind(), blankToNull(request.reference())).flatMap(done -> view(id));
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve with outcome, categories and her follow-up", description = "It leaves the console's list.")
    public Uni<IncidentView> resolve(@PathParam("id") UUID id, @Valid @NotNull ActionRequests.Resolve request) {
        if (new HashSet<>(request.categories()).size() != request.categories().size()) {
            throw new ProblemException(ProblemType.VALIDATION, 400, "categories: each category at most once.");
        }
        return actions.resolve(id, actor(), request.outcome(), request.categories(), request.followUp())
                .flatMap(done -> view(id));
    }

    @POST
    @Path("/{id}/close")
    @Operation(summary = "Close a resolved incident", description = "Drops her card and the alarms' details; the registry stops disclosing.")
    public Uni<IncidentView> close(@PathParam("id") UUID id) {
        return actions.close(id, actor()).flatMap(done -> view(id));
    }

    private Uni<IncidentView> view(UUID id) {
        return queries.find(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No such incident.");
            }
            return found;
        });
    }

    /** Who acts: the token's preferred_username (the principal's name). */
    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
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

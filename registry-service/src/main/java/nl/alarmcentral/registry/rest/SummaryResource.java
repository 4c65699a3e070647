package nl.alarmcentral.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.service.SummaryService;

/** Counts for coordinators, who help workers enrol buttons but never see who they are. */
@Path("/api/registry/summary")
@RolesAllowed("coordinator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coordinator")
public class SummaryResource {

    private final SummaryService summaries;

    public SummaryResource(SummaryService summaries) {
        this.summaries = summaries;
    }

    @GET
    @Operation(summary = "How many workers are registered, buttons bound and incidents open")
    public Uni<SummaryView> get() {
        return summaries.summary();
    }
}

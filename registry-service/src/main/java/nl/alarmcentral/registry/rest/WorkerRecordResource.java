package nl.alarmcentral.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.service.ErasureService;
import nl.alarmcentral.registry.service.SectionService;
import nl.alarmcentral.registry.service.WorkerDataService;

/**
 * The rest of a worker's own registration (structured notes, addresses, procedure, trusted
 * contacts), her export and disclosure log, and her withdrawal. She reaches only her own record:
 * the id comes from her token, never from the request.
 */
@Path("/api/me")
@RolesAllowed("worker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Worker registration")
public class WorkerRecordResource {

    private final JsonWebToken token;
    private final SectionService sections;
    private final WorkerDataService data;
    private final ErasureService erasures;

    public WorkerRecordResource(JsonWebToken token, SectionService sections, WorkerDataService data, ErasureService erasures) {
        this.token = token;
        this.sections = sections;
        this.data = data;
        this.erasures = erasures;
    }

    @GET
    @Path("/notes")
    @Operation(summary = "Read my structured safety notes")
    public Uni<SafetyNotes> notes() {
        return sections.notes(Callers.worker(token));
    }

    @PUT
    @Path("/notes")
    @Operation(summary = "Replace my structured safety notes")
    public Uni<SafetyNotes> saveNotes(@Valid @NotNull SafetyNotes notes) {
        return sections.saveNotes(Callers.worker(token), notes);
    }

    @GET
    @Path("/addresses")
    @Operation(summary = "Read my addresses")
    public Uni<Addresses> addresses() {
        return sections.addresses(Callers.worker(token));
    }

    @PUT
    @Path("/addresses")
    @Operation(summary = "Replace my addresses")
    public Uni<Addresses> saveAddresses(@Valid @NotNull Addresses addresses) {
        return sections.saveAddresses(Callers.worker(token), addresses);
    }

    @GET
    @Path("/procedure")
    @Operation(summary = "Read my procedure", description = "[\"SEND_HELP\"] until she sets one.")
    public Uni<Procedure> procedure() {
        return sections.procedure(Callers.worker(token));
    }

    @PUT
    @Path("/procedure")
    @Operation(summary = "Replace my procedure")
    public Uni<Procedure> saveProcedure(@Valid @NotNull Procedure procedure) {
        return sections.saveProcedure(Callers.worker(token), procedure);
    }

    @GET
    @Path("/contacts")
    @Operation(summary = "Read my trusted contacts")
    public Uni<Contacts> contacts() {
        return sections.contacts(Callers.worker(token));
    }

    @PUT
    @Path("/contacts")
    @Operation(summary = "Replace my trusted contacts")
    public Uni<Contacts> saveContacts(@Valid @NotNull Contacts contacts) {
        return sections.saveContacts(Callers.worker(token), contacts);
    }

    @GET
    @Path("/export")
    @Operation(summary = "Export everything stored about me", description = "Recorded in my disclosure log.")
    public Uni<ExportView> export() {
        return data.export(Callers.worker(token), Callers.client(token));
    }

    @GET
    @Path("/disclosures")
    @Operation(summary = "Who asked for my data, when, and what they got", description = "Newest first.")
    public Uni<DisclosuresView> disclosures() {
        return data.disclosures(Callers.worker(token));
    }

    @DELETE
    @Operation(summary = "Withdraw: delete everything about me, and my account",
            description = "My data is unreadable from the first step on. 204 when every step is done; 202 when a step "
                    + "(telling the other services, deleting the account) is still being retried.")
    @APIResponse(responseCode = "204", description = "Everything done")
    @APIResponse(responseCode = "202", description = "Data unreadable and being deleted; remaining steps are retried")
    public Uni<RestResponse<ErasureView>> withdraw() {
        return erasures.withdraw(Callers.worker(token)).map(erasure -> erasure == null || erasure.isComplete()
                ? RestResponse.noContent()
                : RestResponse.accepted(new ErasureView(true, erasure.vaultKeyDestroyedAt != null, erasure.dataDeletedAt != null,
                        erasure.tombstonePublishedAt != null, erasure.accountDeletedAt != null)));
    }
}

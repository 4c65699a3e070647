package nl.alarmcentral.registry.rest;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.registry.service.ProfileService;

/** A worker's own profile. She reaches only her own record: the id comes from her token. */
@Path("/api/me/profile")
@RolesAllowed("worker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Worker profile")
public class ProfileResource {

    private final JsonWebToken token;
    private final ProfileService profiles;

    public ProfileResource(JsonWebToken token, ProfileService profiles) {
        this.token = token;
        this.profiles = profiles;
    }

    @GET
    @Operation(summary = "Read my profile", description = "404 until the worker has saved one.")
    public Uni<ProfileView> get() {
        return profiles.find(Callers.worker(token)).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("You have not saved a profile yet."));
    }

    @PUT
    @Operation(summary = "Create or replace my profile",
            description = "The first save registers her (announced on worker.registrations); 503 if that cannot be made "
                    + "durable, and then nothing is stored.")
    public Uni<ProfileView> put(@Valid @NotNull ProfileRequest request) {
        return profiles.save(Callers.worker(token), request);
    }
}

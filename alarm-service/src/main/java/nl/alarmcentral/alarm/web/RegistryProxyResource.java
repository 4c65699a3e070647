package nl.alarmcentral.alarm.web;

import java.util.function.BiFunction;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.client.RegistryApi;
import nl.alarmcentral.alarm.client.RegistryClient;
import nl.alarmcentral.alarm.service.FreshProofService;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;

/**
 * The worker app's way to her registration (backend-for-frontend): {@code /app/registry/me/...} is
 * forwarded to registry-service's {@code /api/me/...} with the access token of her session, so the
 * page never holds a token and registry-service checks her identity itself. Exactly the worker
 * paths of docs/registry-api.md are forwarded, each with its own method; anything else is a 404
 * here and never reaches the registry. Status codes and problem+json bodies come back unchanged;
 * bodies are neither read nor logged, and answers are marked {@code no-store} (personal data
 * stays out of caches). Writes from the browser need the CSRF token ({@link CsrfGuard}).
 *
 * <p>Her session lasts days, so everything here except reading her consents and her buttons'
 * state needs a fresh proof first ({@link FreshProofService}: her PIN or a recent login); without
 * one nothing is forwarded. Consents and buttons tell nothing about her life and she must see
 * whether her button works without typing a PIN; everything else is personal or hard to undo.
 */
@Path("/app/registry/me")
@RolesAllowed("worker")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Worker app")
public class RegistryProxyResource {

    /** Sections she reads with GET after a fresh proof. */
    private static final String READABLE = "profile|notes|addresses|procedure|contacts|export|disclosures";
    /** Sections she reads with GET on her login alone. */
    private static final String OPEN = "consents|devices";
    /** Sections she replaces with PUT. */
    private static final String REPLACEABLE = "profile|notes|addresses|procedure|contacts";

    private final RegistryClient registry;
    private final SecurityIdentity identity;
    private final FreshProofService freshProof;

    public RegistryProxyResource(RegistryClient registry, SecurityIdentity identity, FreshProofService freshProof) {
        this.registry = registry;
        this.identity = identity;
        this.freshProof = freshProof;
    }

    @GET
    @Path("/{section: " + READABLE + "}")
    @Operation(summary = "Read part of her registration (GET /api/me/{section} of registry-service)",
            description = "Needs a fresh proof: her PIN in " + FreshProofService.PIN_HEADER + ", or a recent login.")
    public Uni<Response> read(@PathParam("section") String section) {
        return sensitive((api, bearer) -> api.get(bearer, section));
    }

    @GET
    @Path("/{section: " + OPEN + "}")
    @Operation(summary = "Her consents, or her buttons' state (GET /api/me/{section} of registry-service)")
    public Uni<Response> readOpen(@PathParam("section") String section) {
        return forward((api, bearer) -> api.get(bearer, section));
    }

    @PUT
    @Path("/{section: " + REPLACEABLE + "}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace part of her registration (PUT /api/me/{section} of registry-service)")
    public Uni<Response> replace(@PathParam("section") String section, String body) {
        return sensitive((api, bearer) -> api.put(bearer, section, body));
    }

    @PUT
    @Path("/consents/{type: [A-Z_]{1,40}}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give or withdraw one consent (PUT /api/me/consents/{type} of registry-service)")
    public Uni<Response> consent(@PathParam("type") String type, String body) {
        return sensitive((api, bearer) -> api.putItem(bearer, "consents", type, body));
    }

    @POST
    @Path("/enrolment-codes")
    @Operation(summary = "A one-time code for enrolling her hardware button (POST /api/me/enrolment-codes)")
    public Uni<Response> enrolmentCode() {
        return sensitive((api, bearer) -> api.post(bearer, "enrolment-codes"));
    }

    @DELETE
    @Path("/devices/{deviceId: [A-Za-z0-9._:-]{1,64}}")
    @Operation(summary = "Unbind one of her buttons (DELETE /api/me/devices/{deviceId})")
    public Uni<Response> unbind(@PathParam("deviceId") String deviceId) {
        return sensitive((api, bearer) -> api.deleteItem(bearer, "devices", deviceId));
    }

    @DELETE
    @Operation(summary = "Withdraw: delete her whole registration and account (DELETE /api/me)")
    public Uni<Response> withdraw() {
        return sensitive((api, bearer) -> api.deleteAll(bearer));
    }

    /** Forwards only after a fresh proof; without one, nothing reaches the registry. */
    private Uni<Response> sensitive(BiFunction<RegistryApi, String, Uni<Response>> request) {
        return freshProof.require().chain(() -> forward(request));
    }

    private Uni<Response> forward(BiFunction<RegistryApi, String, Uni<Response>> request) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token == null || token.getToken() == null) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.UNAUTHENTICATED, 401, "Log in first."));
        }
        return registry.call(token.getToken(), request).map(answer -> {
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            Response.ResponseBuilder response = Response.status(answer.status()).cacheControl(noStore);
            if (answer.body() != null) {
                response.entity(answer.body()).type(answer.mediaType() == null ? MediaType.APPLICATION_JSON_TYPE : answer.mediaType());
            }
            return response.build();
        });
    }
}

package nl.alarmcentral.alarm.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * registry-service's worker endpoints ({@code /api/me/...}, docs/registry-api.md), called with the
 * worker's own access token. Answers come back as they are, errors included (the default exception
 * mapper is off for this client), so the worker app sees the registry's status and problem+json.
 * Bodies are passed as text and never parsed or logged here. Use {@link RegistryClient}; which
 * paths may be reached is decided by {@code RegistryProxyResource}.
 */
@RegisterRestClient(configKey = "registry")
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryApi {

    /** Deletes her whole registration ({@code DELETE /api/me}). */
    @DELETE
    Uni<Response> deleteAll(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    /** {@code GET /api/me/{section}}. */
    @GET
    @Path("/{section}")
    Uni<Response> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("section") String section);

    /** {@code PUT /api/me/{section}} with a JSON body. */
    @PUT
    @Path("/{section}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> put(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("section") String section,
            String body);

    /** {@code PUT /api/me/{section}/{item}} with a JSON body. */
    @PUT
    @Path("/{section}/{item}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> putItem(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("section") String section,
            @PathParam("item") String item, String body);

    /** {@code POST /api/me/{section}} without a body. */
    @POST
    @Path("/{section}")
    Uni<Response> post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("section") String section);

    /** {@code DELETE /api/me/{section}/{item}}. */
    @DELETE
    @Path("/{section}/{item}")
    Uni<Response> deleteItem(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("section") String section, @PathParam("item") String item);
}

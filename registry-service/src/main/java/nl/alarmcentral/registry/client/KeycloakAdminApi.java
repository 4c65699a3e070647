package nl.alarmcentral.registry.client;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * The one call registry-service makes to Keycloak's admin REST API: deleting a withdrawn worker's
 * account. Use {@link KeycloakAdminClient}, which adds the service account's token and a time
 * limit.
 */
@Path("/admin/realms/{realm}/users")
public interface KeycloakAdminApi {

    @DELETE
    @Path("/{userId}")
    Uni<Response> deleteUser(@PathParam("realm") String realm, @PathParam("userId") String userId,
            @HeaderParam("Authorization") String authorization);
}

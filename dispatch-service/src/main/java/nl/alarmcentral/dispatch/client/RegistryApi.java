package nl.alarmcentral.dispatch.client;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * registry-service's dispatch-card endpoint, called with dispatch-service's own service account
 * (client credentials through the OIDC client filter). Use {@link RegistryClient}, which adds
 * timeouts and retries.
 */
@RegisterRestClient(configKey = "registry")
@OidcClientFilter
@Path("/api/dispatch-cards")
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryApi {

    @GET
    @Path("/{workerId}")
    Uni<RegistryCard> card(@PathParam("workerId") String workerId, @QueryParam("incidentId") UUID incidentId);
}

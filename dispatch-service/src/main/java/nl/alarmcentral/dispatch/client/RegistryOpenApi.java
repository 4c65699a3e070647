package nl.alarmcentral.dispatch.client;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.crypto.SealedValue;

/**
 * registry-service's endpoint that opens a value sealed to the worker of an open incident (an
 * alarm's position, a timer's note) and records the look as a disclosure; the only place such a
 * value opens. Same registry and service account as {@link RegistryApi} (configuration key
 * {@code registry}). Use {@link RegistryClient}, which adds timeouts and retries.
 */
@RegisterRestClient(configKey = "registry")
@OidcClientFilter
@Path("/api/dispatch/incidents")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryOpenApi {

    @POST
    @Path("/{incidentId}/open")
    Uni<OpenedValue> open(@PathParam("incidentId") UUID incidentId, SealedValue value);
}

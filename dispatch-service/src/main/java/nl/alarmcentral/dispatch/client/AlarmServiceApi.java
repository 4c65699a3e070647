package nl.alarmcentral.dispatch.client;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * alarm-service's claim-check endpoint for an alarm's details (sealed to her key), called with dispatch-service's own
 * service account (role {@code svc-dispatch}, client credentials through the OIDC client filter).
 * Use {@link AlarmServiceClient}, which adds timeouts and retries.
 */
@RegisterRestClient(configKey = "alarm")
@OidcClientFilter
@Path("/api/alarms")
@Produces(MediaType.APPLICATION_JSON)
public interface AlarmServiceApi {

    @GET
    @Path("/{alarmId}/details")
    Uni<SealedAlarmDetails> details(@PathParam("alarmId") UUID alarmId);
}

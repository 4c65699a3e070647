package nl.alarmcentral.dispatch.client;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/**
 * Fetches dispatch cards from registry-service, bounded in time: a slow or absent registry must
 * never hold up an alarm. A worker without a registration is an empty result, not an error. A 409
 * (the registry has not seen the incident's {@code incident.opened} yet) is an
 * {@link IncidentNotOpenException}, not retried here: {@code CardFetcher} asks again shortly.
 */
@ApplicationScoped
public class RegistryClient {

    private final RegistryApi api;

    public RegistryClient(@RestClient RegistryApi api) {
        this.api = api;
    }

    /** Her card for the incident; empty when she has none. Fails when the registry is unreachable. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, delayUnit = ChronoUnit.MILLIS, abortOn = IncidentNotOpenException.class)
    public Uni<Optional<RegistryCard>> fetchCard(String workerId, UUID incidentId) {
        return api.card(workerId, incidentId)
                .map(Optional::of)
                .onFailure(failure -> hasStatus(failure, 404)).recoverWithItem(Optional.empty())
                .onFailure(failure -> hasStatus(failure, 409)).transform(failure -> new IncidentNotOpenException(incidentId));
    }

    private static boolean hasStatus(Throwable failure, int status) {
        return failure instanceof WebApplicationException e && e.getResponse().getStatus() == status;
    }
}

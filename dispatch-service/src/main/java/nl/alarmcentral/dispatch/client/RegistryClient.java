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
import nl.alarmcentral.contract.crypto.SealedValue;

/**
 * Fetches dispatch cards from registry-service, bounded in time: a slow or absent registry must
 * never hold up an alarm. A worker without a registration is an empty result, not an error. A 409
 * (the registry has not seen the incident's {@code incident.opened} yet) is an
 * {@link IncidentNotOpenException}, not retried here: {@code CardFetcher} asks again shortly.
 * It also has the registry open what alarm-service sealed to her ({@link #open}), on the same terms.
 */
@ApplicationScoped
public class RegistryClient {

    private final RegistryApi api;
    private final RegistryOpenApi openApi;

    public RegistryClient(@RestClient RegistryApi api, @RestClient RegistryOpenApi openApi) {
        this.api = api;
        this.openApi = openApi;
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

    /**
     * Has the registry open a value sealed to the incident's worker (it records the look). Empty when
     * it will not or cannot: 404 (no key, or no ALARM_SERVICE consent) or 400 (it does not open for
     * her, this kind and subject); the caller shows "none". A 409 is an
     * {@link IncidentNotOpenException}, not retried here. Fails when the registry is unreachable.
     */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, delayUnit = ChronoUnit.MILLIS, abortOn = IncidentNotOpenException.class)
    public Uni<Optional<String>> open(UUID incidentId, SealedValue value) {
        return openApi.open(incidentId, value)
                .map(opened -> Optional.ofNullable(opened == null ? null : opened.text()))
                .onFailure(failure -> hasStatus(failure, 404) || hasStatus(failure, 400)).recoverWithItem(Optional.empty())
                .onFailure(failure -> hasStatus(failure, 409)).transform(failure -> new IncidentNotOpenException(incidentId));
    }

    private static boolean hasStatus(Throwable failure, int status) {
        return failure instanceof WebApplicationException e && e.getResponse().getStatus() == status;
    }
}

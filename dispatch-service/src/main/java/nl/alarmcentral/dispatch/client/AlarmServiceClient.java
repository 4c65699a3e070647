package nl.alarmcentral.dispatch.client;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/**
 * Fetches alarms' details from alarm-service, bounded in time: they follow the incident, they
 * never hold it up.
 *
 * <p>A 404 is retried too: alarm-service publishes an alarm before it commits it, so dispatch can
 * ask a moment too early. If it persists, the caller gets {@link AlarmDetailsNotFoundException}.
 */
@ApplicationScoped
public class AlarmServiceClient {

    private final AlarmServiceApi api;

    public AlarmServiceClient(@RestClient AlarmServiceApi api) {
        this.api = api;
    }

    /** The alarm's details, still sealed. Fails when alarm-service cannot be reached or has none. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, delayUnit = ChronoUnit.MILLIS)
    public Uni<SealedAlarmDetails> fetchDetails(UUID alarmId) {
        return api.details(alarmId)
                .onFailure(AlarmServiceClient::isNotFound).transform(failure -> new AlarmDetailsNotFoundException(alarmId));
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException e && e.getResponse().getStatus() == 404;
    }
}

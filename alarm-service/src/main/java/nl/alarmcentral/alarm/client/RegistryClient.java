package nl.alarmcentral.alarm.client;

import java.time.Duration;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.problem.ProblemException;

/**
 * Calls registry-service's worker endpoints with her bearer token and hands back what it answered:
 * status, content type and body (as text, never logged). When the registry cannot be reached (down,
 * too slow, or its URL {@code quarkus.rest-client.registry.url} not configured) the answer is a 503
 * problem with {@code Retry-After}: nothing was done, and her alarm works regardless. No retries:
 * she sees the outcome and can try again, and a write is never sent twice behind her back.
 */
@ApplicationScoped
public class RegistryClient {

    private static final Logger LOG = Logger.getLogger(RegistryClient.class);

    private final RegistryApi api;

    public RegistryClient(@RestClient RegistryApi api) {
        this.api = api;
    }

    /**
     * Sends one request and reads the answer.
     *
     * @param accessToken her access token
     * @param call        the request, given the API and the {@code Authorization} header value
     */
    public Uni<Answer> call(String accessToken, BiFunction<RegistryApi, String, Uni<Response>> call) {
        // Deferred: a client that cannot be built (no URL) is an outage like any other.
        return Uni.createFrom().deferred(() -> call.apply(api, "Bearer " + accessToken))
                .map(Answer::of)
                .onFailure(failure -> !(failure instanceof ProblemException)).transform(failure -> {
                    LOG.warnf("registry-service unreachable: %s", failure.getClass().getName());
                    return ProblemException.unavailable(
                            "Your registration cannot be reached right now. Your alarm still works. Try again in a moment.",
                            Duration.ofSeconds(5), null);
                });
    }

    /**
     * What the registry answered.
     *
     * @param status    the HTTP status
     * @param mediaType its content type, or null without a body
     * @param body      its body as text, or null
     */
    public record Answer(int status, MediaType mediaType, String body) {

        static Answer of(Response response) {
            try {
                boolean hasBody = response.getStatus() != 204 && response.hasEntity();
                return new Answer(response.getStatus(), hasBody ? response.getMediaType() : null,
                        hasBody ? response.readEntity(String.class) : null);
            } finally {
                response.close();
            }
        }
    }
}

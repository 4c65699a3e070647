package nl.alarmcentral.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Readiness of a child process that answers HTTP (Keycloak, the services): ready when a URL
 * answers 200. Fails fast, with the end of its output, when the process dies while starting.
 */
public final class HttpReadiness {

    private HttpReadiness() {
    }

    /** Polls {@code url} until it answers 200, the process exits, or {@code timeout} passes. */
    public static void await(ChildProcess process, URI url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new InfraException(process.name() + " stopped while starting. Last output:\n" + process.tail()
                        + "\nFull log: " + process.logFile());
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfraException("Interrupted while waiting for " + process.name(), e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfraException("Interrupted while waiting for " + process.name(), e);
            }
        }
        throw new InfraException(process.name() + " was not ready after " + timeout.toSeconds() + " s. Last output:\n"
                + process.tail() + "\nFull log: " + process.logFile());
    }
}

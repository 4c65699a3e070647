package nl.alarmcentral.contract.problem;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses request bodies larger than a service expects with a 413 problem+json before they are
 * read. (The HTTP server's own, larger limit, {@code quarkus.http.limits.max-body-size}, stays as
 * a backstop for bodies without a length.)
 */
public class BodySizeLimit {

    private final long maxBytes;

    public BodySizeLimit(@ConfigProperty(name = "alarmcentral.max-body-bytes", defaultValue = "65536") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        if (length == null) {
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, 400, "Content-Length is not a number.");
        }
        if (bytes > maxBytes) {
            throw new ProblemException(ProblemType.TOO_LARGE, 413, "The body may be at most " + maxBytes + " bytes.");
        }
    }
}

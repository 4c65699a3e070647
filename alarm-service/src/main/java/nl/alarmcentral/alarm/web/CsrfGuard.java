package nl.alarmcentral.alarm.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;

/**
 * Protects the worker app's session against cross-site request forgery. A request that changes
 * something and is authenticated by the session cookie (not by a bearer token) must carry the
 * header {@value #HEADER} with the same value as the HttpOnly cookie {@value #COOKIE}, which only
 * the app's own page learns (from {@code GET /app/session}); another site can neither read it nor
 * send the header without a CORS permission that this service never gives. A present
 * {@code Origin} header must also be this service's own.
 */
public class CsrfGuard {

    /** The cookie holding the session's CSRF token (HttpOnly, SameSite=Strict). */
    public static final String COOKIE = "ac_csrf";

    /** The header the app sends the token back in. */
    public static final String HEADER = "X-CSRF-Token";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || request.getHeaderString("Authorization") != null) {
            return;
        }
        boolean cookieAuthenticated = request.getCookies().keySet().stream()
                .anyMatch(name -> name.startsWith(WorkerAppTenantResolver.SESSION_COOKIE));
        if (!cookieAuthenticated) {
            return;
        }
        Cookie expected = request.getCookies().get(COOKIE);
        String given = request.getHeaderString(HEADER);
        String origin = request.getHeaderString("Origin");
        boolean sameOrigin = origin == null || origin.equals(ownOrigin(request));
        if (expected == null || given == null || !sameOrigin || !MessageDigest.isEqual(
                expected.getValue().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(ProblemType.FORBIDDEN, 403,
                    "This request did not come from the app's own page. Reload the page and try again.");
        }
    }

    private static String ownOrigin(ContainerRequestContext request) {
        var uri = request.getUriInfo().getBaseUri();
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}

package nl.alarmcentral.contract.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;

/**
 * Protects a page's server-side session against cross-site request forgery. A request that changes
 * something and is authenticated by the session cookie (not by a bearer token) must carry the
 * header {@value #HEADER} with the same value as the service's HttpOnly CSRF cookie, which only the
 * page itself learns (from its {@code GET /app/session}); another site can neither read it nor send
 * the header without a CORS permission that our services never give. A present {@code Origin}
 * header must also be the service's own.
 *
 * <p>Not a filter itself: a service calls {@link #check} from its own {@code @ServerRequestFilter}.
 */
public final class CsrfProtection {

    /** The header a page sends the token back in. */
    public static final String HEADER = "X-CSRF-Token";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String sessionCookie;
    private final String csrfCookie;

    /**
     * @param sessionCookie the name every cookie of the session starts with
     * @param csrfCookie    the name of the cookie that holds the CSRF token
     */
    public CsrfProtection(String sessionCookie, String csrfCookie) {
        this.sessionCookie = sessionCookie;
        this.csrfCookie = csrfCookie;
    }

    /** The name of the cookie that holds the CSRF token. */
    public String cookieName() {
        return csrfCookie;
    }

    /**
     * Refuses a session-authenticated write without the right token, or from another origin.
     *
     * @throws ProblemException 403 {@link ProblemType#FORBIDDEN}
     */
    public void check(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || request.getHeaderString("Authorization") != null) {
            return;
        }
        boolean cookieAuthenticated = request.getCookies().keySet().stream().anyMatch(name -> name.startsWith(sessionCookie));
        if (!cookieAuthenticated) {
            return;
        }
        Cookie expected = request.getCookies().get(csrfCookie);
        String given = request.getHeaderString(HEADER);
        String origin = request.getHeaderString("Origin");
        var base = request.getUriInfo().getBaseUri();
        if (expected == null || given == null || !isSameOrigin(origin, base.getScheme(), base.getAuthority())
                || !MessageDigest.isEqual(expected.getValue().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(ProblemType.FORBIDDEN, 403,
                    "This request did not come from the service's own page. Reload the page and try again.");
        }
    }

    /**
     * Whether a request's {@code Origin} header (null when the browser sent none) names this
     * service itself.
     */
    public static boolean isSameOrigin(String origin, String scheme, String authority) {
        return origin == null || origin.equals(scheme + "://" + authority);
    }

    /** The session's token: the one the browser already has, or a new random one. */
    public static String tokenFor(String existing) {
        if (existing != null && !existing.isBlank()) {
            return existing;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The cookie that keeps the token: HttpOnly, SameSite=Strict, for the whole service, and Secure
     * when the page was asked for over https, as Quarkus OIDC does with the session cookie itself.
     * Behind the TLS-terminating ingress the request is plain http, but Quarkus reports the browser's
     * https scheme when a trusted proxy forwarded it (profile tls-proxy, application.properties); the
     * local stack's plain http keeps a cookie that its browser sends back.
     *
     * @param token   the session's CSRF token
     * @param baseUri the request's base URI (its scheme as the browser used it)
     */
    public NewCookie cookie(String token, URI baseUri) {
        return new NewCookie.Builder(csrfCookie).value(token).path("/").httpOnly(true)
                .secure("https".equalsIgnoreCase(baseUri.getScheme()))
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}

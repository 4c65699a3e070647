package nl.alarmcentral.contract.web;

import java.util.List;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;

/**
 * Chooses how a request is authenticated. A request with an {@code Authorization} header is an
 * API client with a bearer token (the default tenant: a missing or bad token is a 401). Everything
 * a page does in the browser goes through tenant {@value #WEB}: a server-side session after a
 * Keycloak login, so the page's scripts never hold a token (backend-for-frontend). The page's own
 * paths (login, session, messages) always use the session; any other path uses it when the browser
 * sends the session cookie.
 *
 * <p>Not a bean: a service declares an {@code @ApplicationScoped} subclass with its paths and its
 * session cookie's name.
 */
public abstract class SessionTenantResolver implements TenantResolver {

    /** The browser session tenant ({@code quarkus.oidc.web.*}). */
    public static final String WEB = "web";

    private final String sessionCookie;
    private final List<String> sessionPaths;

    /**
     * @param sessionCookie the session cookie's name, see {@link #sessionCookieName(String)}
     * @param sessionPaths  path prefixes that always use the session (such as {@code /app/})
     */
    protected SessionTenantResolver(String sessionCookie, String... sessionPaths) {
        this.sessionCookie = sessionCookie;
        this.sessionPaths = List.of(sessionPaths);
    }

    /**
     * How Quarkus names the session cookie of tenant {@value #WEB}: {@code q_session_web}, followed
     * by {@code _<suffix>} when {@code quarkus.oidc.web.authentication.cookie-suffix} is set (long
     * sessions are split into several cookies that start with this name).
     *
     * @param cookieSuffix the configured suffix, or null
     */
    public static String sessionCookieName(String cookieSuffix) {
        return "q_session_" + WEB + (cookieSuffix == null ? "" : "_" + cookieSuffix);
    }

    /** The name every cookie of this service's session starts with. */
    public String sessionCookie() {
        return sessionCookie;
    }

    @Override
    public String resolve(RoutingContext context) {
        if (context.request().getHeader("Authorization") != null) {
            return null;
        }
        String path = context.normalizedPath();
        if (sessionPaths.stream().anyMatch(path::startsWith) || hasSession(context)) {
            return WEB;
        }
        return null;
    }

    private boolean hasSession(RoutingContext context) {
        return context.request().cookies().stream().anyMatch(c -> c.getName().startsWith(sessionCookie));
    }
}

package nl.alarmcentral.alarm.web;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;

/**
 * Chooses how a request is authenticated. A request with an {@code Authorization} header is an
 * API client with a bearer token (the default tenant: a missing or bad token is a 401). Everything
 * the worker app does in the browser goes through tenant {@value #WEB}: a server-side session
 * after a Keycloak login, so the page's scripts never hold a token (backend-for-frontend).
 */
@ApplicationScoped
public class WorkerAppTenantResolver implements TenantResolver {

    /** The browser session tenant ({@code quarkus.oidc.web.*}). */
    public static final String WEB = "web";

    /** Quarkus names the session cookie of tenant {@value #WEB} like this. */
    static final String SESSION_COOKIE = "q_session_" + WEB;

    @Override
    public String resolve(RoutingContext context) {
        if (context.request().getHeader("Authorization") != null) {
            return null;
        }
        String path = context.normalizedPath();
        if (path.startsWith("/app/") || hasSession(context)) {
            return WEB;
        }
        return null;
    }

    private static boolean hasSession(RoutingContext context) {
        return context.request().cookies().stream().anyMatch(c -> c.getName().startsWith(SESSION_COOKIE));
    }
}

package nl.alarmcentral.dispatch.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.alarmcentral.contract.problem.Problem;
import nl.alarmcentral.contract.problem.ProblemType;
import nl.alarmcentral.contract.web.CsrfProtection;

/**
 * Refuses a WebSocket handshake under {@code /ws/} that carries the console's session cookie but
 * comes from a page of another origin (cross-site WebSocket hijacking): a browser sends cookies
 * with any handshake, and a handshake has no CSRF header, so the {@code Origin} header decides.
 * SameSite=Lax already keeps the cookie from other sites; this also covers other origins of the
 * same site (another port or subdomain). Handshakes with a bearer token (tools) and without the
 * cookie pass unchanged; who may connect is decided by the WebSocket endpoint itself.
 */
@ApplicationScoped
public class WebSocketOriginGuard {

    /** Before the WebSocket endpoints' own routes. */
    private static final int ORDER = -1000;

    static final String REFUSAL = "This connection did not come from the console's own page.";

    void install(@Observes Router router) {
        router.route("/ws/*").order(ORDER).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        boolean handshake = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        boolean session = request.getHeader("Authorization") == null && request.cookies().stream()
                .anyMatch(c -> c.getName().startsWith(ConsoleTenantResolver.SESSION_COOKIE));
        if (handshake && session && request.authority() != null
                && !CsrfProtection.isSameOrigin(request.getHeader("Origin"), request.scheme(), request.authority().toString())) {
            context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(Json.encode(Problem.of(ProblemType.FORBIDDEN, 403, REFUSAL)));
            return;
        }
        context.next();
    }
}

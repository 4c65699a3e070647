package nl.alarmcentral.dispatch.web;

import jakarta.enterprise.context.ApplicationScoped;

import nl.alarmcentral.contract.web.SessionTenantResolver;

/**
 * The console's choice of authentication (see {@link SessionTenantResolver}): bearer tokens for
 * tools and tests, the server-side session of tenant {@value #WEB} for the console in the browser,
 * always on {@code /app/...} and wherever the browser sends the session cookie (the API, the
 * WebSocket {@code /ws/incidents}).
 */
@ApplicationScoped
public class ConsoleTenantResolver extends SessionTenantResolver {

    /**
     * The console's session cookie: {@code quarkus.oidc.web.authentication.cookie-suffix=console}
     * keeps it apart from the worker app's when both run on one host.
     */
    public static final String SESSION_COOKIE = sessionCookieName("console");

    public ConsoleTenantResolver() {
        super(SESSION_COOKIE, "/app/");
    }
}

package nl.alarmcentral.alarm.web;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import nl.alarmcentral.contract.web.CsrfProtection;

/**
 * Protects the worker app's session against cross-site request forgery ({@link CsrfProtection}):
 * a write authenticated by the session cookie must carry {@value #HEADER} equal to the HttpOnly
 * cookie {@value #COOKIE}, which only the app's own page learns from {@code GET /app/session}.
 */
public class CsrfGuard {

    /** The cookie holding the session's CSRF token (HttpOnly, SameSite=Strict). */
    public static final String COOKIE = "ac_csrf";

    /** The header the app sends the token back in. */
    public static final String HEADER = CsrfProtection.HEADER;

    static final CsrfProtection PROTECTION = new CsrfProtection(WorkerAppTenantResolver.SESSION_COOKIE, COOKIE);

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        PROTECTION.check(request);
    }
}

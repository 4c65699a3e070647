package nl.alarmcentral.dispatch.web;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import nl.alarmcentral.contract.web.CsrfProtection;

/**
 * Protects the console's session against cross-site request forgery ({@link CsrfProtection}): an
 * action authenticated by the session cookie must carry {@value #HEADER} equal to the HttpOnly
 * cookie {@value #COOKIE}, which only the console's own page learns from {@code GET /app/session}.
 * Bearer-token requests (tools, tests) are not affected.
 */
public class CsrfGuard {

    /** The cookie holding the session's CSRF token (HttpOnly, SameSite=Strict). */
    public static final String COOKIE = "ac_console_csrf";

    /** The header the console sends the token back in. */
    public static final String HEADER = CsrfProtection.HEADER;

    static final CsrfProtection PROTECTION = new CsrfProtection(ConsoleTenantResolver.SESSION_COOKIE, COOKIE);

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        PROTECTION.check(request);
    }
}

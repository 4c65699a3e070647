package nl.alarmcentral.alarm.web;

import jakarta.enterprise.context.ApplicationScoped;

import nl.alarmcentral.contract.web.SessionTenantResolver;

/**
 * The worker app's choice of authentication (see {@link SessionTenantResolver}): bearer tokens for
 * API clients and buttons' tooling, the server-side session of tenant {@value #WEB} for the app in
 * the browser, always on {@code /app/...}.
 */
@ApplicationScoped
public class WorkerAppTenantResolver extends SessionTenantResolver {

    /** Quarkus names the session cookie of tenant {@value #WEB} like this (no cookie suffix here). */
    static final String SESSION_COOKIE = sessionCookieName(null);

    public WorkerAppTenantResolver() {
        super(SESSION_COOKIE, "/app/");
    }
}

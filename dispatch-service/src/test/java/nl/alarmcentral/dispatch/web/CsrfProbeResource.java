package nl.alarmcentral.dispatch.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * Test only: a write that anyone may make, so that {@link ConsoleWebTest} sees the CSRF guard
 * alone (the console's actions belong to the incident API and need a real session).
 */
@Path("/test/csrf-probe")
public class CsrfProbeResource {

    @POST
    @PermitAll
    public void write() {
        // Nothing: only whether the request gets here matters.
    }
}

package nl.alarmcentral.alarm.web;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.web.CsrfProtection;

/**
 * The worker app's session (backend-for-frontend): logging in goes through Keycloak, the service
 * keeps the tokens, and the page gets only "logged in or not" and its CSRF token.
 */
@Path("/app")
@Tag(name = "Worker app")
public class AppSessionResource {

    private final SecurityIdentity identity;
    private final OidcSession session;

    public AppSessionResource(SecurityIdentity identity, OidcSession session) {
        this.identity = identity;
        this.session = session;
    }

    @GET
    @Path("/session")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether the browser has a worker session, and its CSRF token")
    public Response session(@CookieParam(CsrfGuard.COOKIE) String csrfCookie, @Context UriInfo uri) {
        if (identity.isAnonymous() || !identity.hasRole("worker")) {
            return Response.ok(new AppSession(false, null)).build();
        }
        String token = CsrfProtection.tokenFor(csrfCookie);
        return Response.ok(new AppSession(true, token)).cookie(CsrfGuard.PROTECTION.cookie(token, uri.getBaseUri())).build();
    }

    /**
     * Ends this app's session without going through Keycloak: after a withdrawal her account and
     * its Keycloak sessions no longer exist, so only the service's own session cookie is left.
     */
    @POST
    @Path("/session/end")
    @Authenticated
    @Operation(summary = "End the app's session here (used after a withdrawal)")
    public Uni<Response> end() {
        return session.logout().replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/login")
    @Authenticated
    @Operation(summary = "Log in through Keycloak, then back to the app")
    public Response login() {
        return Response.seeOther(URI.create("/")).build();
    }
}

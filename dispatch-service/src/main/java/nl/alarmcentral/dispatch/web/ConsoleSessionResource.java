package nl.alarmcentral.dispatch.web;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import nl.alarmcentral.contract.web.CsrfProtection;

/**
 * The console's session (backend-for-frontend): signing in goes through Keycloak (client
 * {@code dispatch-console}), dispatch-service keeps the tokens, and the page learns only whether
 * someone is signed in, whether that person may use the console, and its CSRF token. Signing out
 * is {@code /app/logout} (Quarkus OIDC, configured in application.properties). The page asks for
 * the session every minute, which also refreshes the tokens in time.
 */
@Path("/app")
@Tag(name = "Console")
public class ConsoleSessionResource {

    private final SecurityIdentity identity;

    public ConsoleSessionResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Path("/session")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether the browser has a console session, may use the console, and its CSRF token")
    public Response session(@CookieParam(CsrfGuard.COOKIE) String csrfCookie, @Context UriInfo uri) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        if (identity.isAnonymous()) {
            return Response.ok(ConsoleSession.signedOut()).cacheControl(noStore).build();
        }
        boolean supervisor = identity.hasRole("supervisor");
        if (!supervisor && !identity.hasRole("dispatcher")) {
            return Response.ok(ConsoleSession.refused()).cacheControl(noStore).build();
        }
        String token = CsrfProtection.tokenFor(csrfCookie);
        return Response.ok(new ConsoleSession(true, true, token, identity.getPrincipal().getName(), supervisor))
                .cookie(CsrfGuard.PROTECTION.cookie(token, uri.getBaseUri())).cacheControl(noStore).build();
    }

    @GET
    @Path("/login")
    @Authenticated
    @Operation(summary = "Sign in through Keycloak, then back to the console")
    public Response login() {
        return Response.seeOther(URI.create("/")).build();
    }
}

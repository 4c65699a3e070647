package nl.alarmcentral.alarm.web;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.Tenant;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import nl.alarmcentral.contract.problem.Unavailability;

/**
 * Lets a worker whose app is signed in raise an alarm while Keycloak cannot be reached.
 *
 * <p>What Quarkus OIDC does without this (checked in its source, 3.33, and on the local stack): the
 * app's session (tenant {@code web}) holds an ID token, an access token (both 5 minutes) and an
 * offline refresh token. While the ID token is valid, no Keycloak call is needed (the realm's keys
 * are cached). Once it has expired, Quarkus refreshes the tokens at Keycloak's token endpoint; if
 * Keycloak is unreachable, the refresh fails and the request is not authenticated (the app gets a
 * challenge instead of a 202): her press would fail exactly when the central is degraded.
 *
 * <p>The rule, for {@code POST /api/alarms} from the app's session only (nothing else is allowed
 * this way): when Quarkus failed to authenticate the session because the refresh could not reach
 * the identity provider (connection refused or reset, timeout, unknown host: see
 * {@link #idpUnreachable}), and not because it refused (an answer such as {@code invalid_grant}, a
 * revoked session, a bad signature), the session's access token is verified by the tenant
 * {@value #GRACE_TENANT}: the same realm and its cached keys, issuer and signature checked as
 * always, but an expiry up to {@code quarkus.oidc.alarm-grace.token.lifespan-grace} ago accepted.
 * The alarm is then raised as her. Quarkus OIDC only gets this far with an ID token whose
 * signature it verified (an expired token is reported only after its signature checked out), so a
 * forged or foreign cookie never reaches the rule. The session is not renewed: once Keycloak is
 * back, the next request refreshes it as usual.
 *
 * <p>The worst case this allows: someone holding her phone with a session Keycloak has revoked
 * while Keycloak is unreachable can raise an alarm in her name. That is a false alarm, not a
 * disclosure; nothing else (PINs, timers, her registration) is allowed on this path.
 */
@ApplicationScoped
public class AlarmSessionWithoutIdp implements HttpAuthenticationMechanism {

    /** The OIDC tenant that verifies an expired session's access token (application.properties). */
    public static final String GRACE_TENANT = "alarm-grace";

    private static final Logger LOG = Logger.getLogger(AlarmSessionWithoutIdp.class);

    /** Mutiny's message when Quarkus OIDC passes on the (missing) cause of a transport failure. */
    private static final String TRANSPORT_FAILURE_WITHOUT_CAUSE = "The supplier returned `null`";

    private final OidcAuthenticationMechanism oidc;
    private final TenantIdentityProvider grace;

    public AlarmSessionWithoutIdp(OidcAuthenticationMechanism oidc, @Tenant(GRACE_TENANT) TenantIdentityProvider grace) {
        this.oidc = oidc;
        this.grace = grace;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!isAlarmFromTheApp(context)) {
            // Not ours: the OIDC mechanism (next in line) authenticates it as always.
            return Uni.createFrom().nullItem();
        }
        return oidc.authenticate(context, identityProviderManager).onFailure().recoverWithUni(failure -> {
            AuthorizationCodeTokens session = context.get(AuthorizationCodeTokens.class.getName());
            if (!(failure instanceof AuthenticationFailedException) || !idpUnreachable(failure)
                    || session == null || session.getAccessToken() == null) {
                return Uni.createFrom().failure(failure);
            }
            LOG.warn("The identity provider is unreachable; an alarm is accepted on the app's expired session");
            return grace.authenticate(new AccessTokenCredential(session.getAccessToken()))
                    .onFailure().transform(refused -> {
                        LOG.infof("An expired session was refused for an alarm (%s)", refused.getClass().getName());
                        return failure;
                    });
        });
    }

    /**
     * Whether authentication failed because the identity provider could not be reached. Quarkus
     * OIDC passes on the cause of a transport failure of its token request (a refused connection
     * arrives as a {@code ConnectException}); a transport failure without a cause (a connect or
     * request timeout) arrives as Mutiny's "The supplier returned `null`" instead, which only that
     * step can produce. An answer of the provider (an error, a refused refresh token) is neither.
     */
    static boolean idpUnreachable(Throwable failure) {
        if (Unavailability.isUnavailable(failure)) {
            return true;
        }
        return failure.getCause() instanceof NullPointerException npe && TRANSPORT_FAILURE_WITHOUT_CAUSE.equals(npe.getMessage());
    }

    /** An alarm from the app in the browser: its session, not a bearer token. */
    private static boolean isAlarmFromTheApp(RoutingContext context) {
        return context.request().method() == HttpMethod.POST
                && "/api/alarms".equals(context.normalizedPath())
                && context.request().getHeader("Authorization") == null;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        // The OIDC mechanism challenges as always.
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return oidc.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        // Before the OIDC mechanism, which it calls itself for the one request it handles.
        return oidc.getPriority() + 1;
    }
}

package nl.alarmcentral.registry.client;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.config.RegistryConfig;

/**
 * Deletes a worker's Keycloak account with registry-service's own service account (client
 * {@code registry-service}, realm-management {@code manage-users}; its secret comes from
 * {@code REGISTRY_SERVICE_CLIENT_SECRET}). Keycloak's address and realm are those of
 * {@code quarkus.oidc.auth-server-url} unless {@code registry.erasure.keycloak-url} /
 * {@code keycloak-realm} say otherwise. An account that is already gone counts as deleted, so the
 * call can be repeated safely.
 */
@ApplicationScoped
public class KeycloakAdminClient {

    private static final String REALMS = "/realms/";

    private final OidcClient serviceAccount;
    private final URI baseUrl;
    private final String realm;
    private final Duration timeout;
    private volatile KeycloakAdminApi api;

    public KeycloakAdminClient(OidcClient serviceAccount, RegistryConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl) {
        this.serviceAccount = serviceAccount;
        String realmUrl = authServerUrl.orElse("").replaceAll("/+$", "");
        int realms = realmUrl.lastIndexOf(REALMS);
        this.baseUrl = URI.create(config.erasure().keycloakUrl()
                .orElse(realms < 0 ? realmUrl : realmUrl.substring(0, realms)).replaceAll("/+$", ""));
        this.realm = config.erasure().keycloakRealm()
                .orElse(realms < 0 ? "alarmcentral" : realmUrl.substring(realms + REALMS.length()));
        this.timeout = config.erasure().stepTimeout();
    }

    /** Deletes her account; completes once Keycloak confirmed it (or said it does not exist). */
    public Uni<Void> deleteUser(String userId) {
        return serviceAccount.getTokens()
                .flatMap(tokens -> api().deleteUser(realm, userId, "Bearer " + tokens.getAccessToken()))
                .replaceWithVoid()
                .onFailure(KeycloakAdminClient::isNotFound).recoverWithNull()
                .ifNoItem().after(timeout).fail();
    }

    private KeycloakAdminApi api() {
        if (api == null) {
            api = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(baseUrl)
                    .connectTimeout(Math.min(timeout.toMillis(), 2000), TimeUnit.MILLISECONDS)
                    .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .build(KeycloakAdminApi.class);
        }
        return api;
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException e && e.getResponse().getStatus() == 404;
    }
}

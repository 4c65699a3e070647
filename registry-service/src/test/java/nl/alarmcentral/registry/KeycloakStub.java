package nl.alarmcentral.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.List;

/**
 * Keycloak's admin API on the OIDC stub server (OidcWiremockTestResource): registry-service
 * derives the admin URL from the realm URL, {@code <keycloak.url>/admin/realms/quarkus/users/{id}}.
 */
public final class KeycloakStub {

    private static final String USERS = "/auth/admin/realms/quarkus/users/";

    private KeycloakStub() {
    }

    /** Every account deletion succeeds. */
    public static void acceptDeletions(WireMockServer server) {
        server.stubFor(delete(urlPathMatching(USERS + ".*")).atPriority(10).willReturn(aResponse().withStatus(204)));
    }

    /** Deleting this account fails (Keycloak down) until {@link #acceptDeletions} or another stub. */
    public static void failDeletionOf(WireMockServer server, String userId) {
        server.stubFor(delete(urlPathEqualTo(USERS + userId)).atPriority(1).willReturn(aResponse().withStatus(503)));
    }

    /** Deleting this account succeeds again. */
    public static void acceptDeletionOf(WireMockServer server, String userId) {
        server.stubFor(delete(urlPathEqualTo(USERS + userId)).atPriority(1).willReturn(aResponse().withStatus(204)));
    }

    /** The DELETE requests for her account, with their headers. */
    public static List<LoggedRequest> deletionsOf(WireMockServer server, String userId) {
        return server.findAll(deleteRequestedFor(urlPathEqualTo(USERS + userId)));
    }
}

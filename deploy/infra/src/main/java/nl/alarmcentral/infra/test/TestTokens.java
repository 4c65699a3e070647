package nl.alarmcentral.infra.test;

import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;

/**
 * Access tokens for component tests that run against {@code OidcWiremockTestResource} (the OIDC
 * server stub of quarkus-test-oidc-server): signed with its key, with the claims our services
 * read from a real Keycloak token: {@code sub} (the worker id), {@code preferred_username},
 * roles and {@code azp} (which client asked).
 *
 * <p>The end-to-end tests use real Keycloak tokens instead.
 */
public final class TestTokens {

    /** Issuer that OidcWiremockTestResource's discovery document announces. */
    public static final String ISSUER = "https://server.example.com";

    private TestTokens() {
    }

    /** A token for a new, unique worker; returns her id with it. */
    public static Subject newWorker() {
        String id = UUID.randomUUID().toString();
        return new Subject(id, token(id, "worker-" + id.substring(0, 8), Set.of("worker"), "demo-cli"));
    }

    /** A token for a person with the given roles. */
    public static String user(String subject, Set<String> roles) {
        return token(subject, "user-" + subject, roles, "demo-cli");
    }

    /** A service-account token of the given client, with the given roles. */
    public static String serviceAccount(String clientId, Set<String> roles) {
        return token("service-account-" + clientId, "service-account-" + clientId, roles, clientId);
    }

    private static String token(String subject, String username, Set<String> roles, String clientId) {
        return Jwt.claims()
                .subject(subject)
                .preferredUserName(username)
                .groups(roles)
                .claim("azp", clientId)
                .issuer(ISSUER)
                .audience("https://service.example.com")
                .jws().keyId("1")
                .sign("privateKey.jwk");
    }

    /**
     * A worker id and a token for her.
     *
     * @param id    her id (the token subject)
     * @param token her bearer token
     */
    public record Subject(String id, String token) {
    }
}

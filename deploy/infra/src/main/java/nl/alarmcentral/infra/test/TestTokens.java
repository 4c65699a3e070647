package nl.alarmcentral.infra.test;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;

/**
 * Access tokens for component tests that run against {@code OidcWiremockTestResource} (the OIDC
 * server stub of quarkus-test-oidc-server): signed with its key, with the claims our services
 * read from a real Keycloak token: {@code sub} (the worker id), {@code preferred_username},
 * roles, {@code azp} (which client asked) and {@code auth_time} (when she typed her password: now,
 * unless a test asks for an older login).
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
        return newWorker(Instant.now());
    }

    /** A token for a new, unique worker who logged in at {@code authTime} (an old login, for step-up tests). */
    public static Subject newWorker(Instant authTime) {
        String id = UUID.randomUUID().toString();
        return new Subject(id, token(id, "worker-" + id.substring(0, 8), Set.of("worker"), "demo-cli", authTime));
    }

    /** Another token for the same worker, from a login at {@code authTime} (e.g. she just signed in again). */
    public static Subject loggedInAgain(Subject worker, Instant authTime) {
        return new Subject(worker.id(), token(worker.id(), "worker-" + worker.id().substring(0, 8), Set.of("worker"),
                "demo-cli", authTime));
    }

    /** A token for a person with the given roles. */
    public static String user(String subject, Set<String> roles) {
        return token(subject, "user-" + subject, roles, "demo-cli", Instant.now());
    }

    /** A service-account token of the given client, with the given roles. */
    public static String serviceAccount(String clientId, Set<String> roles) {
        return token("service-account-" + clientId, "service-account-" + clientId, roles, clientId, Instant.now());
    }

    private static String token(String subject, String username, Set<String> roles, String clientId, Instant authTime) {
        return Jwt.claims()
                .claim("auth_time", authTime.getEpochSecond())
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

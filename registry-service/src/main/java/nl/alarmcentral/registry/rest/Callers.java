package nl.alarmcentral.registry.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;

import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;

/** Who is calling, read from the verified token. */
final class Callers {

    /** Longest account id the database holds (Keycloak ids are 36 characters). */
    private static final int MAX_ID_LENGTH = 64;

    private Callers() {
    }

    /** The worker's own id: the token subject. Every worker endpoint acts on this id only. */
    static String worker(JsonWebToken token) {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > MAX_ID_LENGTH) {
            throw new ProblemException(ProblemType.FORBIDDEN, 403, "This account cannot keep a registration.");
        }
        return subject;
    }

    /** The client that asks (the token's {@code azp}), for the disclosure log. */
    static String client(JsonWebToken token) {
        String client = token.<String>claim("azp").orElse(token.getSubject());
        return client == null ? "unknown" : client.length() > 128 ? client.substring(0, 128) : client;
    }
}

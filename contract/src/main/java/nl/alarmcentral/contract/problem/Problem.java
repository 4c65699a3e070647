package nl.alarmcentral.contract.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error answer of every service
 * ({@code Content-Type: application/problem+json}). {@code type} is stable and documented in
 * {@link ProblemType}; {@code detail} is for people and never contains personal data or internals.
 *
 * @param type       stable identifier of the kind of problem
 * @param title      short summary of the kind of problem
 * @param status     the HTTP status
 * @param detail     what went wrong with this request
 * @param violations   for validation problems: which fields, and why (never their values)
 * @param attemptsLeft for {@link ProblemType#PIN_INCORRECT}: wrong PINs left before PIN entry locks
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Violation> violations,
        Integer attemptsLeft) {

    /** Media type of a problem detail. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, int status, String detail) {
        return new Problem(type.uri(), type.title(), status, detail, null, null);
    }

    /**
     * One invalid field.
     *
     * @param field   the field, as the client named it
     * @param message why it is invalid
     */
    public record Violation(String field, String message) {
    }
}

package nl.alarmcentral.contract.problem;

import java.time.Duration;

/**
 * Thrown by a service to answer with a specific problem. The message is the problem's
 * {@code detail}, shown to the client: never put personal data in it.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final int status;
    private final Duration retryAfter;
    private Integer attemptsLeft;

    public ProblemException(ProblemType type, int status, String detail) {
        this(type, status, detail, null, null);
    }

    public ProblemException(ProblemType type, int status, String detail, Duration retryAfter, Throwable cause) {
        super(detail, cause);
        this.type = type;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, 404, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, 409, detail);
    }

    /** 503 with a {@code Retry-After} header: the client should try again, nothing was done. */
    public static ProblemException unavailable(String detail, Duration retryAfter, Throwable cause) {
        return new ProblemException(ProblemType.UNAVAILABLE, 503, detail, retryAfter, cause);
    }

    /** Adds how many PIN tries are left (for {@link ProblemType#PIN_INCORRECT}). */
    public ProblemException withAttemptsLeft(int attempts) {
        this.attemptsLeft = attempts;
        return this;
    }

    /** PIN tries left, or null. */
    public Integer attemptsLeft() {
        return attemptsLeft;
    }

    public ProblemType type() {
        return type;
    }

    public int status() {
        return status;
    }

    /** How long the client should wait before retrying, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

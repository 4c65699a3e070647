package nl.alarmcentral.contract.problem;

/**
 * The stable {@code type} values of {@link Problem}. Clients may branch on them; add new ones,
 * never change the meaning of an existing one.
 */
public enum ProblemType {
    /** The body or a parameter is not valid; {@code violations} says which fields. */
    VALIDATION("validation", "The request is not valid"),
    /** The body is not readable JSON of the expected shape. */
    MALFORMED("malformed-request", "The request body cannot be read"),
    /** Not logged in, or the token is not valid. */
    UNAUTHENTICATED("unauthenticated", "Authentication is required"),
    /** Logged in, but not allowed to do this. */
    FORBIDDEN("forbidden", "Not allowed"),
    /** The thing asked for does not exist (or is not visible to the caller). */
    NOT_FOUND("not-found", "Not found"),
    /** The request conflicts with the current state. */
    CONFLICT("conflict", "Conflict"),
    /** A wrong PIN; {@code attemptsLeft} says how many tries are left before PIN entry locks. */
    PIN_INCORRECT("pin-incorrect", "The PIN is not correct"),
    /** Too many wrong PINs: PIN entry is locked until {@code Retry-After}. Never stops an alarm. */
    PIN_LOCKED("pin-locked", "PIN entry is locked"),
    /** She has not set her cancel and duress PINs yet. */
    PINS_NOT_SET("pins-not-set", "No PINs are set"),
    /**
     * A sensitive action needs a fresh proof that it is her (her PIN, or a recent login); the
     * login alone is not enough. Nothing was done or read.
     */
    STEP_UP_REQUIRED("step-up-required", "Confirm it is you"),
    /** The safety timer was already confirmed or has run out. */
    TIMER_NOT_RUNNING("timer-not-running", "The check-in is not running"),
    /** The body is larger than this endpoint accepts. */
    TOO_LARGE("too-large", "The request is too large"),
    /** Other client errors (wrong method, media type, ...). */
    BAD_REQUEST("bad-request", "Bad request"),
    /** A dependency (the broker, the database) is unavailable; retry after {@code Retry-After}. */
    UNAVAILABLE("unavailable", "Temporarily unavailable"),
    /** A fault on our side; the detail carries an error id that is also in our log. */
    INTERNAL("internal", "Internal error");

    private static final String PREFIX = "urn:alarmcentral:problem:";

    private final String slug;
    private final String title;

    ProblemType(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public String uri() {
        return PREFIX + slug;
    }

    public String title() {
        return title;
    }

    /** The type that fits a status code, for errors that carry no type of their own. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 413 -> TOO_LARGE;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : BAD_REQUEST;
        };
    }
}

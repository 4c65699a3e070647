package nl.alarmcentral.registry.service;

/**
 * A field that passed Bean Validation but breaks a rule that spans values (a repeated procedure
 * step, an unknown language code, a text version that is not the current one). Answered as a
 * validation problem naming the field ({@code InvalidInputMapper}); the message never quotes the
 * value.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

package nl.alarmcentral.contract.messaging;

/**
 * An event that no retry can make processable (unknown type, unreadable payload, a required field
 * missing): it goes to the dead-letter topic at once. The message names the type and the problem,
 * never a payload value.
 */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String message) {
        super(message);
    }
}

package nl.alarmcentral.infra;

/** Infrastructure could not be started or reached; the message says what to look at. */
public class InfraException extends RuntimeException {

    public InfraException(String message) {
        super(message);
    }

    public InfraException(String message, Throwable cause) {
        super(message, cause);
    }
}

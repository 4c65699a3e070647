package nl.alarmcentral.alarm.service;

/**
 * A record on {@code device.bindings} that no retry can make usable (not JSON of the contract's
 * shape, a key that is not its device id, a secret that does not decrypt). It is skipped, so that
 * later bindings still apply. The message names the problem, never a value.
 */
public class UnreadableDeviceBindingException extends RuntimeException {

    private final String reason;

    /**
     * @param reason  the metric's reason tag, one of {@code DeviceMetrics.SKIPPED_*}
     * @param message what is wrong, without values
     */
    public UnreadableDeviceBindingException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}

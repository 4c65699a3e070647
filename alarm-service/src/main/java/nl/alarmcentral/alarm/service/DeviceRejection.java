package nl.alarmcentral.alarm.service;

/**
 * Why a button's request was refused, as counted in the metric
 * {@code alarmcentral_device_events_rejected_total{reason}}. The button itself only ever gets one
 * generic 401 (or a 400 for {@link #MALFORMED}), so that an attacker cannot learn which check
 * failed; operations see the reasons, never the device.
 */
public enum DeviceRejection {
    /** No button with this id is bound. */
    UNKNOWN_DEVICE("unknown_device"),
    /** The signature is missing, of the wrong form, or wrong (also: a missing or unreadable timestamp header). */
    BAD_SIGNATURE("bad_signature"),
    /** Correctly signed, but the timestamp is outside the clock-skew window. */
    STALE_TIMESTAMP("stale_timestamp"),
    /** A request that was accepted before, sent again. */
    REPLAY("replay"),
    /** Correctly signed, but the body is not a valid event (answered 400). */
    MALFORMED("malformed");

    private final String tag;

    DeviceRejection(String tag) {
        this.tag = tag;
    }

    /** The value of the metric's {@code reason} tag. */
    public String tag() {
        return tag;
    }
}

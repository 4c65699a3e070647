package nl.alarmcentral.registry.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a coordinator sends to bind a button.
 *
 * @param deviceId                 the button's id: 1 to 64 letters, digits, {@code . _ : -} (the
 *                                 same rule as alarm-service, since it is part of the button's URL)
 * @param enrolmentCode            the code the worker gave her
 * @param heartbeatIntervalSeconds how often the button reports in, 30 to 86400 (default 300)
 */
public record DeviceBindRequest(
        @NotNull @Pattern(regexp = DEVICE_ID) String deviceId,
        @NotBlank @Size(max = 32) String enrolmentCode,
        @Min(30) @Max(86400) Integer heartbeatIntervalSeconds) {

    /** A device id, as alarm-service accepts it. */
    public static final String DEVICE_ID = "[A-Za-z0-9._:-]{1,64}";

    /** When the request does not say. */
    public static final int DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 300;

    /** The interval asked for, or the default. */
    public int heartbeatIntervalOrDefault() {
        return heartbeatIntervalSeconds == null ? DEFAULT_HEARTBEAT_INTERVAL_SECONDS : heartbeatIntervalSeconds;
    }
}

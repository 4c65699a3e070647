package nl.alarmcentral.alarm.service;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;

/**
 * The counters operations watch for hardware buttons. Tags carry reasons and event types only:
 * never a device id, worker id or address, so a dashboard cannot show who uses a button. Every
 * counter is registered at startup, so a rate of zero is visible as zero instead of missing.
 *
 * <ul>
 * <li>{@code alarmcentral_device_events_rejected_total{reason}}: refused requests, by {@link DeviceRejection}</li>
 * <li>{@code alarmcentral_device_events_accepted_total{type}}: accepted requests, by {@link DeviceEventType}</li>
 * <li>{@code alarmcentral_device_offline_warnings_total}: {@code device.offline} warnings published</li>
 * <li>{@code alarmcentral_device_bindings_skipped_total{reason}}: unreadable records on {@code device.bindings}</li>
 * </ul>
 */
// Created at start, not at first use: every series shows from the first scrape, zeros as zeros.
@Startup
@ApplicationScoped
public class DeviceMetrics {

    /** The one detail every refused request gets, whatever check failed. */
    static final String UNAUTHENTICATED_DETAIL = "The request could not be authenticated as coming from a bound device.";

    /** Reasons for skipping a binding record. */
    public static final String SKIPPED_UNREADABLE = "unreadable";
    public static final String SKIPPED_UNDECRYPTABLE = "undecryptable";
    public static final String SKIPPED_UNKNOWN_TYPE = "unknown_type";

    private final Map<DeviceRejection, Counter> rejected = new EnumMap<>(DeviceRejection.class);
    private final Map<DeviceEventType, Counter> accepted = new EnumMap<>(DeviceEventType.class);
    private final Map<String, Counter> skipped;
    private final Counter offlineWarnings;

    public DeviceMetrics(MeterRegistry registry) {
        for (DeviceRejection reason : DeviceRejection.values()) {
            rejected.put(reason, Counter.builder("alarmcentral.device.events.rejected")
                    .description("Requests from hardware buttons that were refused, by reason")
                    .tag("reason", reason.tag())
                    .register(registry));
        }
        for (DeviceEventType type : DeviceEventType.values()) {
            accepted.put(type, Counter.builder("alarmcentral.device.events.accepted")
                    .description("Requests from hardware buttons that were accepted, by event type")
                    .tag("type", type.name())
                    .register(registry));
        }
        skipped = Map.of(
                SKIPPED_UNREADABLE, skippedCounter(registry, SKIPPED_UNREADABLE),
                SKIPPED_UNDECRYPTABLE, skippedCounter(registry, SKIPPED_UNDECRYPTABLE),
                SKIPPED_UNKNOWN_TYPE, skippedCounter(registry, SKIPPED_UNKNOWN_TYPE));
        offlineWarnings = Counter.builder("alarmcentral.device.offline.warnings")
                .description("Warnings published because a hardware button stopped sending heartbeats")
                .register(registry);
    }

    private static Counter skippedCounter(MeterRegistry registry, String reason) {
        return Counter.builder("alarmcentral.device.bindings.skipped")
                .description("Records on device.bindings that could not be read and were skipped, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    /** Counts a refused request and returns the generic 401 to answer it with. */
    public ProblemException unauthenticated(DeviceRejection reason) {
        rejected(reason);
        return new ProblemException(ProblemType.UNAUTHENTICATED, 401, UNAUTHENTICATED_DETAIL);
    }

    /** Counts a refused request. */
    public void rejected(DeviceRejection reason) {
        rejected.get(reason).increment();
    }

    /** Counts an accepted request. */
    public void accepted(DeviceEventType type) {
        accepted.get(type).increment();
    }

    /** Counts published offline warnings. */
    public void offlineWarnings(int count) {
        offlineWarnings.increment(count);
    }

    /** Counts a skipped binding record; {@code reason} is one of the {@code SKIPPED_*} constants. */
    public void bindingSkipped(String reason) {
        skipped.get(reason).increment();
    }
}

package nl.alarmcentral.registry.service;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The counters operations watch for enrolling buttons. Tags carry reasons only, never a device id,
 * worker id or coordinator; every counter is registered at startup, so a rate of zero shows as zero.
 *
 * <ul>
 * <li>{@code alarmcentral_devices_bound_total}: buttons bound</li>
 * <li>{@code alarmcentral_devices_unbound_total{by}}: buttons unbound, by {@link UnboundBy}</li>
 * <li>{@code alarmcentral_enrolment_codes_issued_total}: enrolment codes given to workers</li>
 * <li>{@code alarmcentral_enrolment_codes_refused_total{reason}}: codes refused, by {@link EnrolmentRefusal}</li>
 * <li>{@code alarmcentral_device_bindings_unpublished_total{operation}}: bindings or unbindings
 * the broker did not acknowledge in time (answered 503 and rolled back)</li>
 * </ul>
 */
// Created at start, not at first use: every series shows from the first scrape, zeros as zeros.
@Startup
@ApplicationScoped
public class DeviceMetrics {

    /** Who ended a binding. */
    public enum UnboundBy {
        /** She unbound her own button. */
        WORKER,
        /** A coordinator unbound it. */
        COORDINATOR,
        /** She withdrew: all her buttons were unbound. */
        WITHDRAWAL;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What could not be published: {@code bind} or {@code unbind}. */
    static final String BIND = "bind";
    static final String UNBIND = "unbind";

    private final Counter bound;
    private final Counter issued;
    private final Map<UnboundBy, Counter> unbound = new EnumMap<>(UnboundBy.class);
    private final Map<EnrolmentRefusal, Counter> refused = new EnumMap<>(EnrolmentRefusal.class);
    private final Map<String, Counter> unpublished;

    public DeviceMetrics(MeterRegistry registry) {
        bound = Counter.builder("alarmcentral.devices.bound").description("Buttons bound to a worker").register(registry);
        issued = Counter.builder("alarmcentral.enrolment.codes.issued").description("Enrolment codes given to workers")
                .register(registry);
        for (UnboundBy by : UnboundBy.values()) {
            unbound.put(by, Counter.builder("alarmcentral.devices.unbound").description("Buttons unbound, by who ended it")
                    .tag("by", by.tag()).register(registry));
        }
        for (EnrolmentRefusal reason : EnrolmentRefusal.values()) {
            refused.put(reason, Counter.builder("alarmcentral.enrolment.codes.refused")
                    .description("Enrolment codes refused when binding a button, by reason")
                    .tag("reason", reason.tag()).register(registry));
        }
        unpublished = Map.of(BIND, unpublishedCounter(registry, BIND), UNBIND, unpublishedCounter(registry, UNBIND));
    }

    private static Counter unpublishedCounter(MeterRegistry registry, String operation) {
        return Counter.builder("alarmcentral.device.bindings.unpublished")
                .description("Bindings or unbindings the broker did not acknowledge in time; nothing was changed")
                .tag("operation", operation).register(registry);
    }

    void bound() {
        bound.increment();
    }

    void unbound(UnboundBy by, int count) {
        unbound.get(by).increment(count);
    }

    void issued() {
        issued.increment();
    }

    void refused(EnrolmentRefusal reason) {
        refused.get(reason).increment();
    }

    void unpublished(String operation) {
        unpublished.get(operation).increment();
    }
}

package nl.alarmcentral.registry.service;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import nl.alarmcentral.registry.RefusalReason;

/**
 * The registry's numbers for ops, never its people. Labels are closed sets (outcomes, reasons,
 * steps); no label ever carries an id.
 * <ul>
 * <li>{@code alarmcentral_disclosures_total{outcome="granted"|"refused", reason}}: card requests
 * ({@code reason="none"} when granted, else a {@link RefusalReason} in lower case). Her own
 * exports are not counted here.</li>
 * <li>{@code alarmcentral_registrations_not_durable_total}: first profile saves answered 503
 * because the broker did not take the registration in time.</li>
 * <li>{@code alarmcentral_erasure_step_failures_total{step="vault_key"|"data"|"tombstone"|"account"}}: a step
 * of a withdrawal failed and will be retried.</li>
 * <li>{@code alarmcentral_erasures_unfinished}: withdrawals with a step still to do (as of the
 * last retry run). Her data is unreadable already; a value that stays above zero needs a look.</li>
 * </ul>
 */
// Created at start, not at first use: every series shows from the first scrape, zeros as zeros.
@Startup
@ApplicationScoped
public class RegistryMetrics {

    /** The steps of a withdrawal after the key is gone. */
    public enum ErasureStep {
        VAULT_KEY, DATA, TOMBSTONE, ACCOUNT
    }

    private final Counter granted;
    private final Map<RefusalReason, Counter> refused = new EnumMap<>(RefusalReason.class);
    private final Counter registrationsNotDurable;
    private final Map<ErasureStep, Counter> erasureStepFailures = new EnumMap<>(ErasureStep.class);
    private final AtomicLong erasuresUnfinished = new AtomicLong();

    public RegistryMetrics(MeterRegistry registry) {
        granted = disclosures(registry, "granted", "none");
        for (RefusalReason reason : RefusalReason.values()) {
            refused.put(reason, disclosures(registry, "refused", reason.label()));
        }
        registrationsNotDurable = Counter.builder("alarmcentral.registrations.not.durable")
                .description("First profile saves answered 503 because the broker did not take the registration in time")
                .register(registry);
        for (ErasureStep step : ErasureStep.values()) {
            erasureStepFailures.put(step, Counter.builder("alarmcentral.erasure.step.failures")
                    .description("Steps of a withdrawal that failed and will be retried")
                    .tag("step", step.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry));
        }
        Gauge.builder("alarmcentral.erasures.unfinished", erasuresUnfinished, AtomicLong::get)
                .description("Withdrawals with a step still to do, as of the last retry run")
                .register(registry);
    }

    private static Counter disclosures(MeterRegistry registry, String outcome, String reason) {
        return Counter.builder("alarmcentral.disclosures")
                .description("Dispatch-card requests, by outcome and reason for a refusal")
                .tag("outcome", outcome).tag("reason", reason)
                .register(registry);
    }

    void cardGranted() {
        granted.increment();
    }

    void cardRefused(RefusalReason reason) {
        refused.get(reason).increment();
    }

    void registrationNotDurable() {
        registrationsNotDurable.increment();
    }

    void erasureStepFailed(ErasureStep step) {
        erasureStepFailures.get(step).increment();
    }

    void erasuresUnfinished(long count) {
        erasuresUnfinished.set(count);
    }
}

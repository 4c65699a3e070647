package nl.alarmcentral.alarm.service;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import nl.alarmcentral.alarm.PinOutcome;
import nl.alarmcentral.alarm.PinPurpose;

/**
 * Counts PIN attempts for ops ({@code alarmcentral_pin_attempts_total{purpose,outcome}}): labelled only by
 * purpose and outcome, never by worker, alarm or timer, and with no outcome for the duress PIN
 * (see {@link PinOutcome}). Every series exists from the start, so a dashboard shows zeros rather
 * than gaps.
 */
// Created at start, not at first use: every series shows from the first scrape, zeros as zeros.
@Startup
@ApplicationScoped
public class PinMetrics {

    private final Map<PinPurpose, Map<PinOutcome, Counter>> counters = new EnumMap<>(PinPurpose.class);

    public PinMetrics(MeterRegistry registry) {
        for (PinPurpose purpose : PinPurpose.values()) {
            Map<PinOutcome, Counter> byOutcome = new EnumMap<>(PinOutcome.class);
            for (PinOutcome outcome : PinOutcome.values()) {
                byOutcome.put(outcome, Counter.builder("alarmcentral.pin.attempts")
                        .description("PIN attempts by purpose and outcome (a duress PIN counts as ACCEPTED)")
                        .tag("purpose", purpose.name())
                        .tag("outcome", outcome.name())
                        .register(registry));
            }
            counters.put(purpose, byOutcome);
        }
    }

    public void attempt(PinPurpose purpose, PinOutcome outcome) {
        counters.get(purpose).get(outcome).increment();
    }
}

package nl.alarmcentral.alarm.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts safety timers for ops: started, missed (became an alarm because they ran out) and
 * confirmed. No labels at all, so nothing points at a worker. A confirmation with the duress PIN
 * counts as confirmed, as it looks to her: the numbers never reveal a duress.
 */
// Created at start, not at first use: every series shows from the first scrape, zeros as zeros.
@Startup
@ApplicationScoped
public class TimerMetrics {

    private final Counter started;
    private final Counter missed;
    private final Counter confirmed;

    public TimerMetrics(MeterRegistry registry) {
        started = Counter.builder("alarmcentral.safety.timers.started").description("Safety timers started").register(registry);
        missed = Counter.builder("alarmcentral.safety.timers.missed")
                .description("Safety timers that ran out and became a missed check-in alarm").register(registry);
        confirmed = Counter.builder("alarmcentral.safety.timers.confirmed")
                .description("Safety timers confirmed with a PIN (cancel or duress)").register(registry);
    }

    public void started() {
        started.increment();
    }

    public void missed() {
        missed.increment();
    }

    public void confirmed() {
        confirmed.increment();
    }
}

package nl.alarmcentral.alarm.service;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;

/**
 * Counts alarms for ops: {@code alarmcentral_alarms_received_total{channel,kind}} for every alarm
 * made durable (a repeated press counts once), and {@code alarmcentral_alarms_not_durable_total}
 * for every request answered 503 because the broker did not take the alarm in time. Labels are
 * the closed sets of channels and kinds, never ids.
 */
// Created at start, not at first use: every series shows from the first scrape, zeros as zeros.
@Startup
@ApplicationScoped
public class AlarmMetrics {

    private final Map<AlarmChannel, Map<AlarmKind, Counter>> received = new EnumMap<>(AlarmChannel.class);
    private final Counter notDurable;

    public AlarmMetrics(MeterRegistry registry) {
        for (AlarmChannel channel : AlarmChannel.values()) {
            Map<AlarmKind, Counter> byKind = new EnumMap<>(AlarmKind.class);
            for (AlarmKind kind : AlarmKind.values()) {
                byKind.put(kind, Counter.builder("alarmcentral.alarms.received")
                        .description("Alarms made durable, by channel and kind")
                        .tag("channel", channel.name()).tag("kind", kind.name())
                        .register(registry));
            }
            received.put(channel, byKind);
        }
        notDurable = Counter.builder("alarmcentral.alarms.not.durable")
                .description("Alarm requests answered 503 because the broker did not take them in time")
                .register(registry);
    }

    void received(AlarmChannel channel, AlarmKind kind) {
        received.get(channel).get(kind).increment();
    }

    void notDurable() {
        notDurable.increment();
    }
}

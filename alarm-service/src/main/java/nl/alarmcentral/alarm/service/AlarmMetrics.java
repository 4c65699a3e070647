package nl.alarmcentral.alarm.service;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;

/**
 * Counts alarms for ops. Labels are closed sets (channels, kinds, stores), never ids.
 * <ul>
 * <li>{@code alarmcentral_alarms_received_total{channel,kind,store}}: alarms accepted (a repeated
 * press counts once); {@code store} says which store made it durable first: {@code database} (the
 * normal case, also when the broker was away) or {@code broker} (the database was away).</li>
 * <li>{@code alarmcentral_alarms_not_durable_total}: presses answered 503 because neither store
 * took the alarm in time.</li>
 * <li>{@code alarmcentral_alarms_unpublished}: alarms durable in the database that the broker has
 * not acknowledged yet (counted by the relay, see {@link EventRelay}); above zero for more than a
 * few seconds means dispatch is not getting alarms.</li>
 * </ul>
 */
// Created at start, not at first use: every series shows from the first scrape, zeros as zeros.
@Startup
@ApplicationScoped
public class AlarmMetrics {

    /** Where an alarm was first made durable. */
    public enum Store {
        /** The alarm row in PostgreSQL (published at once or by the relay). */
        DATABASE,
        /** The broker alone; the row follows from the topic. */
        BROKER;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Store, Map<AlarmChannel, Map<AlarmKind, Counter>>> received = new EnumMap<>(Store.class);
    private final Counter notDurable;
    private final AtomicLong unpublished = new AtomicLong();

    public AlarmMetrics(MeterRegistry registry) {
        for (Store store : Store.values()) {
            Map<AlarmChannel, Map<AlarmKind, Counter>> byChannel = new EnumMap<>(AlarmChannel.class);
            for (AlarmChannel channel : AlarmChannel.values()) {
                Map<AlarmKind, Counter> byKind = new EnumMap<>(AlarmKind.class);
                for (AlarmKind kind : AlarmKind.values()) {
                    byKind.put(kind, Counter.builder("alarmcentral.alarms.received")
                            .description("Alarms accepted, by channel, kind and the store that made them durable first")
                            .tag("channel", channel.name()).tag("kind", kind.name()).tag("store", store.label())
                            .register(registry));
                }
                byChannel.put(channel, byKind);
            }
            received.put(store, byChannel);
        }
        notDurable = Counter.builder("alarmcentral.alarms.not.durable")
                .description("Alarm requests answered 503 because neither the database nor the broker took them in time")
                .register(registry);
        Gauge.builder("alarmcentral.alarms.unpublished", unpublished, AtomicLong::get)
                .description("Alarms durable in the database that the broker has not acknowledged yet")
                .register(registry);
    }

    void received(AlarmChannel channel, AlarmKind kind, Store store) {
        received.get(store).get(channel).get(kind).increment();
    }

    void notDurable() {
        notDurable.increment();
    }

    void unpublished(long count) {
        unpublished.set(count);
    }
}

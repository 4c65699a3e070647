package nl.alarmcentral.alarm.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import nl.alarmcentral.alarm.config.PinConfig;

/**
 * Wrong PINs per client address, next to the per-worker lock: the per-worker lock stops guessing
 * one worker's PINs, this stops one address from guessing across many workers' accounts (five
 * tries each). Once an address entered {@link PinConfig#maxWrongPerAddress()} wrong PINs within
 * {@link PinConfig#addressWindow()}, every PIN from it is answered as locked until the oldest of
 * them leaves the window; for both PINs alike, and a duress PIN still escalates (see
 * {@link PinService}).
 *
 * <p>In memory, per instance: it needs no database round trip on the PIN path and loses nothing
 * that matters on a restart (the durable per-worker lock stays). With n instances an address gets
 * at most n times the limit. At most {@link PinConfig#maxTrackedAddresses()} addresses are kept,
 * the longest untouched dropped first, so a flood of addresses cannot exhaust memory.
 *
 * <p>The address is the request's remote address; behind a proxy that is the proxy's, until
 * issue 15 makes it proxy-aware (then every worker behind one proxy would share a limit: keep the
 * limit well above what one person types).
 */
@ApplicationScoped
public class PinAddressLimiter {

    private final PinConfig config;
    private final Map<String, Deque<Instant>> wrong;

    public PinAddressLimiter(PinConfig config) {
        this.config = config;
        int max = Math.max(1, config.maxTrackedAddresses());
        this.wrong = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * How long PIN entry from {@code address} stays refused, or null when it is not.
     *
     * @param address the client address, or null when unknown (never refused)
     */
    public synchronized Duration blockedFor(String address, Instant now) {
        if (address == null) {
            return null;
        }
        Deque<Instant> times = wrong.get(address);
        if (times == null) {
            return null;
        }
        prune(times, now);
        if (times.isEmpty()) {
            wrong.remove(address);
            return null;
        }
        if (times.size() < config.maxWrongPerAddress()) {
            return null;
        }
        return Duration.between(now, times.peekFirst().plus(config.addressWindow()));
    }

    /** Counts a wrong PIN from {@code address} (ignored when unknown). */
    public synchronized void wrong(String address, Instant now) {
        if (address == null) {
            return;
        }
        Deque<Instant> times = wrong.computeIfAbsent(address, ignored -> new ArrayDeque<>());
        prune(times, now);
        times.addLast(now);
        // Never more than the limit is needed to decide; older ones only cost memory.
        while (times.size() > config.maxWrongPerAddress()) {
            times.removeFirst();
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant windowStart = now.minus(config.addressWindow());
        while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
            times.removeFirst();
        }
    }
}

package nl.alarmcentral.alarm.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers that a store (the database or the broker) just failed, so that the next presses do not
 * each wait for it to fail again: while open, {@link #allow()} says no, except for one caller every
 * retry interval, which tries the store again; any success closes it. A small circuit breaker,
 * kept in memory per instance.
 */
final class StoreBreaker {

    /** {@link System#nanoTime()} before which nobody may try the store; meaningful while open. */
    private final AtomicLong closedUntil = new AtomicLong();
    private final long retryNanos;
    private volatile boolean open;

    StoreBreaker(Duration retryInterval) {
        this.retryNanos = retryInterval.toNanos();
    }

    /** Whether the caller should try the store now. */
    boolean allow() {
        if (!open) {
            return true;
        }
        long now = System.nanoTime();
        long until = closedUntil.get();
        // One trial per interval: the caller that moves the deadline is the one that tries.
        return now - until >= 0 && closedUntil.compareAndSet(until, now + retryNanos);
    }

    /** The store failed or did not answer in time. */
    void failed() {
        closedUntil.set(System.nanoTime() + retryNanos);
        open = true;
    }

    /** The store worked. */
    void succeeded() {
        open = false;
    }

    /** Whether the last attempt failed (and no success came since). */
    boolean isOpen() {
        return open;
    }
}

package nl.alarmcentral.launcher;

import java.time.Duration;

/**
 * How long the supervisor waits before it starts a child again that exited: doubling from
 * {@code first} up to {@code max} while the child keeps failing, and from {@code first} again once
 * it had been ready for {@code stableAfter}. A crash then costs a second, and a child that fails
 * on every start (a full disk, a taken port) is retried for as long as it takes without keeping
 * the machine busy.
 *
 * @param first       the wait after the first exit
 * @param max         the longest wait
 * @param stableAfter how long a child must have been ready for its next exit to count as a first one
 */
record Backoff(Duration first, Duration max, Duration stableAfter) {

    /** The local stack's schedule: 1 s, 2 s, 4 s ... 30 s; back to 1 s after a minute of being ready. */
    static final Backoff STANDARD = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));

    /** The wait before the next start, after {@code failures} earlier exits in a row (0 for the first exit). */
    Duration delay(int failures) {
        Duration delay = first;
        for (int i = 0; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) < 0 ? delay : max;
    }
}

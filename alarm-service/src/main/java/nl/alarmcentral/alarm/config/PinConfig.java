package nl.alarmcentral.alarm.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration of the cancel and duress PINs ({@code alarm.pins.*}): how expensive a PIN hash is
 * and when PIN entry locks. See {@code docs/pins-and-timers.md} for why these values.
 */
@ConfigMapping(prefix = "alarm.pins")
public interface PinConfig {

    /**
     * PBKDF2-HMAC-SHA256 iterations for newly set PINs (OWASP's figure for PBKDF2-SHA256). Measured
     * on our 2-core machines: about 140 ms per hash, so a PIN check (always against both hashes)
     * takes about 0.3 s. Stored with each hash, so raising it later does not break existing PINs.
     */
    @WithDefault("600000")
    int iterations();

    /** Wrong PINs within {@link #attemptWindow()} after which PIN entry locks. */
    @WithDefault("5")
    int maxWrongAttempts();

    /** The window in which wrong PINs are counted. */
    @WithDefault("15m")
    Duration attemptWindow();

    /** How long PIN entry stays locked. A lock never stops an alarm; it only stops cancelling. */
    @WithDefault("15m")
    Duration lockDuration();

    /**
     * Threads that compute PIN hashes. One keeps a burst of PIN checks from taking more than one
     * core away from alarms; raise it on machines with more cores.
     */
    @WithDefault("1")
    int hashThreads();

    /**
     * The pepper: a server-side secret (base64 of at least 32 random bytes, {@code openssl rand
     * -base64 32}) under which every PIN is keyed (HMAC-SHA256) before PBKDF2, so that a stolen
     * database alone does not give the PINs away by trying all million of them. From the secret
     * {@code ALARM_PINS_PEPPER}; never in the database, the repository or a log. The service does
     * not start without it. Losing it makes every PIN set since it was introduced unusable (she
     * sets new ones); older hashes without a pepper keep working until she does.
     */
    Optional<String> pepper();

    /**
     * Wrong PINs one client address may enter within {@link #addressWindow()}, for any worker,
     * before every PIN from that address is answered as locked: this bounds guessing across many
     * workers' accounts, which the per-worker lock alone does not. High enough that many workers
     * behind one address (a phone carrier's shared address, or a proxy until issue 15) do not lock
     * each other out by their own typos: 100 is twenty accounts' worth of guesses.
     */
    @WithDefault("100")
    int maxWrongPerAddress();

    /** The window in which wrong PINs from one address are counted. */
    @WithDefault("15m")
    Duration addressWindow();

    /**
     * How many client addresses are tracked at most (in memory); the oldest are dropped beyond
     * that, so a flood of addresses cannot exhaust memory.
     */
    @WithDefault("100000")
    int maxTrackedAddresses();
}

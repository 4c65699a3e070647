package nl.alarmcentral.alarm.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import nl.alarmcentral.alarm.config.PinConfig;

/**
 * Hashes and checks PINs with PBKDF2-HMAC-SHA256 from the JDK: a random 16-byte salt per PIN and a
 * configurable iteration count (see {@link PinConfig#iterations()} for the measured cost). A four
 * to six digit PIN has at most a million values, so only the cost per guess and the lockout keep a
 * stolen database from giving the PINs away; the hashes are never shown to anyone.
 *
 * <p>Hashing takes a noticeable fraction of a second, so it never runs on the event loop: it runs
 * on a small pool of its own (one thread by default), which also bounds how much CPU a burst of
 * PIN checks can take from alarms; the result comes back on the caller's Vert.x context, where the
 * database session lives.
 *
 * <p>The PIN is first keyed with HMAC-SHA256 under a server-side secret, the pepper
 * ({@link PinConfig#pepper()}), which is never in the database: a stolen database then yields no
 * PIN by trying all million of them, because every guess needs the pepper too. Without a usable
 * pepper the service does not start.
 *
 * <p>Stored formats (self-describing, so old hashes keep verifying):
 * <ul>
 * <li>{@code hmac-pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}: PBKDF2 of the
 * base64 of HMAC-SHA256(pepper, PIN). Every PIN set now.</li>
 * <li>{@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}: PBKDF2 of the PIN alone,
 * from before the pepper. Still verified, so nobody is locked out; replaced when she next sets her
 * PINs.</li>
 * </ul>
 */
@ApplicationScoped
@Startup
public class PinHasher {

    /** The format of every hash written now. */
    static final String PEPPERED = "hmac-pbkdf2-sha256";
    /** The format from before the pepper: verified, never written. */
    static final String UNPEPPERED = "pbkdf2-sha256";
    private static final int MIN_PEPPER_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final SecureRandom random = new SecureRandom();
    private final AtomicLong computed = new AtomicLong();
    private final int iterations;
    private final SecretKeySpec pepper;
    private final ExecutorService executor;

    public PinHasher(PinConfig config) {
        this.iterations = config.iterations();
        this.pepper = pepperOf(config);
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, config.hashThreads()), runnable -> {
            Thread thread = new Thread(runnable, "pin-hashing-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Which of her two PINs a PIN is. */
    public enum Match {
        CANCEL, DURESS, NEITHER
    }

    /** The hashes of her two PINs (off the event loop). */
    public Uni<String[]> hashBoth(String cancelPin, String duressPin) {
        return offLoop(() -> new String[] { hash(cancelPin), hash(duressPin) });
    }

    /**
     * Which of her PINs {@code pin} is (off the event loop). It is always checked against both
     * hashes, whatever the first one says, so a duress PIN takes as long as a cancel PIN.
     */
    public Uni<Match> match(String pin, String cancelHash, String duressHash) {
        return offLoop(() -> {
            boolean cancel = verify(pin, cancelHash);
            boolean duress = verify(pin, duressHash);
            // Both PINs are different by construction; if they ever were not, help wins.
            return duress ? Match.DURESS : cancel ? Match.CANCEL : Match.NEITHER;
        });
    }

    /** A new salted, peppered hash of a PIN with the configured cost. */
    public String hash(String pin) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return PEPPERED + "$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(pbkdf2(keyed(pin), salt, iterations));
    }

    /**
     * Whether {@code pin} is the PIN behind {@code stored} (either format), compared in constant
     * time.
     */
    public boolean verify(String pin, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !(PEPPERED.equals(parts[0]) || UNPEPPERED.equals(parts[0]))) {
            throw new IllegalStateException("Unknown PIN hash format");
        }
        String secret = PEPPERED.equals(parts[0]) ? keyed(pin) : pin;
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, pbkdf2(secret, salt, Integer.parseInt(parts[1])));
    }

    /** The PIN keyed under the pepper, as the text PBKDF2 hashes. */
    private String keyed(String pin) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pepper);
            return Base64.getEncoder().encodeToString(mac.doFinal(pin.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The configured pepper, or a start that fails with a message saying what to set. */
    private static SecretKeySpec pepperOf(PinConfig config) {
        String hint = "Set alarm.pins.pepper (ALARM_PINS_PEPPER) to the base64 of at least " + MIN_PEPPER_BYTES
                + " random bytes (openssl rand -base64 32), from a secret; see docs/pins-and-timers.md.";
        String text = config.pepper().map(String::trim).orElse("");
        if (text.isEmpty()) {
            throw new IllegalStateException("No PIN pepper configured. " + hint);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            // Not the value itself: it is a secret.
            throw new IllegalStateException("The PIN pepper is not base64. " + hint);
        }
        if (bytes.length < MIN_PEPPER_BYTES) {
            throw new IllegalStateException("The PIN pepper is shorter than " + MIN_PEPPER_BYTES + " bytes. " + hint);
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** How many PBKDF2 hashes this hasher has computed (lets a test see that a check always costs two). */
    long computed() {
        return computed.get();
    }

    private byte[] pbkdf2(String pin, byte[] salt, int iterations) {
        computed.incrementAndGet();
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    private <T> Uni<T> offLoop(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().item(work).runSubscriptionOn(executor);
        // The caller continues with its database session, which belongs to its Vert.x context.
        return context == null ? uni : uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}

package nl.alarmcentral.contract.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/** Random keys as configuration holds them, for tests. */
public final class TestKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    /** Base64 of 32 random bytes: a new key. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}

package nl.alarmcentral.alarm.dc09;

import java.util.Map;
import java.util.Optional;

/**
 * Where the codec finds an account's key to decrypt a frame. An interface so that the codec stays a
 * pure function: the listener will back it with the enrolled devices, the tests with a map.
 */
@FunctionalInterface
public interface Dc09Keys {

    /**
     * The key of an account, if it has one.
     *
     * @param account the account as sent in the frame, upper-cased (accounts are hex, so {@code 1a2b}
     *                and {@code 1A2B} are the same account)
     */
    Optional<Dc09Key> forAccount(String account);

    /** No keys at all: every encrypted frame is undecryptable. */
    static Dc09Keys none() {
        return account -> Optional.empty();
    }

    /** Keys from a map of upper-case account to key. */
    static Dc09Keys of(Map<String, Dc09Key> keys) {
        Map<String, Dc09Key> copy = Map.copyOf(keys);
        return account -> Optional.ofNullable(copy.get(account));
    }
}

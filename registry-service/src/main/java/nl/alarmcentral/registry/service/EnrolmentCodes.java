package nl.alarmcentral.registry.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes enrolment codes and their hashes. A code is 8 characters from an alphabet without
 * {@code 0}, {@code O}, {@code 1} and {@code I} (32 characters, so 40 random bits), shown as
 * {@code K7Q2-9XPM} so it can be read out over the phone. It is valid for minutes and used once,
 * and a coordinator is locked out after a few wrong ones, so 40 bits are plenty; a SHA-256 hash is
 * stored, so the database never holds a usable code.
 */
@ApplicationScoped
public class EnrolmentCodes {

    /** Digits and upper-case letters, without the look-alikes 0/O and 1/I. */
    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final int LENGTH = 8;

    private final SecureRandom random = new SecureRandom();

    /** A new random code, formatted for people ({@code XXXX-XXXX}). */
    public String newCode() {
        StringBuilder code = new StringBuilder(LENGTH + 1);
        for (int i = 0; i < LENGTH; i++) {
            if (i == LENGTH / 2) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The code as it is compared: upper case, without spaces and dashes; null when what was typed
     * cannot be a code at all.
     */
    public static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            if (ALPHABET.indexOf(c) < 0 || code.length() == LENGTH) {
                return null;
            }
            code.append(c);
        }
        return code.length() == LENGTH ? code.toString() : null;
    }

    /** The stored form of a normalised code: SHA-256, lower-case hex. */
    public static String hash(String normalised) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalised.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

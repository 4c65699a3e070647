package nl.alarmcentral.alarm.dc09;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * DC-09's encryption of the part of a frame after the account's {@code [}: AES-CBC with an all-zero
 * IV and no padding scheme of its own; instead the plaintext starts with pseudo-random pad bytes,
 * ended by {@code |}, so that pad + {@code |} + the rest is a whole number of 16-byte blocks (a
 * message that already is gets 16 pad bytes). Pad bytes are printable ASCII, never {@code |},
 * {@code [} or {@code ]}. The ciphertext travels as hex.
 *
 * <p>CBC with a fixed IV and no authentication is what the standard prescribes; the timestamp inside
 * the encrypted part (checked against a window) is what keeps an old frame from being replayed.
 */
public final class Dc09Cipher {

    private static final int BLOCK = 16;
    private static final byte[] ZERO_IV = new byte[BLOCK];

    private Dc09Cipher() {
    }

    /**
     * Encrypts {@code pad + "|" + afterPad} with a fresh pad and returns the ciphertext as upper-case
     * hex, ready to follow the {@code [} of a frame.
     *
     * @param afterPad what follows the pad terminator: the data, its {@code ]}, any extended data
     *                 and the timestamp, in ASCII
     */
    public static String encryptWithPad(Dc09Key key, String afterPad, Random random) {
        byte[] content = ("|" + afterPad).getBytes(StandardCharsets.ISO_8859_1);
        int padLength = BLOCK - content.length % BLOCK;
        byte[] plaintext = new byte[padLength + content.length];
        for (int i = 0; i < padLength; i++) {
            plaintext[i] = padByte(random);
        }
        System.arraycopy(content, 0, plaintext, padLength, content.length);
        return HexFormat.of().withUpperCase().formatHex(apply(Cipher.ENCRYPT_MODE, key, plaintext));
    }

    /**
     * Decrypts whole blocks. A wrong key does not fail here (CBC without padding decrypts anything to
     * something); the caller recognises it by the plaintext not reading as a DC-09 message.
     *
     * @throws IllegalArgumentException if the length is not a positive multiple of 16
     */
    public static byte[] decrypt(Dc09Key key, byte[] ciphertext) {
        if (ciphertext.length == 0 || ciphertext.length % BLOCK != 0) {
            throw new IllegalArgumentException("DC-09 ciphertext is whole AES blocks");
        }
        return apply(Cipher.DECRYPT_MODE, key, ciphertext);
    }

    /** A printable ASCII character other than {@code |}, {@code [} and {@code ]}: what transmitters' own pads hold. */
    private static byte padByte(Random random) {
        while (true) {
            byte candidate = (byte) (0x21 + random.nextInt(0x7E - 0x21 + 1));
            if (candidate != '|' && candidate != '[' && candidate != ']') {
                return candidate;
            }
        }
    }

    private static byte[] apply(int mode, Dc09Key key, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, new SecretKeySpec(key.bytes(), "AES"), new IvParameterSpec(ZERO_IV));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is not available", e);
        }
    }
}

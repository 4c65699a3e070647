package nl.alarmcentral.alarm.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import nl.alarmcentral.alarm.config.TimerConfig;

/**
 * Encrypts safety timer notes at rest with AES-256-GCM. The timer id is the associated data, so a
 * note copied onto another timer's row does not decrypt. The key comes from configuration (a
 * secret), never from the database, so a copy of the database alone does not reveal notes.
 *
 * <p>Without a usable key the service still runs and accepts alarms and timers without notes;
 * only notes are refused ({@link #available()}), because a missing secret must never stop alarms.
 *
 * <p>Stored format: one version byte, a 12-byte random IV, then the ciphertext with its GCM tag.
 */
@ApplicationScoped
public class TimerNoteCipher {

    private static final Logger LOG = Logger.getLogger(TimerNoteCipher.class);

    private static final byte FORMAT_V1 = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Optional<SecretKey> key;

    public TimerNoteCipher(TimerConfig config) {
        this.key = config.noteKey().map(String::trim).filter(value -> !value.isEmpty()).flatMap(TimerNoteCipher::parse);
        if (key.isEmpty()) {
            LOG.warn("alarm.timers.note-key (ALARM_TIMERS_NOTE_KEY) is missing or not base64 of 32 bytes: "
                    + "safety timers with a note are refused until it is set");
        }
    }

    private static Optional<SecretKey> parse(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return bytes.length == 32 ? Optional.of(new SecretKeySpec(bytes, "AES")) : Optional.empty();
    }

    /** Whether notes can be stored and read. */
    public boolean available() {
        return key.isPresent();
    }

    public byte[] encrypt(UUID timerId, String note) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, requireKey(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(timerId));
            byte[] sealed = cipher.doFinal(note.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(FORMAT_V1).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(UUID timerId, byte[] stored) {
        if (stored.length < 1 + IV_BYTES || stored[0] != FORMAT_V1) {
            throw new IllegalStateException("Unknown ciphertext format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, requireKey(), new GCMParameterSpec(TAG_BITS, stored, 1, IV_BYTES));
            cipher.updateAAD(aad(timerId));
            return new String(cipher.doFinal(stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed (wrong key or tampered data)", e);
        }
    }

    private SecretKey requireKey() {
        return key.orElseThrow(() -> new IllegalStateException("No timer note key configured"));
    }

    private static byte[] aad(UUID timerId) {
        return timerId.toString().getBytes(StandardCharsets.UTF_8);
    }
}

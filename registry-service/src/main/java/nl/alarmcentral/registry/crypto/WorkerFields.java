package nl.alarmcentral.registry.crypto;

import java.nio.charset.StandardCharsets;

import javax.crypto.SecretKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import nl.alarmcentral.contract.crypto.KeyRing;

/**
 * Seals and opens the fields of one worker with her data key ({@link EnvelopeCrypto}), each bound
 * to her id and the field's name. Empty values are sealed too (a text as the empty string, a
 * document as JSON {@code null}), so a column's ciphertext never tells whether she filled it in.
 * Get one from {@link FieldCipher#forWorker}.
 */
public final class WorkerFields {

    private final EnvelopeCrypto crypto;
    private final KeyRing key;
    private final String workerId;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    WorkerFields(EnvelopeCrypto crypto, SecretKey key, String workerId, ObjectWriter writer, ObjectReader reader) {
        this.crypto = crypto;
        this.key = crypto.dataKeyRing(key);
        this.workerId = workerId;
        this.writer = writer;
        this.reader = reader;
    }

    /** Seals a text; null is sealed as the empty string. */
    public byte[] sealText(String field, String value) {
        return crypto.encrypt(key, workerId, field, value == null ? "" : value);
    }

    /** Opens a text; an empty one (or a column that was never written) is null. */
    public String openText(String field, byte[] stored) {
        String value = crypto.decrypt(key, workerId, field, stored);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Seals any value as JSON (null included). */
    public byte[] sealJson(String field, Object value) {
        try {
            return crypto.encrypt(key, workerId, field, writer.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the field " + field + " as JSON", e);
        }
    }

    /** Opens a JSON value; a column that was never written is null. */
    public <T> T openJson(String field, byte[] stored, TypeReference<T> type) {
        String json = crypto.decrypt(key, workerId, field, stored);
        if (json == null) {
            return null;
        }
        try {
            return reader.forType(type).readValue(json.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            // The message could quote the plaintext: only the field name goes on.
            throw new IllegalStateException("The stored field " + field + " is not readable JSON");
        }
    }
}

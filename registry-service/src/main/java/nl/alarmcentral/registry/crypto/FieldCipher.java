package nl.alarmcentral.registry.crypto;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hands out {@link WorkerFields} for one worker and her unwrapped data key. Stored documents are
 * read leniently (unknown properties ignored), so a field added later does not make older
 * documents unreadable.
 */
@ApplicationScoped
public class FieldCipher {

    private final EnvelopeCrypto crypto;
    private final ObjectMapper json;

    public FieldCipher(EnvelopeCrypto crypto, ObjectMapper json) {
        this.crypto = crypto;
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public WorkerFields forWorker(String workerId, SecretKey key) {
        return new WorkerFields(crypto, key, workerId, json.writer(), json.reader());
    }
}

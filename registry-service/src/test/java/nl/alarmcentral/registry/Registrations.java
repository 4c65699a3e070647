package nl.alarmcentral.registry;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.contract.event.WorkerRegistration;
import nl.alarmcentral.infra.test.KafkaTopics;

/** Her registrations as the other services read them from {@code worker.registrations}, for tests. */
public final class Registrations {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private Registrations() {
    }

    /** Every registration record of hers (tombstones left out), oldest first. */
    public static List<WorkerRegistration> of(String workerId) {
        List<ConsumerRecord<String, String>> records = KafkaTopics.readAll(Topics.WORKER_REGISTRATIONS,
                record -> workerId.equals(record.key()) && record.value() != null, Duration.ofSeconds(3));
        return records.stream().map(record -> {
            try {
                return JSON.readValue(record.value(), WorkerRegistration.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Not a WorkerRegistration on the topic", e);
            }
        }).toList();
    }

    /** The public keyset of her latest registration: what another service seals to. */
    public static String publicKeyset(String workerId) {
        List<WorkerRegistration> registrations = of(workerId);
        if (registrations.isEmpty()) {
            throw new AssertionError("No registration of hers on the topic");
        }
        return registrations.get(registrations.size() - 1).publicKeyset();
    }
}

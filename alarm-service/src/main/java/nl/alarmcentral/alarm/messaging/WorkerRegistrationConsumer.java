package nl.alarmcentral.alarm.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import nl.alarmcentral.contract.messaging.EventProcessing;
import nl.alarmcentral.alarm.service.WorkerErasureService;
import nl.alarmcentral.alarm.service.WorkerSealer;
import nl.alarmcentral.contract.event.WorkerRegistration;
import nl.alarmcentral.contract.event.EventTypes;

/**
 * Follows the compacted topic {@code worker.registrations} (owned by registry-service, keyed by
 * worker id) as its own consumer group. A tombstone (null value, CloudEvent type
 * {@link EventTypes#WORKER_ERASED} in its headers) means she withdrew: {@link WorkerErasureService}
 * drops her PINs, timers, positions, buttons and public keyset at once. A registration record stores
 * her public sealing keyset ({@link WorkerSealer#saveKeyset}; a later record replaces it), to which
 * positions and timer notes are sealed; records from before sealing existed have none and are
 * ignored, and so are records that cannot be read (logged with their position).
 *
 * <p>A tombstone is an erasure whatever its headers say: on a compacted topic nothing else can
 * remove her registration, and keeping her data by mistake is the worse error. One without the
 * erased type is logged.
 *
 * <p>Failure strategy (as for {@code device.bindings}, which has no dead-letter topic either): a
 * tombstone without a usable key names nobody and is logged with its position and skipped; a
 * failure is retried for as long as it lasts ({@link EventProcessing},
 * {@link EventProcessing.Patience#FOREVER}), because an erasure must never be skipped. Redeliveries are harmless: erasing is idempotent.
 */
@ApplicationScoped
public class WorkerRegistrationConsumer {

    private static final Logger LOG = Logger.getLogger(WorkerRegistrationConsumer.class);

    /** Column width of the worker ids. */
    private static final int MAX_ID_LENGTH = 64;

    private final WorkerErasureService erasure;
    private final WorkerSealer sealer;
    private final EventProcessing processing;
    private final ObjectReader reader;

    public WorkerRegistrationConsumer(WorkerErasureService erasure, WorkerSealer sealer, EventProcessing processing,
            ObjectMapper json) {
        this.processing = processing;
        this.erasure = erasure;
        this.sealer = sealer;
        this.reader = json.readerFor(WorkerRegistration.class);
    }

    @Incoming("worker-registrations")
    public Uni<Void> consume(Message<String> message) {
        Optional<IncomingKafkaRecordMetadata> record = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String key = record.map(r -> r.getKey() == null ? null : r.getKey().toString()).orElse(null);
        String where = record.map(r -> "partition " + r.getPartition() + ", offset " + r.getOffset()).orElse("unknown position");
        if (message.getPayload() != null) {
            return registered(message, key, where);
        }
        if (key == null || key.isBlank() || key.length() > MAX_ID_LENGTH) {
            LOG.warnf("Skipped a tombstone on worker.registrations without a usable key (%s)", where);
            return Uni.createFrom().completionStage(message.ack());
        }
        String type = record.map(r -> r.getHeaders().lastHeader("ce_type")).map(WorkerRegistrationConsumer::text).orElse(null);
        if (!EventTypes.WORKER_ERASED.equals(type)) {
            LOG.warnf("Tombstone on worker.registrations (%s) of type %s: treated as an erasure", where, type);
        }
        return processing.untilDone(message, () -> erasure.erase(key), EventProcessing.Patience.FOREVER)
                .flatMap(ignored -> Uni.createFrom().completionStage(message.ack()));
    }

    private Uni<Void> registered(Message<String> message, String key, String where) {
        WorkerRegistration registration;
        try {
            registration = reader.readValue(message.getPayload());
        } catch (IOException e) {
            LOG.warnf("Skipped an unreadable record on worker.registrations (%s, %s)", where, e.getClass().getName());
            return Uni.createFrom().completionStage(message.ack());
        }
        String workerId = key != null ? key : registration.workerId();
        if (registration.publicKeyset() == null || workerId == null || workerId.isBlank()
                || workerId.length() > MAX_ID_LENGTH) {
            // Published before sealing existed (or names nobody): nothing to keep.
            return Uni.createFrom().completionStage(message.ack());
        }
        return processing.untilDone(message, () -> sealer.saveKeyset(workerId, registration.publicKeyset())
                .invoke(saved -> {
                    if (!saved) {
                        LOG.warnf("A registration on worker.registrations (%s) has no usable public keyset", where);
                    }
                }).replaceWithVoid(), EventProcessing.Patience.FOREVER)
                .flatMap(ignored -> Uni.createFrom().completionStage(message.ack()));
    }

    private static String text(Header header) {
        return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

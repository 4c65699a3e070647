package nl.alarmcentral.dispatch.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.messaging.EventProcessing;
import nl.alarmcentral.dispatch.service.WorkerErasureService;

/**
 * Follows the compacted topic {@code worker.registrations} (owned by registry-service, keyed by
 * worker id). A tombstone (null value, CloudEvent type {@link EventTypes#WORKER_ERASED} in its
 * headers) means she withdrew: {@link WorkerErasureService} drops every card and alarm detail of
 * hers this instance holds at once (the other instances at their next round). Registrations themselves (a {@code WorkerRegistration}) need nothing here.
 *
 * <p>A tombstone is an erasure whatever its headers say: on a compacted topic nothing else can
 * remove her registration, and keeping her data by mistake is the worse error. One without the
 * erased type is logged.
 *
 * <p>Failure strategy: a record without a usable key is logged with its position and skipped (it
 * names nobody). Any failure is retried for as long as it lasts ({@link EventProcessing},
 * {@link EventProcessing.Patience#FOREVER}): an erasure must never be skipped. Redeliveries are
 * harmless: erasing is idempotent.
 */
@ApplicationScoped
public class WorkerRegistrationConsumer {

    private static final Logger LOG = Logger.getLogger(WorkerRegistrationConsumer.class);

    private final WorkerErasureService erasure;
    private final EventProcessing processing;

    public WorkerRegistrationConsumer(WorkerErasureService erasure, EventProcessing processing) {
        this.erasure = erasure;
        this.processing = processing;
    }

    @Incoming("worker-registrations")
    public Uni<Void> consume(Message<String> message) {
        Optional<IncomingKafkaRecordMetadata> record = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String key = record.map(r -> r.getKey() == null ? null : r.getKey().toString()).orElse(null);
        String where = record.map(r -> "partition " + r.getPartition() + ", offset " + r.getOffset()).orElse("unknown position");
        if (message.getPayload() != null) {
            return Uni.createFrom().completionStage(message.ack());
        }
        if (key == null || key.isBlank() || key.length() > AlarmEventReader.MAX_ID_LENGTH) {
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

    private static String text(Header header) {
        return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

package nl.alarmcentral.alarm.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import nl.alarmcentral.alarm.service.AlarmRetention;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.IncidentEvent;
import nl.alarmcentral.contract.messaging.EventProcessing;

/**
 * Follows {@code incident.events} (owned by dispatch-service, keyed by worker id) as its own
 * consumer group ({@code alarm-service-incident-closings}) to hear when an incident closes: the
 * {@link EventTypes#INCIDENT_CLOSED} event names the incident's alarms, whose positions and timer
 * notes {@link AlarmRetention} then drops, and whose details are no longer served. Every other type
 * is acknowledged without a database call.
 *
 * <p>Failure strategy: an event that cannot be read is logged with its position and skipped (there
 * is no dead-letter topic here: what it would have dropped is dropped by the retention job a day
 * after the alarm anyway). A database that is away is waited out for as long as it takes
 * ({@link EventProcessing}); any other failure is retried for a while, then logged and skipped,
 * for the same reason. Redeliveries are harmless: the clearing is idempotent.
 */
@ApplicationScoped
public class IncidentClosingConsumer {

    private static final Logger LOG = Logger.getLogger(IncidentClosingConsumer.class);

    private final AlarmRetention retention;
    private final EventProcessing processing;
    /** Unknown fields are ignored: a newer contract may add optional fields. */
    private final ObjectReader reader;

    public IncidentClosingConsumer(AlarmRetention retention, EventProcessing processing, ObjectMapper json) {
        this.retention = retention;
        this.processing = processing;
        this.reader = json.readerFor(IncidentEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Incoming("incident-closings")
    public Uni<Void> consume(Message<String> message) {
        Optional<IncidentKafkaRecord> record = message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncidentKafkaRecord::new);
        String type = record.map(IncidentKafkaRecord::type).orElse(null);
        if (!EventTypes.INCIDENT_CLOSED.equals(type)) {
            return Uni.createFrom().completionStage(message.ack());
        }
        String where = record.map(IncidentKafkaRecord::where).orElse("unknown position");
        IncidentEvent event;
        try {
            event = reader.readValue(message.getPayload());
            if (event.incidentId() == null) {
                throw new IllegalArgumentException("no incident id");
            }
        } catch (Exception e) {
            LOG.warnf("Skipped an incident closing that cannot be read (%s): %s", where, e.getClass().getName());
            return Uni.createFrom().completionStage(message.ack());
        }
        Instant closedAt = event.occurredAt() != null ? event.occurredAt() : Instant.now();
        return processing.untilDone(message, () -> retention.incidentClosed(event.alarmIds(), closedAt),
                EventProcessing.Patience.UNTIL_GIVEN_UP)
                .invoke(changed -> LOG.debugf("Incident %s closed: %d alarm row(s) or note(s) cleared", event.incidentId(), changed))
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf("Could not clear the alarms of closed incident %s (%s, %s); skipped", event.incidentId(), where,
                            e.getClass().getName());
                    return null;
                })
                .flatMap(ignored -> Uni.createFrom().completionStage(message.ack()));
    }

    /** The record's CloudEvent type and position. */
    private record IncidentKafkaRecord(IncomingKafkaRecordMetadata<?, ?> metadata) {

        String type() {
            Header header = metadata.getHeaders().lastHeader("ce_type");
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        String where() {
            return "partition " + metadata.getPartition() + ", offset " + metadata.getOffset();
        }
    }
}

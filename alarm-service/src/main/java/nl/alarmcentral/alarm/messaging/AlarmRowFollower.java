package nl.alarmcentral.alarm.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import nl.alarmcentral.alarm.Alarm;
import nl.alarmcentral.alarm.service.AlarmService;
import nl.alarmcentral.alarm.service.UnstoredAlarms;
import nl.alarmcentral.contract.event.AlarmEvent;
import nl.alarmcentral.contract.messaging.EventProcessing;

/**
 * Writes the rows of alarms that were accepted through the broker alone while the database was
 * away ({@code AlarmService#accept}). Reads {@code alarm.events} as its own consumer group
 * ({@code alarm-service-alarm-rows}) and acts only on events with the
 * {@value AlarmEventPublisher#NOT_STORED_HEADER} header: every other event is acknowledged without
 * a database call. The row is written as published (the broker has the event), with the position
 * if this instance still holds it ({@link UnstoredAlarms}); an instance that does not, writes the
 * row without it and the instance that holds it adds it ({@code UnstoredAlarmWriter}).
 *
 * <p>Failure strategy: an event that cannot be read is logged with its position and skipped (it
 * can never become a row; the alarm itself reached dispatch from the topic). A database that is
 * away is waited out for as long as it takes ({@link EventProcessing}): a row is never skipped for
 * a passing cause, and the alarms after it on the partition wait in order; any other failure is
 * retried for a while, then logged and skipped.
 */
@ApplicationScoped
public class AlarmRowFollower {

    private static final Logger LOG = Logger.getLogger(AlarmRowFollower.class);

    private final AlarmService alarms;
    private final UnstoredAlarms unstored;
    private final EventProcessing processing;
    /** Unknown fields are ignored: a newer contract may add optional fields. */
    private final ObjectReader reader;

    public AlarmRowFollower(AlarmService alarms, UnstoredAlarms unstored, EventProcessing processing, ObjectMapper json) {
        this.alarms = alarms;
        this.processing = processing;
        this.unstored = unstored;
        this.reader = json.readerFor(AlarmEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Incoming("alarm-rows")
    public Uni<Void> consume(Message<String> message) {
        Optional<IncomingKafkaRecordMetadata> record = message.getMetadata(IncomingKafkaRecordMetadata.class);
        Headers headers = record.map(IncomingKafkaRecordMetadata::getHeaders).orElse(null);
        if (headers == null || headers.lastHeader(AlarmEventPublisher.NOT_STORED_HEADER) == null) {
            return Uni.createFrom().completionStage(message.ack());
        }
        String where = record.map(r -> "partition " + r.getPartition() + ", offset " + r.getOffset()).orElse("unknown position");
        Alarm row;
        try {
            row = rowOf(reader.readValue(message.getPayload()), UUID.fromString(text(headers.lastHeader(
                    AlarmEventPublisher.CLIENT_REF_HEADER))), record.map(IncomingKafkaRecordMetadata::getTimestamp)
                            .orElse(Instant.now()));
        } catch (Exception e) {
            LOG.warnf("Skipped an alarm without a row that cannot be read (%s): %s", where, e.getClass().getName());
            return Uni.createFrom().completionStage(message.ack());
        }
        // The held copy (with its position) is looked up at every attempt, not once: this event can
        // arrive before the press that sent it has put its alarm into memory, and the database may
        // be away for a while. Only a write of the held copy lets memory forget it; after a write
        // without the position, UnstoredAlarmWriter adds the position to the row.
        AtomicReference<Alarm> written = new AtomicReference<>();
        return processing.untilDone(message, () -> {
            Alarm held = unstored.find(row.alarmId);
            Alarm toWrite = held != null ? held : row;
            written.set(toWrite);
            return alarms.writeFollowed(toWrite);
        }, EventProcessing.Patience.UNTIL_GIVEN_UP)
                .invoke(() -> {
                    if (written.get() != row) {
                        unstored.written(row.alarmId);
                    }
                    LOG.infof("Alarm %s: its row was written from the topic", row.alarmId);
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf("Could not write the row of alarm %s (%s, %s); skipped", row.alarmId, where,
                            e.getClass().getName());
                    return null;
                })
                .flatMap(ignored -> Uni.createFrom().completionStage(message.ack()));
    }

    private static Alarm rowOf(AlarmEvent event, UUID clientRef, Instant publishedAt) {
        Alarm row = new Alarm();
        row.alarmId = event.alarmId();
        row.workerId = event.workerId();
        row.clientRef = clientRef;
        row.kind = event.kind();
        row.channel = event.channel();
        row.raisedAt = event.raisedAt();
        row.hasDetails = event.hasDetails();
        row.publishedAt = publishedAt;
        if (row.alarmId == null || row.workerId == null || row.kind == null || row.channel == null || row.raisedAt == null) {
            throw new IllegalArgumentException("incomplete alarm event");
        }
        return row;
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

package nl.alarmcentral.registry.messaging;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import nl.alarmcentral.contract.event.DeviceBinding;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;

/**
 * Publishes button bindings on the compacted topic {@link Topics#DEVICE_BINDINGS}, keyed by device
 * id, exactly as alarm-service's {@code DeviceBindingConsumer} reads them:
 * <ul>
 * <li>a binding: value {@link DeviceBinding} as JSON, CloudEvent headers in binary mode
 * ({@code ce_type} {@value EventTypes#DEVICE_BOUND}, {@code ce_source} {@code /registry-service},
 * a new {@code ce_id}, {@code ce_specversion});</li>
 * <li>an unbinding: a tombstone, value null and no CloudEvent headers (there is no event type for
 * it; alarm-service unbinds on any null value). The channel writes null as null, not as the JSON
 * text {@code null}, which would not be a tombstone.</li>
 * </ul>
 * Every returned {@link Uni} completes only when the broker acknowledged the record (acks=all,
 * idempotent producer; see application.properties). Records for one device are sent in the order
 * they are handed over, and land on one partition, so the last one wins on the topic as in the
 * database. (The emitter hands the acknowledgement back on the caller's Vert.x context, so a
 * transaction continues where it started.) Nothing is sent until the returned {@link Uni} is
 * subscribed to.
 */
@ApplicationScoped
public class DeviceBindingPublisher {

    private static final Logger LOG = Logger.getLogger(DeviceBindingPublisher.class);

    private final MutinyEmitter<Object> emitter;

    public DeviceBindingPublisher(@Channel("device-bindings") MutinyEmitter<Object> emitter) {
        this.emitter = emitter;
    }

    /** Binds (or rebinds) a device; completes when the broker has it. */
    public Uni<Void> bound(DeviceBinding binding) {
        Message<Object> message = Message.<Object>of(binding)
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(UUID.randomUUID().toString())
                        .withType(EventTypes.DEVICE_BOUND)
                        .withSource(URI.create(EventTypes.SOURCE_REGISTRY_SERVICE))
                        .withTimestamp(binding.boundAt().atZone(ZoneOffset.UTC))
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(binding.deviceId()).build());
        return emitter.sendMessage(message);
    }

    /** Unbinds a device (a tombstone); completes when the broker has it. */
    public Uni<Void> unbound(String deviceId) {
        return emitter.sendMessage(Message.of(Record.of(deviceId, null)));
    }

    /**
     * Hands a record to the producer now and does not wait for the broker: used to undo a record
     * whose acknowledgement did not come, before the transaction that made it rolls back, so that
     * it is queued before any later record for the same device.
     */
    public void sendWithoutWaiting(Uni<Void> record) {
        record.subscribe().with(ignored -> LOG.debug("A compensating record on device.bindings was acknowledged"),
                failure -> LOG.warnf("A compensating record on device.bindings was not acknowledged: %s",
                        failure.getClass().getName()));
    }
}

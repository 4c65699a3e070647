package nl.alarmcentral.alarm.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import nl.alarmcentral.contract.messaging.EventProcessing;
import nl.alarmcentral.alarm.service.DeviceBindingService;
import nl.alarmcentral.alarm.service.DeviceMetrics;
import nl.alarmcentral.alarm.service.UnreadableDeviceBindingException;
import nl.alarmcentral.contract.event.DeviceBinding;
import nl.alarmcentral.contract.event.EventTypes;

/**
 * Follows the compacted topic {@code device.bindings} (owned by registry-service, keyed by device
 * id): a {@link DeviceBinding} binds a button to a worker, a tombstone (null value) unbinds it.
 * alarm-service keeps its own copy, so buttons work while registry-service is down. The key keeps
 * one device's records on one partition, and they are applied one at a time in order.
 *
 * <p>Failure strategy. There is no dead-letter topic for bindings (only {@code alarm.events.dlq}
 * and {@code incident.events.dlq} exist, and parking a binding among alarm events would mislead
 * whoever reads those). So:
 * <ul>
 * <li>a record that can never be used (not JSON of the contract's shape, an unknown CloudEvent
 * type, a key that is not its device id, a secret that does not decrypt under our binding key) is
 * logged with its partition and offset (never its key: a device id), counted in
 * {@code alarmcentral_device_bindings_skipped_total{reason}}, and skipped, so later bindings still
 * apply. registry-service can fix it by publishing a correct binding for that device;</li>
 * <li>any other failure is retried for as long as it lasts ({@link EventProcessing},
 * {@link EventProcessing.Patience#FOREVER}): skipping would lose a binding, and every later binding
 * would fail the same way anyway.</li>
 * </ul>
 * The values are read as strings (never failing in the deserializer) so that an unreadable value
 * cannot be mistaken for a tombstone.
 */
@ApplicationScoped
public class DeviceBindingConsumer {

    private static final Logger LOG = Logger.getLogger(DeviceBindingConsumer.class);

    private final DeviceBindingService bindings;
    private final DeviceMetrics metrics;
    private final EventProcessing processing;
    /** Unknown fields are ignored: a newer registry may add optional fields to the contract. */
    private final ObjectReader reader;

    public DeviceBindingConsumer(DeviceBindingService bindings, DeviceMetrics metrics, EventProcessing processing, ObjectMapper json) {
        this.processing = processing;
        this.bindings = bindings;
        this.metrics = metrics;
        this.reader = json.readerFor(DeviceBinding.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Incoming("device-bindings")
    public Uni<Void> consume(Message<String> message) {
        Optional<IncomingKafkaRecordMetadata> record = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String key = record.map(r -> r.getKey() == null ? null : r.getKey().toString()).orElse(null);
        String where = record.map(r -> "partition " + r.getPartition() + ", offset " + r.getOffset()).orElse("unknown position");
        String value = message.getPayload();
        Uni<Void> apply;
        try {
            if (key == null) {
                throw new UnreadableDeviceBindingException(DeviceMetrics.SKIPPED_UNREADABLE, "the record has no key");
            }
            if (value == null) {
                apply = Uni.createFrom().deferred(() -> bindings.unbind(key));
            } else {
                var device = bindings.check(key, parse(message, value));
                apply = Uni.createFrom().deferred(() -> bindings.bind(device));
            }
        } catch (UnreadableDeviceBindingException e) {
            LOG.warnf("Skipped an unreadable record on device.bindings (%s): %s", where, e.getMessage());
            metrics.bindingSkipped(e.reason());
            return Uni.createFrom().completionStage(message.ack());
        }
        return processing.untilDone(message, () -> apply, EventProcessing.Patience.FOREVER)
                .flatMap(ignored -> Uni.createFrom().completionStage(message.ack()));
    }

    private DeviceBinding parse(Message<String> message, String value) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse(null);
        if (!EventTypes.DEVICE_BOUND.equals(type)) {
            throw new UnreadableDeviceBindingException(DeviceMetrics.SKIPPED_UNKNOWN_TYPE,
                    "the CloudEvent type is missing or not " + EventTypes.DEVICE_BOUND);
        }
        DeviceBinding binding;
        try {
            binding = reader.readValue(value);
        } catch (JacksonException e) {
            throw new UnreadableDeviceBindingException(DeviceMetrics.SKIPPED_UNREADABLE,
                    "the value is not a DeviceBinding (" + e.getClass().getSimpleName() + ")");
        }
        if (binding == null) {
            throw new UnreadableDeviceBindingException(DeviceMetrics.SKIPPED_UNREADABLE, "the value is JSON null");
        }
        return binding;
    }
}

package nl.alarmcentral.dispatch.messaging;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.event.IncidentChanged;
import nl.alarmcentral.contract.messaging.MessagingConfig;
import nl.alarmcentral.contract.messaging.PassingFailures;
import nl.alarmcentral.dispatch.live.ConsoleBroadcaster;

/**
 * Receives every incident change, from every instance ({@code incident.changes}, a consumer group
 * of this instance's own: {@code dispatch-console-<dispatch.instance-id>}), and has this instance's
 * consoles updated. Records come in batches: an incident changed three times in a moment (opened,
 * card, details) is reread once.
 */
@ApplicationScoped
public class IncidentChangeConsumer {

    private static final Logger LOG = Logger.getLogger(IncidentChangeConsumer.class);

    private final ObjectMapper json;
    private final ConsoleBroadcaster consoles;
    private final MessagingConfig config;

    public IncidentChangeConsumer(ObjectMapper json, ConsoleBroadcaster consoles, MessagingConfig config) {
        this.json = json;
        this.consoles = consoles;
        this.config = config;
    }

    @Incoming("incident-changes")
    public Uni<Void> consume(List<String> payloads) {
        Set<UUID> changed = new LinkedHashSet<>();
        Set<UUID> opened = new HashSet<>();
        for (String payload : payloads) {
            try {
                IncidentChanged change = json.readValue(payload, IncidentChanged.class);
                if (change.incidentId() != null) {
                    changed.add(change.incidentId());
                    if (change.opened()) {
                        opened.add(change.incidentId());
                    }
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // Ids only, nothing personal: the payload can be named.
                LOG.warnf("Unreadable incident change skipped: %s", e.getClass().getSimpleName());
            }
        }
        return Uni.createFrom().deferred(() -> consoles.push(changed, opened))
                // The database away for a moment (a restart, a failover): reread as soon as it is back,
                // at the alarm consumers' pace, rather than leave it to the next sweep seconds later. Not
                // EventProcessing: this is a refresh with the sweep behind it, not an event that must be
                // processed, so anything but a passing failure is left to the sweep at once, and a wait
                // here must not report the channel as delayed. Bounded by the same give-up time.
                .onFailure(PassingFailures::isPassing).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff()).expireIn(config.giveUpAfter().toMillis())
                // A console that missed this is brought up to date by the next sweep; the stream goes on.
                .onFailure().invoke(failure -> LOG.warnf("Pushing %d change(s) to the consoles failed: %s", changed.size(),
                        failure.getClass().getName()))
                .onFailure().recoverWithNull();
    }
}

package nl.alarmcentral.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A CloudEvent the registry has consumed, written in the same transaction as its effect. Kafka
 * delivers at least once; finding the id here makes a redelivery change nothing.
 */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent {

    /** The CloudEvent id ({@code ce_id}). */
    @Id
    @Column(name = "event_id")
    public String eventId;

    /** The CloudEvent type, for whoever reads the table. */
    @Column(nullable = false)
    public String type;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    public static ProcessedEvent of(String eventId, String type, Instant processedAt) {
        ProcessedEvent event = new ProcessedEvent();
        event.eventId = eventId;
        event.type = type;
        event.processedAt = processedAt;
        return event;
    }
}

package nl.alarmcentral.dispatch;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A CloudEvent that dispatch has consumed, written in the same transaction as its effect. Kafka
 * delivers at least once; finding the id here is what makes a redelivery change nothing, for every
 * event type alike (including events that had no effect, such as a cancel nobody was waiting for).
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

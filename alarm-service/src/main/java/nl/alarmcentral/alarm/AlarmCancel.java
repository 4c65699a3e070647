package nl.alarmcentral.alarm;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What happened to an alarm after it was raised through a PIN: whether a cancel and whether a
 * duress were published. Kept apart from {@link Alarm} so that the rules "a duress after a cancel
 * still escalates" and "a cancel never undoes a duress" are decided on one locked row, and so a
 * repeated request publishes nothing new.
 */
@Entity
@Table(name = "alarm_cancel")
public class AlarmCancel {

    @Id
    @Column(name = "alarm_id")
    public UUID alarmId;

    /** When she first entered a PIN that was accepted for this alarm: the time the app shows her. */
    @Column(name = "cancelled_at", nullable = false)
    public Instant cancelledAt;

    /** When the broker acknowledged {@code alarm.cancelled}; null if none was published. */
    @Column(name = "cancel_published_at")
    public Instant cancelPublishedAt;

    /** When the broker acknowledged {@code alarm.duress}; null if none was published. */
    @Column(name = "duress_published_at")
    public Instant duressPublishedAt;
}

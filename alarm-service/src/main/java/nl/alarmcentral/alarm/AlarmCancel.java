package nl.alarmcentral.alarm;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What happened to an alarm after it was raised through a PIN: whether a cancel and whether a
 * duress were accepted. Kept apart from {@link Alarm} so that the rules "a duress after a cancel
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

    /**
     * When {@code alarm.cancelled} was accepted (its event stored in the outbox, see
     * {@code EventOutbox}); null if none was.
     */
    @Column(name = "cancel_accepted_at")
    public Instant cancelAcceptedAt;

    /** When {@code alarm.duress} was accepted (its event stored in the outbox); null if none was. */
    @Column(name = "duress_accepted_at")
    public Instant duressAcceptedAt;
}

package nl.alarmcentral.dispatch;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import nl.alarmcentral.contract.event.AlarmKind;

/**
 * An emergency of one worker: every alarm, PIN entry and device warning of hers while it is not
 * closed joins it. Holds no personal data; her dispatch card is kept apart ({@link IncidentCard})
 * so it can be dropped. How each event changes it: {@code docs/incidents.md}.
 */
@Entity
@Table(name = "incident")
public class Incident {

    @Id
    public UUID id;

    @Column(name = "worker_id", nullable = false)
    public String workerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IncidentStatus status;

    /** Kind of the alarm that opened it; null when a duress opened it without an alarm dispatch had seen. */
    @Enumerated(EnumType.STRING)
    public AlarmKind kind;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "last_alarm_at", nullable = false)
    public Instant lastAlarmAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "card_status", nullable = false)
    public CardStatus cardStatus;

    @Version
    public long version;
}

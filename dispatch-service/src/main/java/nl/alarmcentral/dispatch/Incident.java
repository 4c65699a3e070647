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
 * finished (resolved or closed) joins it. Holds no personal data about her; her dispatch card is
 * never stored, only held in memory while the incident is open
 * ({@code service/IncidentCardStore}). How each event and each dispatcher's
 * action changes it: {@code docs/incidents.md}.
 *
 * <p>{@link #version} grows with every change (Hibernate raises it whenever the row is written,
 * and every change writes {@link #changedAt}): two writers that read the same version cannot both
 * commit, and consoles keep only the newest version they were sent.
 */
@Entity
@Table(name = "incident")
public class Incident {

    @Id
    public UUID id;

    /**
     * Whose incident it is; null once she withdrew and it closed (erasure detaches what is kept for
     * statistics, {@code WorkerErasureService}). Never null while it is not closed.
     */
    @Column(name = "worker_id")
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

    @Version
    public long version;

    /**
     * When anything about it last changed (alarms, PIN entries, warnings, actions, and a card or
     * alarm details arriving in an instance's memory: the consoles of that instance must be sent it).
     */
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** When a dispatcher took it; the acknowledge time is this minus {@link #openedAt}. */
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    /** Who took it ({@code preferred_username}). */
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    /** When it was escalated because nobody took it in time; null when it was not. */
    @Column(name = "escalated_at")
    public Instant escalatedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Enumerated(EnumType.STRING)
    public IncidentOutcome outcome;

    /** {@link IncidentCategory} names, comma-separated; null for none. */
    public String categories;

    @Enumerated(EnumType.STRING)
    @Column(name = "follow_up")
    public FollowUp followUp;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** Records that it changed now: the row is written, so its version grows. */
    public void changed(Instant at) {
        changedAt = at;
    }

    /** Whether it is resolved or closed: no dispatcher action applies any more and alarms no longer join it. */
    public boolean isFinished() {
        return status.isFinished();
    }
}

package nl.alarmcentral.dispatch;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One thing a dispatcher did with an incident (or the escalation that asked someone to): the
 * incident's action log, appended to and never edited, so that afterwards it says who did what
 * and when. A database trigger refuses any change but erasing {@link #text} when the worker
 * withdraws; entries go only with their closed incident (retention).
 */
@Entity
@Table(name = "incident_action")
public class IncidentAction {

    /** Value of {@link #detail} on a {@code CLOSED} entry when nobody closed it by hand. */
    public static final String AUTOMATIC = "AUTOMATIC";

    @Id
    public UUID id;

    /** Written by the database: orders entries of the same moment in the order they were written. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IncidentActionType type;

    @Column(nullable = false)
    public Instant at;

    /** Who did it ({@code preferred_username} of their token); null for what the central did itself. */
    public String actor;

    /** A code: the contact attempt's {@code TARGET:RESULT}, the help's kind, the outcome, {@link #AUTOMATIC}. */
    public String detail;

    /** What the dispatcher typed: a note, a contact attempt's note, a help reference. */
    public String text;

    /** A new entry about the incident. */
    public static IncidentAction of(Incident incident, IncidentActionType type, Instant at, String actor, String detail,
            String text) {
        IncidentAction action = new IncidentAction();
        action.id = UUID.randomUUID();
        action.incidentId = incident.id;
        action.type = type;
        action.at = at;
        action.actor = actor;
        action.detail = detail;
        action.text = text;
        return action;
    }
}

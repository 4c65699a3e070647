package nl.alarmcentral.dispatch;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The worker's dispatch card as the registry disclosed it for one incident: personal data, kept
 * only while the incident needs it and dropped when it closes or she is erased. Only the fields
 * she consented to are there; lists are kept as JSON text ({@code service/CardJson}).
 */
@Entity
@Table(name = "incident_card")
public class IncidentCard {

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(name = "working_name")
    public String workingName;

    @Column(name = "safety_note")
    public String safetyNote;

    /** ISO 639-1 codes of the languages she speaks, as a JSON array. */
    public String languages;

    @Column(name = "call_back_number")
    public String callBackNumber;

    @Column(name = "may_call_back")
    public Boolean mayCallBack;

    /** Her procedure steps in order, as a JSON array. */
    public String procedure;

    @Column(name = "door_approach")
    public String doorApproach;

    @Column(name = "escape_route")
    public String escapeRoute;

    @Column(name = "code_word")
    public String codeWord;

    /** Her addresses ({@code label}, {@code address}), as a JSON array. */
    public String addresses;

    /** Her trusted contacts ({@code name}, {@code number}, {@code relation}, {@code inform}), as a JSON array. */
    public String contacts;

    /** Her liaison preference (NONE, POLICE, CARE, BOTH). */
    public String liaison;

    /** Which card fields may be passed to police, as a JSON array. */
    @Column(name = "police_fields")
    public String policeFields;

    @Column(name = "fetched_at", nullable = false)
    public Instant fetchedAt;
}

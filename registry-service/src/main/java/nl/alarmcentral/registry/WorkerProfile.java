package nl.alarmcentral.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * What a worker keeps about herself for the dispatcher: her working name (there is no field for a
 * legal name, anywhere), a safety note, the languages she speaks, a call-back number and her
 * liaison preference. Every personal field is stored encrypted with her own data key
 * ({@link WorkerKey}), also when empty; the columns hold ciphertext only. A stored profile is what
 * makes her registered.
 */
@Entity
@Table(name = "worker_profile")
public class WorkerProfile {

    /** Her account id (the token subject). */
    @Id
    @Column(name = "worker_id")
    public String workerId;

    /** Encrypted working name. */
    @Column(name = "working_name", nullable = false)
    public byte[] workingName;

    /** Encrypted safety note (empty when she has none; null only in rows older than issue 4). */
    @Column(name = "safety_note")
    public byte[] safetyNote;

    /** Encrypted JSON list of ISO 639-1 codes. */
    @Column(name = "languages")
    public byte[] languages;

    /** Encrypted call-back number (empty when she has none). */
    @Column(name = "call_back_number")
    public byte[] callBackNumber;

    /** Encrypted liaison preference ({@code NONE}, {@code POLICE}, {@code CARE}, {@code BOTH}). */
    @Column(name = "liaison")
    public byte[] liaison;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}

package nl.alarmcentral.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * What a worker keeps about herself for the dispatcher: her working name (there is no field for a
 * legal name, anywhere) and a safety note. Every personal field is stored encrypted with her own
 * data key ({@link WorkerKey}); the columns hold ciphertext only.
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

    /** Encrypted safety note, or null. */
    @Column(name = "safety_note")
    public byte[] safetyNote;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}

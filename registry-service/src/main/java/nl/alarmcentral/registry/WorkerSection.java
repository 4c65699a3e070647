package nl.alarmcentral.registry;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/**
 * One part of a worker's registration ({@link Section}) as a single JSON document encrypted with
 * her data key. One document per part, rather than a row per address or contact, so that a copy
 * of the database does not even show how many addresses or contacts she has.
 */
@Entity
@Table(name = "worker_section")
public class WorkerSection {

    @EmbeddedId
    public Key id;

    /** The encrypted JSON document. */
    @Column(nullable = false)
    public byte[] content;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Primary key: her id and the part. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "worker_id")
        public String workerId;

        @Enumerated(EnumType.STRING)
        @Column(name = "section")
        public Section section;

        public Key() {
        }

        public Key(String workerId, Section section) {
            this.workerId = workerId;
            this.section = section;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(workerId, key.workerId) && section == key.section;
        }

        @Override
        public int hashCode() {
            return Objects.hash(workerId, section);
        }
    }
}

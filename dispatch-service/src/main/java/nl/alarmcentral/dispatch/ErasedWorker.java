package nl.alarmcentral.dispatch;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A worker who withdrew (a tombstone on {@code worker.registrations}). Her cards and alarms'
 * details were dropped from memory when it arrived (on every other instance at its next card or
 * details round, which finds her id here); her id stays so that nothing personal about her is
 * kept again (a fetch that was under way, an alarm that was still on its way, a restart that
 * would fetch her open incident's card again). Id and time only.
 */
@Entity
@Table(name = "erased_worker")
public class ErasedWorker {

    @Id
    @Column(name = "worker_id")
    public String workerId;

    @Column(name = "erased_at", nullable = false)
    public Instant erasedAt;
}

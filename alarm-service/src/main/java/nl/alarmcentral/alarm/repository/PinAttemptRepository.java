package nl.alarmcentral.alarm.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.PinAttempt;
import nl.alarmcentral.alarm.PinOutcome;

/** The audit of PIN attempts; also where wrong PINs are counted towards a lock. */
@ApplicationScoped
public class PinAttemptRepository implements PanacheRepositoryBase<PinAttempt, Long> {

    /** Her wrong PINs after {@code since}. */
    public Uni<Long> countWrongSince(String workerId, Instant since) {
        return count("workerId = ?1 and outcome = ?2 and attemptedAt > ?3", workerId, PinOutcome.WRONG, since);
    }
}

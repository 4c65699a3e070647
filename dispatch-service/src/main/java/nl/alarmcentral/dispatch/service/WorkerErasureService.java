package nl.alarmcentral.dispatch.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.repository.ErasedWorkerRepository;

/**
 * Erases what dispatch holds about a worker who withdrew (a tombstone on
 * {@code worker.registrations}), at once and in one transaction: what dispatchers typed on her
 * incidents' timelines, and every dispatch card and alarm's details (positions, timer notes) of hers
 * this instance holds in memory ({@link IncidentCardStore}; none is in the database). Other
 * instances replace theirs by "none" at their next card or details round (within
 * {@code dispatch.card-retry-interval}), where they find her id. Her incidents keep only ids,
 * kinds, channels and times; their card and details show as "none". Her closed incidents lose her
 * id (what is kept for statistics names her no longer); one not closed keeps it until it closes,
 * when {@link IncidentService#closeLocked} detaches it (a coercer could make her withdraw: help must
 * go on). Her published incident events are deleted; unpublished ones are still owed to the registry
 * and alarm-service and are deleted once published ({@link IncidentEventRelay}). Her id is kept
 * ({@code erased_worker}) so that nothing fetched later is kept again. Her button's warnings lose her id. Erasing twice changes nothing.
 *
 * <p>Her incidents are locked first (by updating them, which also makes the consoles reread them),
 * as {@link IncidentService#storeCard} and {@link IncidentService#storeDetails} lock them, so a card
 * or details being stored at the same moment are either replaced here or refused there.
 */
@ApplicationScoped
public class WorkerErasureService {

    private static final Logger LOG = Logger.getLogger(WorkerErasureService.class);

    private static final String HER_INCIDENTS = "(SELECT id FROM incident WHERE worker_id = :workerId)";

    private final ErasedWorkerRepository erasedWorkers;
    private final IncidentCardStore memory;

    public WorkerErasureService(ErasedWorkerRepository erasedWorkers, IncidentCardStore memory) {
        this.erasedWorkers = erasedWorkers;
        this.memory = memory;
    }

    @WithTransaction
    public Uni<Void> erase(String workerId) {
        return erasedWorkers.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO erased_worker (worker_id, erased_at) VALUES (:workerId, now()) "
                        + "ON CONFLICT (worker_id) DO NOTHING")
                .setParameter("workerId", workerId).executeUpdate()
                .flatMap(ignored -> session.createNativeQuery("UPDATE incident SET version = version + 1, changed_at = now() "
                        + "WHERE worker_id = :workerId").setParameter("workerId", workerId).executeUpdate())
                // Under the lock of her incidents, before the commit: no console reread of the new
                // version can still find her card here.
                .invoke(ignored -> memory.erase(workerId, Instant.now()))
                // What dispatchers typed about her (notes, references) may name her: erased, the entries stay.
                .flatMap(incidents -> session.createNativeQuery("UPDATE incident_action SET text = NULL "
                        + "WHERE text IS NOT NULL AND incident_id IN " + HER_INCIDENTS)
                        .setParameter("workerId", workerId).executeUpdate()
                        .invoke(notes -> LOG.infof("A worker was erased: %d incident(s), %d note(s); her cards and alarm "
                                + "details in this instance's memory dropped", incidents, notes)))
                // What is kept of her closed incidents for statistics names her no longer. One not
                // closed keeps her id until it closes (IncidentService#closeLocked): help goes on.
                .flatMap(ignored -> session.createNativeQuery("UPDATE incident SET worker_id = NULL "
                        + "WHERE worker_id = :workerId AND status = 'CLOSED'").setParameter("workerId", workerId).executeUpdate())
                // Events already published are owed to no one; unpublished ones still are (the registry
                // and alarm-service must hear of the incident) and go once published (IncidentEventRelay).
                .flatMap(detached -> session.createNativeQuery("DELETE FROM incident_outbox WHERE worker_id = :workerId "
                        + "AND published_at IS NOT NULL").setParameter("workerId", workerId).executeUpdate()
                        .invoke(events -> LOG.infof("A worker was erased: %d closed incident(s) detached, %d published "
                                + "event(s) deleted", detached, events)))
                // Her button's warnings are shown by incident; none is read by worker.
                .flatMap(ignored -> session.createNativeQuery("UPDATE device_warning SET worker_id = NULL "
                        + "WHERE worker_id = :workerId").setParameter("workerId", workerId).executeUpdate()))
                .replaceWithVoid();
    }
}

package nl.alarmcentral.dispatch.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.repository.ErasedWorkerRepository;

/**
 * Erases what dispatch holds about a worker who withdrew (a tombstone on
 * {@code worker.registrations}), at once and in one transaction: every dispatch card copy and every
 * alarm's claim-checked details (positions, timer notes) of all her incidents, open or closed, and
 * what dispatchers typed on their timelines. Her
 * incidents keep only ids, kinds, channels and times; their card and details show as "none". Her
 * id is kept ({@code erased_worker}) so that nothing fetched later is stored again. Erasing twice
 * changes nothing.
 *
 * <p>Her incidents are locked first (by updating them), in the same order as
 * {@link IncidentService#storeCard} and {@link IncidentService#storeDetails} lock them, so a card or
 * details being stored at the same moment are either deleted here or refused there.
 */
@ApplicationScoped
public class WorkerErasureService {

    private static final Logger LOG = Logger.getLogger(WorkerErasureService.class);

    private static final String HER_INCIDENTS = "(SELECT id FROM incident WHERE worker_id = :workerId)";

    private final ErasedWorkerRepository erasedWorkers;

    public WorkerErasureService(ErasedWorkerRepository erasedWorkers) {
        this.erasedWorkers = erasedWorkers;
    }

    @WithTransaction
    public Uni<Void> erase(String workerId) {
        return erasedWorkers.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO erased_worker (worker_id, erased_at) VALUES (:workerId, now()) "
                        + "ON CONFLICT (worker_id) DO NOTHING")
                .setParameter("workerId", workerId).executeUpdate()
                .flatMap(ignored -> session.createNativeQuery("UPDATE incident SET card_status = 'NONE', version = version + 1, changed_at = now() "
                        + "WHERE worker_id = :workerId").setParameter("workerId", workerId).executeUpdate())
                .flatMap(ignored -> session.createNativeQuery("UPDATE incident_alarm SET details_status = 'NONE' "
                        + "WHERE details_status <> 'NONE' AND incident_id IN " + HER_INCIDENTS)
                        .setParameter("workerId", workerId).executeUpdate())
                // What dispatchers typed about her (notes, references) may name her: erased, the entries stay.
                .flatMap(ignored -> session.createNativeQuery("UPDATE incident_action SET text = NULL "
                        + "WHERE text IS NOT NULL AND incident_id IN " + HER_INCIDENTS)
                        .setParameter("workerId", workerId).executeUpdate())
                .flatMap(ignored -> session.createNativeQuery("DELETE FROM incident_alarm_details WHERE incident_id IN "
                        + HER_INCIDENTS).setParameter("workerId", workerId).executeUpdate())
                .flatMap(details -> session.createNativeQuery("DELETE FROM incident_card WHERE incident_id IN "
                        + HER_INCIDENTS).setParameter("workerId", workerId).executeUpdate()
                        .invoke(cards -> LOG.infof("Worker %s erased: %d card(s) and %d alarm detail(s) deleted",
                                workerId, cards, details))))
                .replaceWithVoid();
    }
}

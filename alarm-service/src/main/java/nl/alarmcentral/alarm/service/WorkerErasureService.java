package nl.alarmcentral.alarm.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.repository.AlarmRepository;

/**
 * Erases what alarm-service holds about a worker who withdrew (a tombstone on
 * {@code worker.registrations}), at once and in one transaction: her PIN hashes and the audit of
 * her PIN attempts, her safety timers with their notes, the positions of her alarms, and her
 * buttons (their encrypted secrets, replay guards and warnings; registry-service also unbinds them
 * on {@code device.bindings}), her public sealing keyset, and the positions this instance holds in memory for alarms accepted
 * while the database was away ({@link UnstoredAlarms}). Her alarm rows are detached (no worker id,
 * no client reference: ids, kinds, channels and times stay for statistics, and which alarms were
 * cancelled when) and her published outbox events deleted (their payload names her). What the
 * broker has not acknowledged yet keeps her id: it is still owed to dispatch. With her public
 * keyset deleted nothing is sealed to her afterwards: a position another instance holds in memory
 * from such an outage (only the instance that reads the tombstone drops its memory) is no longer
 * written once the erasure has committed, because it could only be stored sealed; a row written
 * from the topic for such an alarm ({@code AlarmRowFollower}) still names her until the retention
 * job reduces it. Sealed bytes left anywhere (WAL, backups) open only with her private keyset,
 * which the registry destroys. Erasing twice changes nothing.
 */
@ApplicationScoped
public class WorkerErasureService {

    private static final Logger LOG = Logger.getLogger(WorkerErasureService.class);

    private static final String[] STATEMENTS = {
        "DELETE FROM pin_attempt WHERE worker_id = :workerId",
        "DELETE FROM worker_pins WHERE worker_id = :workerId",
        "DELETE FROM safety_timer WHERE worker_id = :workerId",
        "UPDATE alarm SET " + AlarmRetention.CLEAR_POSITION + " WHERE worker_id = :workerId AND "
                + AlarmRetention.HOLDS_POSITION,
        // Her alarms no longer name her; one the broker has not acknowledged yet keeps her id until the
        // relay has published it (it is an alarm, and she is its Kafka key), then the retention job's.
        "UPDATE alarm SET worker_id = NULL, client_ref = NULL WHERE worker_id = :workerId "
                + "AND (published_at IS NOT NULL OR withdrawn_at IS NOT NULL)",
        // Published cancels, duresses and warnings: their payload names her (and her button). Nothing
        // needs them any more (a cancel is recognised by alarm_cancel); an unpublished one is still owed.
        "DELETE FROM outbox_event WHERE worker_id = :workerId AND published_at IS NOT NULL",
        "DELETE FROM device_signature WHERE device_id IN (SELECT device_id FROM bound_device WHERE worker_id = :workerId)",
        "DELETE FROM device_warning WHERE worker_id = :workerId",
        "DELETE FROM bound_device WHERE worker_id = :workerId",
        // Nothing is sealed to her any more.
        "DELETE FROM worker_sealing_key WHERE worker_id = :workerId",
    };

    private final AlarmRepository alarms;
    private final UnstoredAlarms unstored;

    public WorkerErasureService(AlarmRepository alarms, UnstoredAlarms unstored) {
        this.alarms = alarms;
        this.unstored = unstored;
    }

    @WithTransaction
    public Uni<Void> erase(String workerId) {
        // First the positions this instance holds in memory for alarms the database has not got yet.
        unstored.forgetWorker(workerId);
        return alarms.getSession().flatMap(session -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (String statement : STATEMENTS) {
                chain = chain.flatMap(total -> session.createNativeQuery(statement).setParameter("workerId", workerId)
                        .executeUpdate().map(rows -> total + rows));
            }
            return chain;
        }).invoke(rows -> LOG.infof("A worker was erased (%d rows deleted or cleared)", rows)).replaceWithVoid();
    }
}

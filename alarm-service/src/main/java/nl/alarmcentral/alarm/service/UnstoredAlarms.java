package nl.alarmcentral.alarm.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import nl.alarmcentral.alarm.Alarm;
import nl.alarmcentral.alarm.config.AlarmConfig;

/**
 * Alarms this instance accepted through the broker alone while the database was away, kept in
 * memory until their rows are written: the broker has the alarm, but not its position, which is
 * personal data and never goes onto Kafka. Bounded in number and age
 * ({@code alarm.unstored.*}); what is dropped, or lost when this instance dies before the database
 * is back, is the position only: the row itself follows from the topic ({@code AlarmRowFollower}).
 * A retry of the same press finds its alarm here and gets the same answer without a second event.
 */
@ApplicationScoped
public class UnstoredAlarms {

    private static final Logger LOG = Logger.getLogger(UnstoredAlarms.class);

    private final int maxAlarms;
    private final Duration maxAge;
    /** By alarm id, oldest first. */
    private final LinkedHashMap<UUID, Alarm> alarms = new LinkedHashMap<>();

    public UnstoredAlarms(AlarmConfig config) {
        this.maxAlarms = config.unstored().maxAlarms();
        this.maxAge = config.unstored().maxAge();
    }

    /** Keeps an alarm the broker acknowledged (with its position, if any) until its row is written. */
    public synchronized void put(Alarm alarm) {
        expire();
        while (alarms.size() >= maxAlarms) {
            Iterator<Map.Entry<UUID, Alarm>> oldest = alarms.entrySet().iterator();
            oldest.next();
            oldest.remove();
            LOG.warn("Too many alarms wait for the database; the oldest one's position is dropped");
        }
        alarms.put(alarm.alarmId, alarm);
    }

    /** The alarm of this id if this instance holds it, else null. */
    public synchronized Alarm find(UUID alarmId) {
        expire();
        return alarms.get(alarmId);
    }

    /** The alarms held, oldest first. */
    public synchronized List<Alarm> all() {
        expire();
        return new ArrayList<>(alarms.values());
    }

    /** Forgets an alarm whose row has been written. */
    public synchronized void written(UUID alarmId) {
        alarms.remove(alarmId);
    }

    /** Forgets everything about a worker who withdrew (her positions above all). */
    public synchronized void forgetWorker(String workerId) {
        alarms.values().removeIf(alarm -> alarm.workerId.equals(workerId));
    }

    /** How many alarms wait for the database here. */
    public synchronized int size() {
        return alarms.size();
    }

    private void expire() {
        Instant cutoff = Instant.now().minus(maxAge);
        Iterator<Alarm> it = alarms.values().iterator();
        while (it.hasNext()) {
            Alarm alarm = it.next();
            if (!alarm.publishedAt.isBefore(cutoff)) {
                return;
            }
            it.remove();
            LOG.warnf("Alarm %s waited longer than %s for the database; its position is dropped", alarm.alarmId, maxAge);
        }
    }
}

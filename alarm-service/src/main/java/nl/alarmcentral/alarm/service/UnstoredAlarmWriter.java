package nl.alarmcentral.alarm.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.Alarm;

/**
 * Writes the rows of the alarms this instance accepted through the broker alone
 * ({@link UnstoredAlarms}) once the database is back, with their positions. The row follower
 * ({@code AlarmRowFollower}) writes the same rows from the topic; whichever comes first inserts the
 * row and the other one changes nothing (or adds the position), so an alarm's position reaches its
 * row even when another instance's follower wrote the row.
 */
@ApplicationScoped
public class UnstoredAlarmWriter {

    private static final Logger LOG = Logger.getLogger(UnstoredAlarmWriter.class);

    private final UnstoredAlarms unstored;
    private final AlarmService alarms;

    public UnstoredAlarmWriter(UnstoredAlarms unstored, AlarmService alarms) {
        this.unstored = unstored;
        this.alarms = alarms;
    }

    @Scheduled(identity = "unstored-alarm-writer", every = "${alarm.unstored.write-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> writeRegularly() {
        return write()
                .onFailure().invoke(e -> LOG.debugf("Alarms still wait for the database (%s)", e.getClass().getName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Writes the rows held here, oldest first, each in its own transaction; stops at the first
     * failure (the database is still away) and tries again at the next run.
     *
     * @return how many rows were written
     */
    public Uni<Integer> write() {
        List<Alarm> waiting = unstored.all();
        if (waiting.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(waiting)
                .onItem().transformToUniAndConcatenate(alarm -> alarms.writeFollowed(alarm)
                        .invoke(() -> unstored.written(alarm.alarmId))
                        .replaceWith(alarm.alarmId))
                .collect().asList()
                .map(List::size)
                .invoke(count -> LOG.infof("Wrote the rows of %d alarm(s) accepted while the database was away", count));
    }
}

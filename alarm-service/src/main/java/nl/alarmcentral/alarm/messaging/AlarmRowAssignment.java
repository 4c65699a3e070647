package nl.alarmcentral.alarm.messaging;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Notices the first partition assignment of the row follower's consumer ({@link AlarmRowFollower},
 * channel {@code alarm-rows}): readiness waits for it, so that an instance in rotation is in its
 * group and writes the rows of alarms accepted while the database was away.
 */
@ApplicationScoped
@Identifier(AlarmRowAssignment.NAME)
public class AlarmRowAssignment implements KafkaConsumerRebalanceListener {

    /** The listener's name in the channel's configuration (application.properties). */
    public static final String NAME = "alarm-rows-rebalance";

    private final AtomicBoolean assigned = new AtomicBoolean();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.set(true);
    }

    /** Whether the consumer had its first assignment (an empty one counts: the group is stable). */
    public boolean hasAssignment() {
        return assigned.get();
    }
}

package nl.alarmcentral.contract.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * How every consumer of the central processes an event: until it is done. This is the one place
 * that decides when an event is given up on.
 *
 * <ul>
 * <li>A passing failure ({@link PassingFailures}: a database, broker or peer away) is waited out with
 * a bounded back-off, however long it lasts; the event is never dead-lettered for it. While it
 * waits, the event counts as delayed ({@link ConsumerGroups}). Events behind it in the same
 * partition wait too, so a worker's events stay in order; when the cause is gone, work resumes by
 * itself within {@link MessagingConfig#maxBackoff()}.</li>
 * <li>An {@link UnprocessableEventException} fails at once: the caller dead-letters the event.</li>
 * <li>Any other failure (a bug, a constraint) is retried for {@link MessagingConfig#giveUpAfter()},
 * then handed back to the caller, which dead-letters it, unless the caller must never give up
 * (an erasure: {@link Patience#FOREVER}).</li>
 * </ul>
 */
@ApplicationScoped
public class EventProcessing {

    private static final Logger LOG = Logger.getLogger(EventProcessing.class);

    /** While waiting, the log says so again after this long. */
    private static final Duration LOG_EVERY = Duration.ofSeconds(30);

    /** Whether an event may be given up on after a failure that is not passing. */
    public enum Patience {
        /** Dead-lettered after {@link MessagingConfig#giveUpAfter()} of failures that are not passing. */
        UNTIL_GIVEN_UP,
        /** Never given up on (a withdrawal must reach every store). */
        FOREVER
    }

    private final MessagingConfig config;
    private final ConsumerGroups groups;

    public EventProcessing(MessagingConfig config, ConsumerGroups groups) {
        this.config = config;
        this.groups = groups;
    }

    /**
     * Runs {@code work} until it succeeds, as the class comment describes.
     *
     * @param message  the event (its Kafka metadata names channel, partition and offset in logs and state)
     * @param work     processes the event; called again for every attempt
     * @param patience whether the event may be given up on
     * @return the work's result, or the failure the caller dead-letters
     */
    public <T> Uni<T> untilDone(Message<?> message, Supplier<Uni<T>> work, Patience patience) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        String channel = record == null ? "" : record.getChannel();
        String position = record == null ? "unknown position"
                : record.getTopic() + " partition " + record.getPartition() + " offset " + record.getOffset();
        AtomicReference<Instant> firstFailure = new AtomicReference<>();
        AtomicReference<Instant> lastLogged = new AtomicReference<>();
        AtomicInteger attempts = new AtomicInteger();
        return Uni.createFrom().deferred(() -> {
            attempts.incrementAndGet();
            return work.get();
        })
                .onFailure().invoke(failure -> {
                    Instant now = Instant.now();
                    if (firstFailure.compareAndSet(null, now)) {
                        groups.retrying(channel, position);
                    }
                    if (lastLogged.get() == null || Duration.between(lastLogged.get(), now).compareTo(LOG_EVERY) >= 0) {
                        lastLogged.set(now);
                        LOG.warnf("Event at %s failed (%s, %s); %s", position, failure.getClass().getName(),
                                PassingFailures.isPassing(failure) ? "passing" : "not passing",
                                willRetry(failure, firstFailure.get(), patience)
                                        ? "retrying, waiting " + Duration.between(firstFailure.get(), now).toSeconds() + " s so far"
                                        : "giving up");
                    }
                })
                .onFailure(failure -> willRetry(failure, firstFailure.get(), patience)).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff()).indefinitely()
                .onItemOrFailure().invoke((item, failure) -> {
                    if (firstFailure.get() != null) {
                        groups.done(channel, position);
                        if (failure == null) {
                            LOG.infof("Event at %s processed after %d attempt(s), %d s after its first failure", position,
                                    attempts.get(), Duration.between(firstFailure.get(), Instant.now()).toSeconds());
                        }
                    }
                });
    }

    private boolean willRetry(Throwable failure, Instant firstFailure, Patience patience) {
        if (failure instanceof UnprocessableEventException) {
            return false;
        }
        if (patience == Patience.FOREVER || PassingFailures.isPassing(failure)) {
            return true;
        }
        return firstFailure == null || Duration.between(firstFailure, Instant.now()).compareTo(config.giveUpAfter()) < 0;
    }
}

package nl.alarmcentral.contract.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.smallrye.reactive.messaging.kafka.impl.ReactiveKafkaConsumer;

/**
 * What a service knows about its own consumer groups, for readiness, health and the "alarms
 * delayed" banner. A channel takes part by naming this bean as its rebalance listener
 * ({@code mp.messaging.incoming.<channel>.consumer-rebalance-listener.name=}{@value #LISTENER});
 * each such channel has a consumer group of its own (one group per consuming job, so that a
 * consumer joining one job never rebalances another).
 *
 * <ul>
 * <li><b>Assigned</b>: every consumer of the channel (its {@code concurrency}) has received its
 * first assignment from the group coordinator (possibly empty: another instance may own the
 * partitions). Until then the service is not ready ({@link ServiceReadiness}).</li>
 * <li><b>Waiting</b>: events this service is retrying right now because of a passing failure
 * ({@link EventProcessing}), and, across every instance, events written but not yet processed
 * while the group's committed offsets stand still ({@link MessagingConfig#stallAfter()}): a
 * database away, or the partitions of an instance that died and whose session has not yet
 * expired. Both count as delayed; the gauge {@code alarmcentral.events.waiting} shows how many.</li>
 * <li><b>Leaving</b>: when the service stops, its consumers leave their groups first thing, before
 * its database pool and HTTP server close, so that their partitions move to another instance at
 * once instead of waiting, unprocessed, for the rest of the shutdown.</li>
 * </ul>
 */
@ApplicationScoped
@Default
@Identifier(ConsumerGroups.LISTENER)
public class ConsumerGroups implements KafkaConsumerRebalanceListener {

    /** The name channels give as their {@code consumer-rebalance-listener.name}. */
    public static final String LISTENER = "alarmcentral-consumer-groups";

    private static final Logger LOG = Logger.getLogger(ConsumerGroups.class);
    private static final String INCOMING = "mp.messaging.incoming.";
    private static final String LISTENER_KEY = ".consumer-rebalance-listener.name";

    /** One consuming job: a channel, its topic, its group and how many consumers it runs. */
    public record Job(String channel, String topic, String group, int consumers) {
    }

    /**
     * A job's state.
     *
     * @param assigned      consumers of this instance that have had their first assignment
     * @param expected      consumers this instance runs for the job
     * @param waiting       events delayed (0 when nothing is)
     * @param delayedSince  when the delay began, or null
     */
    public record JobState(Job job, int assigned, int expected, long waiting, Instant delayedSince) {

        public boolean isAssigned() {
            return assigned >= expected;
        }

        public boolean isDelayed() {
            return delayedSince != null;
        }
    }

    private final MessagingConfig config;
    private final Map<String, Job> jobs;
    private final Optional<String> bootstrapServers;
    /**
     * How the services' Kafka clients reach and log in to the broker (TLS and SASL settings of the
     * default Kafka configuration, {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_*},
     * {@code KAFKA_SSL_*}): the admin client that watches the groups' progress must log in as its
     * service does, or on a broker that requires a user it would see nothing.
     */
    private final Map<String, Object> clientSecurity;
    /** Per group, the consumers that have had an assignment (identity, never equals). */
    private final Map<String, Set<Consumer<?, ?>>> assigned = new ConcurrentHashMap<>();
    /** Per group, the events being retried now, by partition and offset. */
    private final Map<String, Map<String, Instant>> retrying = new ConcurrentHashMap<>();
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private volatile Admin admin;

    /** What the last look at a group's offsets found. */
    private static final class Progress {
        Map<TopicPartition, Long> committed = Map.of();
        Instant movedAt = Instant.now();
        long lag;
        Instant stalledSince;
        /** The topic's ends at the last look since every consumer of the job was assigned, until caught up. */
        Map<TopicPartition, Long> endsAtLastLook;
        /** Whether the group's committed offsets have reached {@link #endsAtLastLook} (once true, stays). */
        boolean caughtUp;
    }

    private final KafkaClientService kafka;

    public ConsumerGroups(Config mpConfig, MessagingConfig config, MeterRegistry registry, KafkaClientService kafka) {
        this.config = config;
        this.kafka = kafka;
        this.jobs = Collections.unmodifiableMap(jobsOf(mpConfig));
        this.bootstrapServers = mpConfig.getOptionalValue("kafka.bootstrap.servers", String.class);
        this.clientSecurity = securityOf(mpConfig);
        for (Job job : jobs.values()) {
            assigned.put(job.group(), ConcurrentHashMap.newKeySet());
            retrying.put(job.group(), new ConcurrentHashMap<>());
            progress.put(job.group(), new Progress());
            Gauge.builder("alarmcentral.events.waiting", () -> state(job).waiting()).tag("topic", job.topic())
                    .description("Events written to the topic that wait for this consumer group because of a passing failure "
                            + "(database or broker away, an instance gone)")
                    .register(registry);
        }
    }

    /** The jobs of this service that take part (see the class comment), by group. */
    public Collection<Job> jobs() {
        return jobs.values();
    }

    /** The state of every job. */
    public List<JobState> states() {
        return jobs.values().stream().map(this::state).toList();
    }

    /** The state of the job of this consumer group, if it is one of this service's. */
    public Optional<JobState> state(String group) {
        return Optional.ofNullable(jobs.get(group)).map(this::state);
    }

    /** Whether every consumer of every job has had its first assignment. */
    public boolean allAssigned() {
        return states().stream().allMatch(JobState::isAssigned);
    }

    /**
     * Whether every job's group has caught up since this instance's consumers were first assigned:
     * at one progress look its committed offsets had reached the topic's ends of the look before
     * ({@link MessagingConfig#progressCheckInterval()} earlier), so nothing older than that waits.
     * After a restart with alarms waiting in Kafka, an instance that said ready before this had
     * later alarms queue behind its backlog (FailoverIT, the whole stack started again: up to 4 s).
     * Measured against the last look, not the first: alarms keep coming while an instance works off
     * a backlog, and a target fixed at the first look let it say ready while the alarms of its warm-up
     * still waited (a CI run: 8 s). Once true it stays true: a later backlog is a delay the health
     * check reports, not a reason to leave the load balancer. Without a broker configured (tests on
     * in-memory channels) nothing can wait.
     */
    public boolean allCaughtUp() {
        return bootstrapServers.isEmpty() || progress.values().stream().allMatch(seen -> {
            synchronized (seen) {
                return seen.caughtUp;
            }
        });
    }

    private JobState state(Job job) {
        Map<String, Instant> retried = retrying.get(job.group());
        Progress seen = progress.get(job.group());
        Instant localSince = retried.values().stream().min(Instant::compareTo).orElse(null);
        Instant since = localSince == null ? seen.stalledSince
                : seen.stalledSince == null || localSince.isBefore(seen.stalledSince) ? localSince : seen.stalledSince;
        long waiting = since == null ? 0 : Math.max(retried.size(), seen.stalledSince == null ? 0 : seen.lag);
        return new JobState(job, assigned.get(job.group()).size(), job.consumers(), waiting, since);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        String group = consumer.groupMetadata().groupId();
        Set<Consumer<?, ?>> consumers = assigned.get(group);
        if (consumers != null && consumers.add(consumer)) {
            LOG.infof("A consumer of group %s has its first assignment (%d partition(s))", group, partitions.size());
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Readiness is about the first assignment only; progress is judged by the group's offsets.
    }

    /** {@link EventProcessing}: an event of this channel is being retried. */
    void retrying(String channel, String position) {
        Map<String, Instant> retried = retriedOf(channel);
        if (retried != null) {
            retried.putIfAbsent(position, Instant.now());
        }
    }

    /** {@link EventProcessing}: the event is done (processed or dead-lettered). */
    void done(String channel, String position) {
        Map<String, Instant> retried = retriedOf(channel);
        if (retried != null) {
            retried.remove(position);
        }
    }

    /** The events retried on a channel ({@code alarm-events}, or a concurrent copy {@code alarm-events$2}). */
    private Map<String, Instant> retriedOf(String channel) {
        int copy = channel.indexOf('$');
        String name = copy < 0 ? channel : channel.substring(0, copy);
        return jobs.values().stream().filter(job -> job.channel().equals(name)).findFirst()
                .map(job -> retrying.get(job.group())).orElse(null);
    }

    /**
     * Compares each group's committed offsets with the topic's ends. Runs on a worker thread; the
     * broker being away only means nothing new is learnt.
     */
    @Scheduled(every = "${alarmcentral.messaging.progress-check-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkProgress() {
        if (jobs.isEmpty() || bootstrapServers.isEmpty()) {
            return;
        }
        for (Job job : jobs.values()) {
            try {
                look(job);
            } catch (Exception e) {
                LOG.debugf("Could not read the progress of group %s: %s", job.group(), e.getClass().getSimpleName());
            }
        }
    }

    private void look(Job job) throws Exception {
        Admin client = admin();
        Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(job.group())
                .partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        client.describeTopics(List.of(job.topic())).allTopicNames().get(3, TimeUnit.SECONDS).get(job.topic()).partitions()
                .forEach(p -> ends.put(new TopicPartition(job.topic(), p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = client.listOffsets(ends).all().get(3, TimeUnit.SECONDS);
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        long lag = 0;
        for (var end : latest.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            // A partition the group never committed on: nothing is known to wait there.
            long position = at == null ? end.getValue().offset() : at.offset();
            positions.put(end.getKey(), position);
            lag += Math.max(0, end.getValue().offset() - position);
        }
        Progress seen = progress.get(job.group());
        Instant now = Instant.now();
        boolean assignedNow = state(job).isAssigned();
        synchronized (seen) {
            if (!seen.caughtUp && assignedNow) {
                Map<TopicPartition, Long> endsNow = new HashMap<>();
                latest.forEach((partition, end) -> endsNow.put(partition, end.offset()));
                // The target is the ends of the look before: what still waits is at most one look old.
                Map<TopicPartition, Long> target = seen.endsAtLastLook == null ? endsNow : seen.endsAtLastLook;
                seen.caughtUp = target.entrySet().stream()
                        .allMatch(end -> positions.getOrDefault(end.getKey(), Long.MAX_VALUE) >= end.getValue());
                seen.endsAtLastLook = endsNow;
                if (seen.caughtUp) {
                    LOG.infof("Group %s on %s has caught up: nothing older than its last progress look waits",
                            job.group(), job.topic());
                }
            }
            if (lag == 0 || !positions.equals(seen.committed)) {
                seen.movedAt = now;
            }
            seen.committed = positions;
            seen.lag = lag;
            boolean stalled = lag > 0 && !Duration.between(seen.movedAt, now).minus(config.stallAfter()).isNegative();
            if (stalled && seen.stalledSince == null) {
                seen.stalledSince = seen.movedAt;
                LOG.warnf("Group %s on %s has stood still for %d s with %d event(s) waiting", job.group(), job.topic(),
                        Duration.between(seen.movedAt, now).toSeconds(), lag);
            } else if (!stalled && seen.stalledSince != null) {
                LOG.infof("Group %s on %s moves again after %d s", job.group(), job.topic(),
                        Duration.between(seen.stalledSince, now).toSeconds());
                seen.stalledSince = null;
            }
        }
    }

    /**
     * The TLS and SASL settings of the default Kafka configuration ({@code kafka.security.*},
     * {@code kafka.sasl.*}, {@code kafka.ssl.*}, also as {@code KAFKA_SASL_JAAS_CONFIG} and the like
     * in the environment), named as a Kafka client takes them: read as Quarkus reads the default
     * Kafka configuration that every channel gets (lower case, {@code _} as {@code .}).
     */
    static Map<String, Object> securityOf(Config mpConfig) {
        Map<String, Object> security = new HashMap<>();
        for (String name : mpConfig.getPropertyNames()) {
            String normalised = name.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
            if (!normalised.startsWith("kafka.")) {
                continue;
            }
            String key = normalised.substring("kafka.".length());
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                mpConfig.getOptionalValue(name, String.class).ifPresent(value -> security.put(key, value));
            }
        }
        return security;
    }

    private Admin admin() {
        Admin client = admin;
        if (client == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> settings = new HashMap<>(clientSecurity);
                    settings.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.orElseThrow(),
                            AdminClientConfig.CLIENT_ID_CONFIG, "alarmcentral-progress",
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2500,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
                    admin = Admin.create(settings);
                }
                client = admin;
            }
        }
        return client;
    }

    /**
     * Leaves every job's group as the first step of a stop. The connector would close its consumers
     * only at the very end, after the database pool: in between, the partitions stay with this
     * instance and their events wait. The event in hand when a consumer closes is not committed and
     * goes to the partition's next owner, which recognises a repeat by its id.
     */
    void leaveGroups(@Observes @Priority(1) ShutdownEvent event) {
        long start = System.nanoTime();
        List<KafkaConsumer<?, ?>> toClose = new ArrayList<>();
        for (String channel : kafka.getConsumerChannels()) {
            // A channel with concurrency N runs as channel$1 ... channel$N.
            int copy = channel.indexOf('$');
            String name = copy < 0 ? channel : channel.substring(0, copy);
            if (jobs.values().stream().anyMatch(job -> job.channel().equals(name))) {
                toClose.addAll(kafka.getConsumers(channel));
            }
        }
        // Side by side: each close waits for its consumer's leave to be sent.
        int closed = toClose.parallelStream().mapToInt(consumer -> close(consumer) ? 1 : 0).sum();
        if (closed > 0) {
            LOG.infof("Stopping: %d consumer(s) left their groups in %d ms", closed, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static boolean close(KafkaConsumer<?, ?> consumer) {
        // The connector's own consumer class: closing it ends its polling, then leaves the group.
        if (consumer instanceof ReactiveKafkaConsumer<?, ?> reactive) {
            try {
                reactive.close();
                return true;
            } catch (RuntimeException e) {
                LOG.debugf("A consumer did not close cleanly: %s", e.getClass().getSimpleName());
            }
        }
        return false;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** The channels that name this bean as their rebalance listener, by group. */
    private static Map<String, Job> jobsOf(Config config) {
        Map<String, Job> found = new LinkedHashMap<>();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(INCOMING) || !name.endsWith(LISTENER_KEY)
                    || !LISTENER.equals(config.getOptionalValue(name, String.class).orElse(null))) {
                continue;
            }
            String channel = name.substring(INCOMING.length(), name.length() - LISTENER_KEY.length());
            String prefix = INCOMING + channel + ".";
            String topic = config.getOptionalValue(prefix + "topic", String.class).orElse(channel);
            String group = config.getOptionalValue(prefix + "group.id", String.class)
                    .orElseThrow(() -> new IllegalStateException("Channel " + channel + " needs its own group.id"));
            int consumers = config.getOptionalValue(prefix + "concurrency", Integer.class).orElse(1);
            Job before = found.put(group, new Job(channel, topic, group, consumers));
            if (before != null) {
                throw new IllegalStateException("Channels " + before.channel() + " and " + channel + " share group " + group
                        + ": each consuming job needs a group of its own");
            }
        }
        return found;
    }
}

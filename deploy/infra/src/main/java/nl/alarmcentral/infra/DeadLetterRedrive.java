package nl.alarmcentral.infra;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import nl.alarmcentral.contract.event.Topics;

/**
 * Re-drives events parked on a dead-letter topic ({@code alarm.events.dlq}, {@code incident.events.dlq})
 * to the topic they came from, so that a parked alarm still becomes an incident once the reason it
 * was parked is gone (docs/operations.md, "Dead letters"). Without it a dead-letter topic is a
 * place where alarms go to be forgotten.
 *
 * <p>What it relies on: the consumers' dead-letter failure strategy (SmallRye Reactive Messaging
 * Kafka 4.33, {@code KafkaDeadLetterQueue}) parks the original key, value and headers (the
 * CloudEvent {@code ce_*} headers, binary mode) and adds its own {@code dead-letter-*} headers,
 * among them {@code dead-letter-topic}, the topic the event was read from. A record without that
 * header, or naming a topic other than the one this dead-letter topic parks for, was not parked by
 * the failure strategy and is refused (left where it is, reported, exit code {@value #EXIT_REFUSED}).
 *
 * <p>Each record is republished with its key, value and original headers (minus {@code dead-letter-*},
 * plus {@value #REDRIVEN_AT_HEADER}), with {@code acks=all} and an idempotent producer; this tool's
 * consumer group then commits the record's offset on the dead-letter topic, only after the broker
 * acknowledged the copy. A run that stops half-way is therefore simply run again: what was
 * re-driven twice is recognised by the consumers, which record every CloudEvent id once. Only
 * metadata is printed (offset, time, CloudEvent type and id, the reason), never a key or a payload.
 */
public final class DeadLetterRedrive {

    /** Everything there was to do is done (also when there was nothing). */
    public static final int EXIT_OK = 0;
    /** Kafka could not be reached, or did not acknowledge a republished record: run again later. */
    public static final int EXIT_FAILED = 1;
    /** Some records were not re-driven because they lack a usable {@code dead-letter-topic} header. */
    public static final int EXIT_REFUSED = 2;
    /** The command line was wrong. */
    public static final int EXIT_USAGE = 64;

    /** Header on a republished record: when it was re-driven (ISO-8601 instant). */
    public static final String REDRIVEN_AT_HEADER = "alarmcentral-redriven-at";
    /** Consumer group whose offsets on the dead-letter topics say what has been re-driven. */
    public static final String DEFAULT_GROUP = "alarmcentral-redrive";

    /** Prefix of the headers the failure strategy adds; none of them goes back to the original topic. */
    static final String DEAD_LETTER_PREFIX = "dead-letter-";
    static final String DEAD_LETTER_TOPIC = "dead-letter-topic";
    static final String DEAD_LETTER_PARTITION = "dead-letter-partition";
    static final String DEAD_LETTER_OFFSET = "dead-letter-offset";
    static final String DEAD_LETTER_REASON = "dead-letter-reason";

    /** Each dead-letter topic and the one topic whose consumer parks events on it. */
    static final Map<String, String> SOURCE_OF = Map.of(
            Topics.ALARM_EVENTS_DEAD_LETTER, Topics.ALARM_EVENTS,
            Topics.INCIDENT_EVENTS_DEAD_LETTER, Topics.INCIDENT_EVENTS);

    /** How long to wait for the broker before telling the person it cannot be reached. */
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(15);
    /** Longest reason printed: enough to act on, short enough for one line. */
    private static final int MAX_REASON_LENGTH = 160;

    static final String USAGE = """
            Usage: deploy/ops/redrive.sh --bootstrap HOST:PORT --topic alarm.events.dlq|incident.events.dlq [options]
              --dry-run          only list what would be re-driven; publish and commit nothing
              --max N            handle at most N records (the oldest first)
              --group NAME       consumer group that remembers what was re-driven (default alarmcentral-redrive)
              --from-beginning   start at the oldest record still on the topic, not where the group stopped
                                 (with --dry-run: list everything parked; without: re-drive it all again)
              --help             this text
            Lists each parked record (offset, when it was parked, CloudEvent type and id, the reason) and,
            without --dry-run, republishes it to the topic it came from. Exit codes: 0 done, 1 Kafka failed
            (run again), 2 some records refused (see the lines marked REFUSED), 64 wrong command line.
            """;

    /** The command line. */
    record Options(String bootstrap, String topic, boolean dryRun, long max, String group, boolean fromBeginning) {

        static Options parse(String[] args) {
            Deque<String> queue = new ArrayDeque<>(List.of(args));
            String bootstrap = null;
            String topic = null;
            boolean dryRun = false;
            long max = Long.MAX_VALUE;
            String group = DEFAULT_GROUP;
            boolean fromBeginning = false;
            while (!queue.isEmpty()) {
                String option = queue.poll();
                switch (option) {
                    case "--bootstrap" -> bootstrap = value(queue, option);
                    case "--topic" -> topic = value(queue, option);
                    case "--dry-run" -> dryRun = true;
                    case "--max" -> max = positive(value(queue, option), option);
                    case "--group" -> group = value(queue, option);
                    case "--from-beginning" -> fromBeginning = true;
                    case "--help", "-h" -> throw new UsageException(null);
                    default -> throw new UsageException("Unknown option " + option);
                }
            }
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new UsageException("--bootstrap is required (the Kafka broker, e.g. 127.0.0.1:9092)");
            }
            if (topic == null || !SOURCE_OF.containsKey(topic)) {
                throw new UsageException("--topic must be one of the dead-letter topics " + SOURCE_OF.keySet().stream().sorted().toList()
                        + (topic == null ? "" : ", not " + topic));
            }
            return new Options(bootstrap, topic, dryRun, max, group, fromBeginning);
        }

        private static String value(Deque<String> queue, String option) {
            String value = queue.poll();
            if (value == null || value.startsWith("--")) {
                throw new UsageException(option + " needs a value");
            }
            return value;
        }

        private static long positive(String value, String option) {
            try {
                long n = Long.parseLong(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(option + " must be a positive number, not " + value);
        }
    }

    /** A wrong command line; a null message means: only show the usage. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private final Options options;
    private final PrintStream out;

    private DeadLetterRedrive(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line {@code args}; what a person reads goes to {@code out}, problems to {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            if (e.getMessage() == null) {
                out.print(USAGE);
                return EXIT_OK;
            }
            err.println("redrive: " + e.getMessage() + " (--help lists the options)");
            return EXIT_USAGE;
        }
        try {
            return new DeadLetterRedrive(options, out).redrive();
        } catch (KafkaException | InfraException e) {
            err.println("redrive: FAILED with Kafka at " + options.bootstrap() + ": " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
            err.println("redrive: the lines marked \"re-driven\" above are done and committed, nothing else is. Run the same"
                    + " command again once Kafka is reachable and healthy: it goes on where this run stopped (an event"
                    + " re-driven twice is recorded once).");
            return EXIT_FAILED;
        }
    }

    private int redrive() {
        String dlq = options.topic();
        String source = SOURCE_OF.get(dlq);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, dlq);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, BROKER_TIMEOUT);
            Map<TopicPartition, Long> start = startOffsets(consumer, partitions);
            long waiting = 0;
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, start.get(tp));
                waiting += Math.max(0, end.get(tp) - start.get(tp));
            }
            out.printf("%s: %d record(s) %s (group %s)%s%n", dlq, waiting,
                    options.fromBeginning() ? "on the topic" : "not re-driven yet", options.group(),
                    options.dryRun() ? "; dry run: nothing is published or committed" : "");
            if (waiting == 0) {
                out.println("Nothing to re-drive.");
                return EXIT_OK;
            }
            try (KafkaProducer<byte[], byte[]> producer = options.dryRun() ? null : producer()) {
                Counts counts = loop(consumer, producer, end, source);
                out.printf("%s: %d %s, %d refused, %d left for a later run%n", dlq, counts.handled - counts.refused,
                        options.dryRun() ? "to re-drive" : "re-driven", counts.refused, waiting - counts.handled);
                if (counts.refused > 0) {
                    out.printf("Refused records stay on %s; they were not parked by the failure strategy. Look at them"
                            + " with --dry-run --from-beginning and the service's log.%n", dlq);
                    return EXIT_REFUSED;
                }
                return EXIT_OK;
            }
        }
    }

    /** Records handled (re-driven or refused) and refused. */
    private static final class Counts {
        long handled;
        long refused;
    }

    private Counts loop(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
            Map<TopicPartition, Long> end, String source) {
        Counts counts = new Counts();
        int idlePolls = 0;
        while (counts.handled < options.max() && !reachedEnd(consumer, end)) {
            var records = consumer.poll(Duration.ofMillis(500));
            if (records.isEmpty()) {
                // The records up to the end offsets exist; polls that bring none mean the broker is gone.
                if (++idlePolls * 500L > BROKER_TIMEOUT.toMillis()) {
                    throw new InfraException("no records arrived from " + options.topic() + " within " + BROKER_TIMEOUT.toSeconds() + " s");
                }
                continue;
            }
            idlePolls = 0;
            for (TopicPartition tp : records.partitions()) {
                for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                    if (counts.handled >= options.max() || record.offset() >= end.get(tp)) {
                        break;
                    }
                    counts.handled++;
                    if (!handle(record, producer, consumer, source)) {
                        counts.refused++;
                    }
                }
            }
        }
        return counts;
    }

    /** Re-drives (or, in a dry run, describes) one record; false if it is refused. */
    private boolean handle(ConsumerRecord<byte[], byte[]> record, KafkaProducer<byte[], byte[]> producer,
            KafkaConsumer<byte[], byte[]> consumer, String source) {
        String target = header(record.headers(), DEAD_LETTER_TOPIC);
        String line = describe(record);
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        if (target == null || !target.equals(source)) {
            out.printf("%s  REFUSED: %s%n", line, target == null
                    ? "no " + DEAD_LETTER_TOPIC + " header"
                    : DEAD_LETTER_TOPIC + " is " + printable(target) + ", but " + options.topic() + " parks events of " + source);
            commitRefused(consumer, tp, record);
            return false;
        }
        if (options.dryRun()) {
            out.printf("%s  would be re-driven to %s%n", line, target);
            return true;
        }
        ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(target, null, null, record.key(), record.value(),
                redrivenHeaders(record.headers()));
        RecordMetadata acked;
        try {
            acked = producer.send(copy).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while waiting for the broker's acknowledgement of offset " + record.offset(), e);
        } catch (ExecutionException e) {
            out.printf("%s  NOT re-driven: the broker did not acknowledge it (%s)%n", line, e.getCause());
            throw new InfraException("the broker did not acknowledge the copy of offset " + record.offset(), e.getCause());
        }
        consumer.commitSync(Map.of(tp, new OffsetAndMetadata(record.offset() + 1, "re-driven to " + target)), BROKER_TIMEOUT);
        out.printf("%s  re-driven to %s (partition %d, offset %d)%n", line, target, acked.partition(), acked.offset());
        return true;
    }

    /**
     * Outside a dry run the group moves past a refused record too: this tool can never re-drive it,
     * so a later run would only refuse it again, and it stays on the topic for whoever looks at it
     * with {@code --dry-run --from-beginning}. The records after it are not held up by it.
     */
    private void commitRefused(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, ConsumerRecord<byte[], byte[]> record) {
        if (!options.dryRun()) {
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(record.offset() + 1, "refused")), BROKER_TIMEOUT);
        }
    }

    /** One line of metadata: never the key or the payload. */
    private static String describe(ConsumerRecord<byte[], byte[]> record) {
        Headers h = record.headers();
        StringBuilder line = new StringBuilder();
        line.append("offset ").append(record.offset());
        if (record.partition() != 0) {
            line.append(" (partition ").append(record.partition()).append(')');
        }
        line.append("  parked ").append(Instant.ofEpochMilli(record.timestamp()));
        line.append("  type ").append(printable(header(h, "ce_type")));
        line.append("  id ").append(printable(header(h, "ce_id")));
        String from = header(h, DEAD_LETTER_TOPIC);
        if (from != null) {
            line.append("  from ").append(printable(from)).append('/').append(printable(header(h, DEAD_LETTER_PARTITION)))
                    .append('@').append(printable(header(h, DEAD_LETTER_OFFSET)));
        }
        line.append("  reason \"").append(printable(header(h, DEAD_LETTER_REASON))).append('"');
        String before = header(h, REDRIVEN_AT_HEADER);
        if (before != null) {
            line.append("  (re-driven before, at ").append(printable(before)).append(')');
        }
        return line.toString();
    }

    /** The original headers without the failure strategy's, plus when this copy was re-driven. */
    private static Headers redrivenHeaders(Headers parked) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : parked) {
            if (!header.key().startsWith(DEAD_LETTER_PREFIX) && !header.key().equals(REDRIVEN_AT_HEADER)) {
                headers.add(header);
            }
        }
        headers.add(REDRIVEN_AT_HEADER, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A header value fit for one line of a terminal: no control characters, not too long. */
    private static String printable(String value) {
        if (value == null) {
            return "-";
        }
        String clean = value.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > MAX_REASON_LENGTH ? clean.substring(0, MAX_REASON_LENGTH) + "..." : clean;
    }

    private boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), BROKER_TIMEOUT) >= e.getValue());
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, BROKER_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new InfraException("topic " + topic + " does not exist on " + options.bootstrap());
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
    }

    /** Where the group stopped (or the oldest record, for a new group or --from-beginning). */
    private Map<TopicPartition, Long> startOffsets(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, BROKER_TIMEOUT);
        if (options.fromBeginning()) {
            return beginning;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), BROKER_TIMEOUT);
        Map<TopicPartition, Long> start = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            // Records the group passed may have been deleted by retention since: never start before the oldest.
            start.put(tp, c == null ? beginning.get(tp) : Math.max(c.offset(), beginning.get(tp)));
        }
        return start;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, options.group());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "alarmcentral-redrive-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // If retention deleted records under the group's offset, start at the oldest left, never at the end.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(BROKER_TIMEOUT.toMillis()));
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "alarmcentral-redrive-" + UUID.randomUUID());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(BROKER_TIMEOUT.toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}

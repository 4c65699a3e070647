package nl.alarmcentral.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.Uuid;

import nl.alarmcentral.contract.event.Topics;

/**
 * Entry point of the Kafka child JVM: a real single-node KRaft broker (broker and controller in
 * one process) from the Apache Kafka jars. Formats its storage on first use, starts the broker,
 * creates the central's topics ({@link Topics#ALL}), prints {@value #READY_MARKER} once a client
 * can reach it, and stops when its parent goes away
 * ({@link ParentWatch}).
 *
 * <p>Arguments: {@code <data-dir> <port> <controller-port>}.
 */
public final class KafkaBrokerMain {

    /** Printed on standard output when the broker accepts clients. */
    public static final String READY_MARKER = "ALARMCENTRAL-KAFKA-READY";

    /** The broker's consumer-group settings, shared by the local stack and the tests' broker. */
    static final Map<String, String> GROUP_SETTINGS = Map.of(
            "group.consumer.min.session.timeout.ms", "3000",
            "group.consumer.session.timeout.ms", "6000",
            "group.consumer.min.heartbeat.interval.ms", "500",
            "group.consumer.heartbeat.interval.ms", "1000");

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Files.createDirectories(dataDir);

        Path config = dataDir.resolve("server.properties");
        writeConfig(config, dataDir.resolve("log"), port, controllerPort);
        if (!Files.exists(dataDir.resolve("log").resolve("meta.properties"))) {
            int code = kafka.tools.StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                    config.toString(), "--ignore-formatted"}, new PrintStream(System.out, true, StandardCharsets.UTF_8));
            if (code != 0) {
                throw new IllegalStateException("Formatting Kafka storage failed with code " + code);
            }
        }

        ParentWatch.install(() -> {
            // Kafka's own shutdown hook performs the controlled shutdown on System.exit.
        });
        Thread broker = new Thread(() -> kafka.Kafka.main(new String[] {config.toString()}), "kafka-main");
        broker.start();
        awaitClientsAndCreateTopics("127.0.0.1:" + port);
        System.out.println(READY_MARKER + " 127.0.0.1:" + port);
        System.out.flush();
        broker.join();
    }

    private static void writeConfig(Path file, Path logDir, int port, int controllerPort) throws IOException {
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Consumer groups (Kafka 4's consumer protocol, KIP-848): a member that dies without leaving
        // loses its partitions after 6 s instead of 45 s, and members learn of new assignments within
        // a second. Sized for an alarm central (docs/reliability.md, "Failover"); the same values are
        // in docker-compose.yml and the Strimzi Kafka resource.
        p.putAll(GROUP_SETTINGS);
        Properties props = new Properties();
        props.putAll(p);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(out, "Written by KafkaBrokerMain on every start");
        }
    }

    /**
     * Waits until clients can reach the broker, then creates the central's topics (consumers that
     * subscribe before a topic exists would otherwise see it only at their next metadata refresh).
     */
    private static void awaitClientsAndCreateTopics(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get();
                    break;
                } catch (Exception e) {
                    Thread.sleep(200);
                }
            }
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.ALL.stream().filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                                    spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE)))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        }
    }
}

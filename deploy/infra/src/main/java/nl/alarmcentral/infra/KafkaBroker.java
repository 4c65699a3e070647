package nl.alarmcentral.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real single-node Kafka broker in a child JVM ({@link KafkaBrokerMain}).
 */
public final class KafkaBroker implements AutoCloseable {

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaBroker(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the broker and waits until clients can reach it.
     *
     * @param dataDir        its storage; reused when it already holds a formatted log
     * @param port           client port on 127.0.0.1
     * @param controllerPort KRaft controller port on 127.0.0.1
     * @param logFile        where its output goes
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort, Path logFile) {
        ChildProcess process = ChildProcess.start("kafka",
                ChildJvm.command("512m", KafkaBrokerMain.class, List.of(dataDir.toString(), String.valueOf(port),
                        String.valueOf(controllerPort))),
                Map.of(), dataDir.getParent() == null ? Path.of(".") : dataDir.getParent(), logFile,
                line -> line.startsWith(KafkaBrokerMain.READY_MARKER), true);
        try {
            process.awaitReadyLine(Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new KafkaBroker(process, "127.0.0.1:" + port);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}

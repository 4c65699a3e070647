package nl.alarmcentral.alarm.outage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import nl.alarmcentral.infra.InfraException;
import nl.alarmcentral.infra.KafkaBroker;
import nl.alarmcentral.infra.Ports;

/**
 * A Kafka broker of its own for tests that stop and start the broker: the shared one
 * ({@code SharedTestInfra}) serves every other test class and must stay up. Same ports and data
 * folder on every start, so the application's producer finds it again.
 */
public class PrivateKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static Path dir;
    private static int port;
    private static int controllerPort;
    private static KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("alarm-service-private-kafka-");
        } catch (IOException e) {
            throw new InfraException("Cannot create a folder for the private broker", e);
        }
        port = Ports.free();
        controllerPort = Ports.free();
        startBroker();
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        stopBroker();
    }

    public static String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker again on its data (waits until clients can reach it). */
    public static synchronized void startBroker() {
        broker = KafkaBroker.start(dir.resolve("kafka"), port, controllerPort, dir.resolve("kafka.log"));
    }

    /** Stops the broker (the process this resource started, by its pid). */
    public static synchronized void stopBroker() {
        if (broker != null) {
            broker.process().stop(Duration.ofSeconds(20));
            broker = null;
        }
    }
}

package nl.alarmcentral.infra.test;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a Quarkus test at the real Kafka broker of {@link SharedTestInfra}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedTestInfra.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped when the JVM ends.
    }
}

package nl.alarmcentral.contract.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The admin client that watches the consumer groups logs in as its service does: on a broker that
 * requires a user (Kubernetes: SASL_SSL with SCRAM, docs/operations.md) it would otherwise see nothing,
 * and the "alarms delayed" banner and the waiting gauge would go blind.
 */
class ConsumerGroupsSecurityTest {

    @Test
    void takesTheTlsAndSaslSettingsOfTheDefaultKafkaConfigurationAsTheEnvironmentGivesThem() {
        var config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "kafka.ssl.truststore.type", "PEM",
                "kafka.bootstrap.servers", "broker:9093",
                "mp.messaging.incoming.x.sasl.mechanism", "PLAIN"), "test", 100)).build();

        assertThat(ConsumerGroups.securityOf(config)).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                Map.entry("ssl.truststore.type", "PEM"));
    }

    @Test
    void aPlainBrokerNeedsNothing() {
        var config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:9092"), "test", 100)).build();
        assertThat(ConsumerGroups.securityOf(config)).isEmpty();
    }
}

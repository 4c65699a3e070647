package nl.alarmcentral.contract.event;

/**
 * How a topic is created: wherever the central runs (local stack, tests, Compose, Kubernetes) the
 * topics exist before the services start, with these settings.
 *
 * @param name       the topic
 * @param partitions how many partitions (ordering holds per key, that is per worker)
 * @param compacted  whether only the latest record per key is kept (state topics)
 */
public record TopicSpec(String name, int partitions, boolean compacted) {
}

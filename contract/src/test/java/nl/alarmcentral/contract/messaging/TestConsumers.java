package nl.alarmcentral.contract.messaging;

import java.lang.reflect.Proxy;
import java.util.Optional;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;

/** Consumers as the connector hands them to {@link ConsumerGroups}, for tests of its bookkeeping. */
public final class TestConsumers {

    private TestConsumers() {
    }

    /** A consumer of {@code group}: only its group is read; each call is another consumer. */
    public static Consumer<?, ?> of(String group) {
        ConsumerGroupMetadata metadata = new ConsumerGroupMetadata(group, 1, "member", Optional.empty());
        return (Consumer<?, ?>) Proxy.newProxyInstance(Consumer.class.getClassLoader(), new Class<?>[] {Consumer.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "groupMetadata" -> metadata;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

package nl.alarmcentral.contract.messaging;

import java.time.Duration;

/** {@link MessagingConfig} for unit tests: the production rules with back-offs and waits shortened. */
public final class TestMessagingConfig implements MessagingConfig {

    public static final TestMessagingConfig SHORT = new TestMessagingConfig();

    private TestMessagingConfig() {
    }

    @Override
    public Duration initialBackoff() {
        return Duration.ofMillis(2);
    }

    @Override
    public Duration maxBackoff() {
        return Duration.ofMillis(20);
    }

    @Override
    public Duration giveUpAfter() {
        return Duration.ofMillis(300);
    }

    @Override
    public Duration progressCheckInterval() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration stallAfter() {
        return Duration.ofSeconds(5);
    }

    @Override
    public boolean readyWhenAssigned() {
        return true;
    }
}

package nl.alarmcentral.contract.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * When a warm-up stops, that the service is not ready before it has and is ready after it (also
 * when it fails), and that every round runs on the warm-up's own safe Vert.x context. Rounds here
 * are stand-ins; the services' tests run their real paths.
 */
class PathWarmupTest {

    private final Vertx vertx = Vertx.vertx();
    private final ServiceReadiness readiness = new ServiceReadiness(new ConsumerGroups(
            new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(), "test", 100)).build(),
            TestMessagingConfig.SHORT, new SimpleMeterRegistry(), null), TestMessagingConfig.SHORT);
    private final PathWarmup warmup = new PathWarmup(readiness, vertx);

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theServiceIsReadyOnlyOnceTheRoundsAreWarm() throws Exception {
        CompletableFuture<Void> firstRound = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();

        var finished = warmup.start("test path", new PathWarmup.Limits(300, Duration.ofSeconds(30), 5, Duration.ofSeconds(1)),
                () -> Uni.createFrom().voidItem(),
                () -> calls.incrementAndGet() == 1 ? Uni.createFrom().completionStage(firstRound) : Uni.createFrom().voidItem());

        awaitCalls(calls, 1);
        assertThat(calls).hasValue(1);
        assertThat(readiness.isReady()).isFalse();
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(readiness.call().getData().orElseThrow()).containsEntry("warm-up test path", "running");

        firstRound.complete(null);
        PathWarmup.Summary summary = finished.toCompletableFuture().get(10, TimeUnit.SECONDS);

        // Five rounds in a row under a second: the first one (held) counts towards the five.
        assertThat(summary.rounds()).hasSize(5);
        assertThat(summary.failure()).isNull();
        assertThat(calls).hasValue(5);
        assertThat(readiness.isReady()).isTrue();
        assertThat(readiness.call().getData().orElseThrow()).containsEntry("warm-up test path", "done");
    }

    @Test
    void roundsThatNeverGetWarmStopAtTheMostRounds() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        PathWarmup.Summary summary = warmup.start("test path", new PathWarmup.Limits(7, Duration.ofSeconds(30), 3, Duration.ZERO),
                () -> Uni.createFrom().voidItem(), () -> {
                    calls.incrementAndGet();
                    return Uni.createFrom().voidItem();
                }).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(summary.rounds()).hasSize(7);
        assertThat(calls).hasValue(7);
        assertThat(summary.failure()).isNull();
        assertThat(readiness.isReady()).isTrue();
    }

    @Test
    void roundsThatNeverGetWarmStopAtTheLongestTime() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        PathWarmup.Summary summary = warmup.start("test path",
                new PathWarmup.Limits(10_000, Duration.ofMillis(300), 3, Duration.ZERO),
                () -> Uni.createFrom().voidItem(), () -> {
                    calls.incrementAndGet();
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(20));
                }).toCompletableFuture().get(10, TimeUnit.SECONDS);

        // 20 ms a round for 300 ms: about 15 rounds, however loaded the machine, never all of them.
        assertThat(calls.get()).isBetween(2, 16);
        assertThat(summary.rounds()).hasSize(calls.get());
        assertThat(summary.totalMs()).isGreaterThanOrEqualTo(300);
        assertThat(readiness.isReady()).isTrue();
    }

    @Test
    void aFailingRoundEndsTheWarmUpAndTheServiceIsReadyAnyway() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException broken = new IllegalStateException("broken");

        PathWarmup.Summary summary = warmup.start("test path", new PathWarmup.Limits(300, Duration.ofSeconds(30), 20, Duration.ZERO),
                () -> Uni.createFrom().voidItem(),
                () -> calls.incrementAndGet() == 3 ? Uni.createFrom().failure(broken) : Uni.createFrom().voidItem())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(summary.failure()).isSameAs(broken);
        assertThat(summary.rounds()).hasSize(2);
        assertThat(calls).hasValue(3);
        assertThat(readiness.isReady()).isTrue();
        assertThat(readiness.call().getData().orElseThrow()).containsEntry("warm-up test path", "done");
    }

    @Test
    void aFailingPreparationRunsNoRoundAndTheServiceIsReadyAnyway() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        PathWarmup.Summary summary = warmup.start("test path", new PathWarmup.Limits(300, Duration.ofSeconds(30), 20, Duration.ZERO),
                () -> {
                    throw new IllegalStateException("no broker");
                }, () -> {
                    calls.incrementAndGet();
                    return Uni.createFrom().voidItem();
                }).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(summary.failure()).hasMessage("no broker");
        assertThat(summary.rounds()).isEmpty();
        assertThat(calls).hasValue(0);
        assertThat(readiness.isReady()).isTrue();
    }

    @Test
    void aServiceThatStopsWhileItWarmsStopsWarmingAndIsNotReady() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        var finished = warmup.start("test path", new PathWarmup.Limits(10_000, Duration.ofSeconds(30), 3, Duration.ZERO),
                () -> Uni.createFrom().voidItem(), () -> {
                    calls.incrementAndGet();
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(10));
                });
        awaitCalls(calls, 3);
        int atStop = calls.get();
        warmup.onStop(null);
        PathWarmup.Summary summary = finished.toCompletableFuture().get(10, TimeUnit.SECONDS);

        // The round in flight finishes; no further one starts.
        assertThat(calls.get()).isBetween(atStop, atStop + 1);
        assertThat(summary.rounds()).hasSize(calls.get());
        assertThat(summary.failure()).isNull();
        assertThat(readiness.isReady()).isFalse();
    }

    @Test
    void aRoundThatFailsBecauseTheServiceStopsIsNoFailure() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        PathWarmup.Summary summary = warmup.start("test path", new PathWarmup.Limits(300, Duration.ofSeconds(30), 20, Duration.ZERO),
                () -> Uni.createFrom().voidItem(), () -> {
                    if (calls.incrementAndGet() < 3) {
                        return Uni.createFrom().voidItem();
                    }
                    warmup.onStop(null);
                    return Uni.createFrom().failure(new IllegalStateException("pool closed"));
                }).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(summary.failure()).isNull();
        assertThat(summary.rounds()).hasSize(2);
        assertThat(readiness.isReady()).isFalse();
    }

    @Test
    void everyRoundStartsOnTheWarmUpsOwnSafeContextWhereverThePreparationAndTheRoundsAnswered() throws Exception {
        List<Context> contexts = new ArrayList<>();
        List<Boolean> safe = new ArrayList<>();

        warmup.start("test path", new PathWarmup.Limits(4, Duration.ofSeconds(30), 20, Duration.ZERO),
                // Both answer on a Mutiny worker thread, as a Kafka producer or a timer would.
                () -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(5)),
                () -> {
                    contexts.add(Vertx.currentContext());
                    safe.add(VertxContext.isOnDuplicatedContext() && VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(
                            Vertx.currentContext()));
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(5));
                }).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(contexts).hasSize(4).doesNotContainNull();
        assertThat(contexts).allSatisfy(context -> assertThat(context).isSameAs(contexts.get(0)));
        assertThat(safe).containsOnly(true);
    }

    private static void awaitCalls(AtomicInteger calls, int count) throws InterruptedException {
        for (int i = 0; i < 500 && calls.get() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(calls.get()).isGreaterThanOrEqualTo(count);
    }
}

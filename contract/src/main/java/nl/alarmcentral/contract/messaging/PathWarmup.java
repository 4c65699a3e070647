package nl.alarmcentral.contract.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Warm before ready, the one way every service does it: the first alarm after a start must be as
 * fast as any other, and on a cold JVM the first run of a path pays for class loading, the first
 * queries of Hibernate Reactive, the JCE and Jackson. A service's warm-up bean (dispatch-service's
 * {@code AlarmPathWarmup}, registry-service's {@code CardPathWarmup}) says what one round of its
 * path is; this runs the rounds on a Vert.x context of their own, one after another, until they
 * are warm or a limit is reached, and only then marks its {@link ServiceReadiness} condition done.
 *
 * <p>A warm-up that fails is logged (the failure's class only: a message may quote data) and the
 * service becomes ready anyway: a cold path is slower, a missing one would keep alarms out. A
 * service that stops while it warms stops warming (and does not become ready). Only the summary
 * line is logged, never a round.
 */
@ApplicationScoped
public class PathWarmup {

    private static final Logger LOG = Logger.getLogger(PathWarmup.class);

    /** The summary line gives the median of each block of this many rounds. */
    static final int CURVE_BLOCK = 25;

    /**
     * When the rounds stop.
     *
     * @param maxRounds  at most this many rounds...
     * @param maxTime    ...or this long, whichever comes first
     * @param warmStreak done earlier when this many rounds in a row...
     * @param warmRound  ...each took less than this
     */
    public record Limits(int maxRounds, Duration maxTime, int warmStreak, Duration warmRound) {
    }

    /**
     * What a warm-up did.
     *
     * @param rounds  the durations of the rounds that completed, in milliseconds, in order
     * @param totalMs from the start (including the preparation) to the end
     * @param failure why it stopped early, or null when it ran to its end
     */
    public record Summary(List<Long> rounds, long totalMs, Throwable failure) {

        public long firstMs() {
            return rounds.isEmpty() ? 0 : rounds.get(0);
        }

        public long lastMs() {
            return rounds.isEmpty() ? 0 : rounds.get(rounds.size() - 1);
        }

        /** The median of each {@value PathWarmup#CURVE_BLOCK} rounds in order, in ms: how the path warmed. */
        public List<Long> curve() {
            List<Long> medians = new ArrayList<>();
            for (int from = 0; from < rounds.size(); from += CURVE_BLOCK) {
                medians.add(median(rounds.subList(from, Math.min(rounds.size(), from + CURVE_BLOCK))));
            }
            return medians;
        }
    }

    private final ServiceReadiness readiness;
    private final Vertx vertx;
    private volatile boolean stopping;

    public PathWarmup(ServiceReadiness readiness, Vertx vertx) {
        this.readiness = readiness;
        this.vertx = vertx;
    }

    /**
     * Registers the readiness condition {@code name} and starts warming; returns at once. Call it
     * from a {@code StartupEvent} observer.
     *
     * @param name    the path, as the health answer shows it ("warm-up " + name)
     * @param prepare done once before the first round (may complete on any thread)
     * @param round   one run of the path; called on the warm-up's Vert.x context (a duplicated
     *                context marked safe, as Hibernate Reactive's sessions need)
     * @return completes with the summary once the condition is marked done (also after a failure)
     */
    public CompletionStage<Summary> start(String name, Limits limits, Supplier<Uni<Void>> prepare, Supplier<Uni<Void>> round) {
        Runnable done = readiness.require(name);
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        long start = System.nanoTime();
        List<Long> rounds = new ArrayList<>();
        String label = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        CompletableFuture<Summary> finished = new CompletableFuture<>();
        // What the preparation and each round answer may arrive on another thread; every round starts
        // on this Vert.x context.
        Executor onContext = command -> context.runOnContext(nothing -> command.run());
        context.runOnContext(ignored -> Uni.createFrom().deferred(prepare::get)
                .emitOn(onContext)
                .chain(() -> stopping ? Uni.createFrom().voidItem() : rounds(limits, round, onContext, start, rounds))
                .subscribe().with(
                        warm -> {
                            Summary summary = new Summary(List.copyOf(rounds), millisSince(start), null);
                            if (stopping) {
                                LOG.infof("Warming the %s stopped after %d round(s): the service is stopping", name, rounds.size());
                            } else {
                                LOG.infof("%s warm after %d round(s) in %d ms (first %d ms, last %d ms; medians by %d rounds: %s)",
                                        label, rounds.size(), summary.totalMs(), summary.firstMs(), summary.lastMs(), CURVE_BLOCK,
                                        summary.curve());
                                done.run();
                            }
                            finished.complete(summary);
                        },
                        failure -> {
                            if (stopping) {
                                // The pools close under the round in flight: not a failure of the path.
                                LOG.infof("Warming the %s stopped after %d round(s): the service is stopping", name, rounds.size());
                                finished.complete(new Summary(List.copyOf(rounds), millisSince(start), null));
                                return;
                            }
                            // Not warm, but able to work: a failing warm-up must not keep alarms out.
                            LOG.warnf("Warming the %s failed after %d round(s) (%s); ready anyway", name, rounds.size(),
                                    failure.getClass().getName());
                            done.run();
                            finished.complete(new Summary(List.copyOf(rounds), millisSince(start), failure));
                        }));
        return finished;
    }

    /**
     * The service is stopping: no further round starts, the service is not marked ready, and a
     * round that fails because the pools close under it is no failure of the path.
     */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private Uni<Void> rounds(Limits limits, Supplier<Uni<Void>> round, Executor onContext, long start, List<Long> rounds) {
        long begin = System.nanoTime();
        return Uni.createFrom().deferred(round::get).emitOn(onContext).chain(() -> {
            rounds.add(millisSince(begin));
            if (stopping || isWarm(rounds, limits) || rounds.size() >= limits.maxRounds()
                    || System.nanoTime() - start > limits.maxTime().toNanos()) {
                return Uni.createFrom().voidItem();
            }
            return rounds(limits, round, onContext, start, rounds);
        });
    }

    /** Whether the last {@code warmStreak} rounds each took less than {@code warmRound}. */
    static boolean isWarm(List<Long> rounds, Limits limits) {
        if (rounds.size() < limits.warmStreak()) {
            return false;
        }
        return rounds.subList(rounds.size() - limits.warmStreak(), rounds.size()).stream()
                .allMatch(ms -> ms < limits.warmRound().toMillis());
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}

package nl.alarmcentral.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 21's failover suite: ready means ready, and no alarm waits for a restart, a rebalance or a
 * cold start. One local stack with two dispatch-service instances ({@code --extra-dispatch-port}),
 * an alarm every 500 ms throughout, both consoles watched; each case {@value #ROUNDS} times:
 * <ol>
 * <li>one of the two instances SIGKILLed while the other runs: no alarm waits more than 10 s;</li>
 * <li>a rolling restart (instance 1 gets SIGTERM, the launcher has it ready again, then instance
 * 2): no alarm waits more than 2 s;</li>
 * <li>both instances SIGKILLed at once and restarted by the launcher: every alarm reaches a console
 * within 2 s of the later of its {@code 202} and the moment both say ready;</li>
 * <li>the whole stack stopped with every process signalled at once (launcher, every child,
 * PostgreSQL's postmaster) and started again on its data: every alarm within 2 s of the later of
 * its {@code 202} and the launcher's ready line; the first alarm after each start is recorded.</li>
 * </ol>
 * Every round also checks issue 12's invariants (each accepted alarm an incident alarm exactly
 * once, no 500). Fault tooling and checks: {@link StackFaults}, {@link ReliabilityRun}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {

    /** Issue 21: each case five times. */
    static final int ROUNDS = 5;
    /** An alarm every 500 ms. */
    static final double RATE = 2;
    static final int WORKERS = 10;
    static final Duration LEAD = Duration.ofSeconds(2);
    static final Duration TAIL = Duration.ofSeconds(5);
    /** Issue 21: with two instances, no alarm waits longer than this while one is killed. */
    static final Duration WHILE_ONE_IS_KILLED = Duration.ofSeconds(10);
    /** Issue 21: during a rolling restart, no alarm waits longer than this. */
    static final Duration DURING_ROLLING_RESTART = Duration.ofSeconds(2);
    static final Duration READY_AGAIN = Duration.ofSeconds(120);
    static final List<String> INSTANCES = List.of("dispatch-service", LocalStack.EXTRA_DISPATCH);

    private static long suiteStart;
    private static RunningStack stack;
    private static StackFaults faults;
    private static ReliabilityRun run;

    @BeforeAll
    static void startStackAndLoad() throws Exception {
        suiteStart = System.nanoTime();
        stack = RunningStack.start("failover-stack", true);
        faults = new StackFaults(stack);
        run = ReliabilityRun.start("FailoverIT", stack, faults, WORKERS, RATE);
        noteFirstAlarmAfter("a fresh start (--reset; after creating the test's workers)", stack.readyAt());
    }

    @AfterAll
    static void reportAndStop() throws Exception {
        ReliabilityRun.end(run, stack, suiteStart);
    }

    @Test
    @Order(0)
    void warmUpThenSteadyLoadWithoutAFault() throws Exception {
        run.warmUpAndBaseline();
    }

    @Test
    @Order(1)
    void oneOfTwoInstancesKilledWhileTheOtherRuns() throws Exception {
        List<ReliabilityRun.Row> rows = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            String victim = INSTANCES.get((round - 1) % 2);
            awaitWhole();
            ReliabilityRun.Phase phase = run.begin("(a) " + victim + " SIGKILLed, the other runs, round " + round)
                    .maxFrom202(WHILE_ONE_IS_KILLED);
            rows.add(run.run(phase, LEAD, TAIL, p -> {
                StackFaults.Signalled killed = faults.kill(victim);
                p.fault(killed.at());
                return faults.awaitRecovered(killed, READY_AGAIN);
            }));
        }
        assertEveryRoundPassed(rows);
    }

    @Test
    @Order(2)
    void rollingRestart() throws Exception {
        List<ReliabilityRun.Row> rows = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            awaitWhole();
            ReliabilityRun.Phase phase = run.begin("(b) rolling restart (SIGTERM, ready, next), round " + round)
                    .maxFrom202(DURING_ROLLING_RESTART);
            rows.add(run.run(phase, LEAD, TAIL, p -> {
                for (String instance : INSTANCES) {
                    StackFaults.Signalled stopped = faults.terminate(instance);
                    if (instance.equals(INSTANCES.get(0))) {
                        p.fault(stopped.at());
                    }
                    faults.awaitRestarted(stopped);
                }
                return faults.awaitEveryServiceReady(READY_AGAIN);
            }));
        }
        assertEveryRoundPassed(rows);
    }

    @Test
    @Order(3)
    void bothInstancesKilledAndStartedAgain() throws Exception {
        List<ReliabilityRun.Row> rows = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            awaitWhole();
            ReliabilityRun.Phase phase = run.begin("(c) both dispatch instances SIGKILLed, round " + round);
            String after = "dispatch-service restarted (both instances), round " + round;
            rows.add(run.run(phase, LEAD, TAIL, p -> {
                StackFaults.Signalled killed = faults.kill(INSTANCES.toArray(String[]::new));
                p.fault(killed.at());
                long bothReady = faults.awaitRestarted(killed);
                long everyServiceReady = faults.awaitEveryServiceReady(READY_AGAIN);
                noteFirstAlarmAfter(after, bothReady);
                return Math.max(bothReady, everyServiceReady);
            }));
        }
        assertEveryRoundPassed(rows);
    }

    @Test
    @Order(4)
    void wholeStackSignalledAtOnceAndStartedAgainOnItsData() throws Exception {
        List<ReliabilityRun.Row> rows = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            awaitWhole();
            ReliabilityRun.Phase phase = run.begin("(d) whole stack SIGTERMed at once, started again on its data, round " + round);
            ReliabilityRun.steady(LEAD);
            phase.fault(System.nanoTime());
            try {
                List<String> left = faults.terminateEverythingAtOnce(Duration.ofSeconds(60));
                if (!left.isEmpty()) {
                    phase.problem("still running 60 s after SIGTERM (then SIGKILLed): " + left);
                }
            } catch (AssertionError e) {
                phase.problem(e.getMessage());
                stack.stop();
            }
            stack = RunningStack.startAgain(stack);
            faults.use(stack);
            run.use(stack);
            phase.recovered(stack.readyAt());
            run.tail(phase, TAIL);
            noteFirstAlarmAfter("the whole stack's restart on its data, round " + round, stack.readyAt());
            rows.add(run.finish(phase));
        }
        assertEveryRoundPassed(rows);
    }

    /**
     * Records how long the first alarm pressed after this moment took from the press to a console
     * (issue 21 compares the first alarm after a fresh start with the benchmark's median).
     */
    private static void noteFirstAlarmAfter(String what, long readyAt) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            AlarmDriver.Press first = run.driver.presses().stream().filter(p -> p.firstAttempt >= readyAt).findFirst().orElse(null);
            ConsoleWatcher.Sighting sighting = first == null || !first.accepted() ? null : run.watcher.sighting(first.alarmId());
            if (sighting != null) {
                long pressToConsole = (sighting.at() - first.firstAttempt) / 1_000_000;
                long pressTo202 = first.clientWait().toMillis();
                // 202 to console is what the press-to-console benchmark measures (docs/benchmarks.md).
                run.note(String.format("first alarm after %s: press to console %d ms (press to 202 %d ms, 202 to console %d ms)",
                        what, pressToConsole, pressTo202, pressToConsole - pressTo202));
                return;
            }
            Thread.sleep(50);
        }
        run.note("first alarm after " + what + ": not on a console within 30 s");
    }

    private static void awaitWhole() {
        faults.awaitEveryServiceReady(Duration.ofSeconds(60));
    }

    private static void assertEveryRoundPassed(List<ReliabilityRun.Row> rows) {
        List<String> failed = new ArrayList<>();
        for (ReliabilityRun.Row row : rows) {
            try {
                row.assertPassed();
            } catch (AssertionError e) {
                failed.add(e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new AssertionError(failed.size() + " of " + rows.size() + " rounds failed:\n" + String.join("\n", failed));
        }
    }
}

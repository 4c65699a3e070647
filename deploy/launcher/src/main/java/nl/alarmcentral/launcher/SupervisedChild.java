package nl.alarmcentral.launcher;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import nl.alarmcentral.infra.ChildProcess;
import nl.alarmcentral.infra.InfraException;

/**
 * One child of the local stack under supervision, as systemd or Kubernetes would keep it: started
 * once by the launcher, then, whenever it exits while the stack is not stopping (a crash, a kill,
 * out of memory, a SIGTERM from someone else), started again with the same command, environment,
 * ports and data after a {@link Backoff}, and judged ready again as at its first start. Once a stop
 * has begun it never starts anything again, and a start in progress is stopped.
 */
final class SupervisedChild {

    /** Services stop first (they finish their work and leave their Kafka groups), then the infrastructure. */
    enum Tier { SERVICES, INFRASTRUCTURE }

    /** What {@code stack-status.properties} says about a child. */
    enum State {
        STARTING, READY, RESTARTING, STOPPED;

        String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Starts the child and waits until it is ready, the same way every time; on failure it stops
     * what it started and throws with the end of the child's log.
     */
    @FunctionalInterface
    interface Starter {
        Started start() throws Exception;
    }

    /**
     * A child that is ready.
     *
     * @param process   its process
     * @param otherPids other processes it runs that tools may want (PostgreSQL's postmaster), by key
     */
    record Started(ChildProcess process, Map<String, Long> otherPids) {
        Started(ChildProcess process) {
            this(process, Map.of());
        }
    }

    /**
     * A pause after an exit before anything is said or done: when every process of the stack is
     * signalled at once, a child may exit a moment before the launcher's own stop begins.
     */
    private static final Duration SETTLE = Duration.ofMillis(200);

    private final Supervisor supervisor;
    private final String name;
    private final Tier tier;
    private final String where;
    private final Duration stopGrace;
    private final Starter starter;

    // Guarded by this.
    private ChildProcess process;
    private State state = State.STARTING;
    private int restarts;
    private long readySince;
    private final Map<String, Long> otherPids = new LinkedHashMap<>();
    private boolean stopping;
    private Thread watcher;

    /**
     * @param name      as in progress lines, the status file and the log file; also the name of its {@link ChildProcess}
     * @param where     what the ready line shows after the name (its URL, address)
     * @param stopGrace how long a stop waits before SIGKILL
     */
    SupervisedChild(Supervisor supervisor, String name, Tier tier, String where, Duration stopGrace, Starter starter) {
        this.supervisor = supervisor;
        this.name = name;
        this.tier = tier;
        this.where = where;
        this.stopGrace = stopGrace;
        this.starter = starter;
    }

    String name() {
        return name;
    }

    Tier tier() {
        return tier;
    }

    synchronized State state() {
        return state;
    }

    synchronized int restarts() {
        return restarts;
    }

    /** The current process (ready or not), if one runs. */
    synchronized ChildProcess process() {
        return process;
    }

    /** The first start; failures go to the caller (the launcher then fails as a whole). */
    void startFirst() throws Exception {
        Started started = starter.start();
        if (!ready(started, "ready")) {
            throw new InfraException(name + " was started while the stack was stopping");
        }
    }

    /** Called for every process started under this child's name, before it is ready. */
    void processStarted(ChildProcess started) {
        boolean refuse;
        synchronized (this) {
            refuse = stopping;
            if (!refuse) {
                process = started;
            }
        }
        if (refuse) {
            // Started by a restart that a stop overtook: it must not outlive the stop.
            started.stop(stopGrace);
            return;
        }
        supervisor.publish();
    }

    /** From now on, starts the child again whenever it exits. */
    synchronized void supervise() {
        if (stopping || watcher != null) {
            return;
        }
        watcher = new Thread(this::superviseLoop, name + "-supervisor");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** No start from now on; a restart in progress is abandoned. */
    void beginStop() {
        Thread running;
        synchronized (this) {
            if (stopping) {
                return; // interrupted once: a second interrupt would cut short its polite stop of a start
            }
            stopping = true;
            running = watcher;
        }
        if (running != null && running != Thread.currentThread()) {
            running.interrupt();
        }
    }

    /** Stops the child (SIGTERM, SIGKILL after its grace) and whatever a restart had started. */
    void stop() {
        beginStop();
        Thread running;
        synchronized (this) {
            running = watcher;
        }
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(stopGrace.plusSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ChildProcess current = process();
        if (current != null) {
            current.stop(stopGrace);
        }
        synchronized (this) {
            state = State.STOPPED;
            otherPids.replaceAll((key, pid) -> null);
        }
        supervisor.publish();
    }

    /** Appends this child's lines of the status file. */
    synchronized void describe(StringBuilder out) {
        out.append(name).append(".pid=").append(process == null || state == State.STOPPED ? "" : process.pid()).append('\n');
        out.append(name).append(".state=").append(state.text()).append('\n');
        out.append(name).append(".restarts=").append(restarts).append('\n');
        otherPids.forEach((key, pid) -> out.append(name).append('.').append(key).append('=')
                .append(pid == null ? "" : pid).append('\n'));
    }

    /** Records a child as ready, unless a stop has begun (stop() then stops its process); returns which. */
    private boolean ready(Started started, String word) {
        synchronized (this) {
            if (stopping) {
                return false;
            }
            process = started.process();
            state = State.READY;
            readySince = System.nanoTime();
            otherPids.putAll(started.otherPids());
        }
        started.otherPids().values().forEach(supervisor::recordPid);
        supervisor.publish();
        supervisor.progress(String.format("%-22s %s", name + " " + word, where));
        return true;
    }

    private void superviseLoop() {
        int failures = 0;
        while (true) {
            ChildProcess exited;
            boolean wasStable;
            synchronized (this) {
                if (stopping) {
                    return;
                }
                exited = process;
            }
            String what;
            if (exited != null) {
                int code;
                try {
                    code = exited.onExit().get();
                } catch (InterruptedException e) {
                    return;
                } catch (ExecutionException e) {
                    code = -1;
                }
                synchronized (this) {
                    wasStable = state == State.READY
                            && System.nanoTime() - readySince >= supervisor.backoff().stableAfter().toNanos();
                }
                if (wasStable) {
                    failures = 0;
                }
                what = name + " exited (code " + code + "); restarting";
            } else {
                what = name + " restarting"; // its start failed, and said why
            }
            if (!pause(SETTLE)) {
                return;
            }
            Duration delay = supervisor.backoff().delay(failures++);
            int restart;
            synchronized (this) {
                if (stopping) {
                    return;
                }
                restart = ++restarts;
                state = State.RESTARTING;
                process = null;
                otherPids.replaceAll((key, pid) -> null);
            }
            supervisor.publish();
            supervisor.progress(what + " in " + seconds(delay) + " (restart " + restart + ")");
            if (exited != null) {
                // What it started may outlive it (Keycloak's JVM when kc.sh was killed) and hold its port.
                exited.stop(Duration.ofSeconds(5));
            }
            if (!pause(delay.minus(SETTLE))) {
                return;
            }
            try {
                ready(starter.start(), "ready again");
            } catch (Exception e) {
                synchronized (this) {
                    if (stopping) {
                        return;
                    }
                    process = null;
                }
                supervisor.progress(name + " did not start again: " + e.getMessage());
            }
        }
    }

    /** Waits, unless a stop begins; returns whether to go on. */
    private boolean pause(Duration duration) {
        if (!duration.isNegative() && !duration.isZero()) {
            try {
                TimeUnit.NANOSECONDS.sleep(duration.toNanos());
            } catch (InterruptedException e) {
                return false;
            }
        }
        synchronized (this) {
            return !stopping;
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}

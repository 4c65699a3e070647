package nl.alarmcentral.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A launcher like {@link LocalStack}, with the same {@link Supervisor}, lock, watchdog and
 * shutdown, whose children are {@link ShellChild} loops instead of the real services: what
 * {@link LauncherSignalsTest} sends signals to. Prints the ready line like the local stack.
 *
 * <p>Arguments: {@code <data-dir> <name>:<services|infrastructure>:<stop-seconds>...}.
 */
public final class ShellStackMain {

    private ShellStackMain() {
    }

    public static void main(String[] args) throws Exception {
        long startNanos = System.nanoTime();
        Path dataDir = Path.of(args[0]);
        List<String> markers = List.of(dataDir.toString());
        Supervisor supervisor = Supervisor.open(dataDir, markers, line -> LocalStack.progress(startNanos, line),
                Backoff.STANDARD);
        Path logs = Files.createDirectories(dataDir.resolve("logs"));
        supervisor.startWatchdog(markers, dataDir, logs.resolve(StackWatchdog.NAME + ".log"));
        List<SupervisedChild> infrastructure = new ArrayList<>();
        List<SupervisedChild> services = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] spec = args[i].split(":");
            SupervisedChild.Tier tier = SupervisedChild.Tier.valueOf(spec[1].toUpperCase(java.util.Locale.ROOT));
            ShellChild child = ShellChild.stopping(spec[0], dataDir.resolve("events"), spec[2]);
            SupervisedChild supervised = supervisor.add(spec[0], tier, "sh", Duration.ofSeconds(20), child.starter(logs));
            (tier == SupervisedChild.Tier.SERVICES ? services : infrastructure).add(supervised);
        }
        for (SupervisedChild child : infrastructure) {
            supervisor.start(child);
        }
        for (SupervisedChild child : services) {
            supervisor.start(child);
        }
        System.out.println(LocalStack.READY_LINE);
        System.out.flush();
        supervisor.supervise();
        Thread.currentThread().join();
    }
}

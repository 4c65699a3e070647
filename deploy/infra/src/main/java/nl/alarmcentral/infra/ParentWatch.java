package nl.alarmcentral.infra;

import java.io.IOException;
import java.io.InputStream;

/**
 * Makes a child process end when its parent ends, however the parent ends.
 *
 * <p>The parent keeps the child's standard input open and never writes to it. When the parent
 * exits (normally, by Ctrl-C, or killed), the operating system closes that pipe, the read below
 * returns end-of-stream and the child shuts itself down. This is what guarantees that the local
 * stack and the tests leave no Kafka or PostgreSQL behind.
 */
public final class ParentWatch {

    private ParentWatch() {
    }

    /**
     * Starts a daemon thread that runs {@code shutdown} once standard input closes.
     *
     * @param shutdown graceful shutdown of the child; the JVM is halted if it takes over 20 s
     */
    public static void install(Runnable shutdown) {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // The parent never writes; anything read is ignored.
                }
            } catch (IOException e) {
                // A broken pipe means the same thing as end-of-stream: the parent is gone.
            }
            Thread killer = new Thread(() -> {
                sleep(20_000);
                Runtime.getRuntime().halt(1);
            }, "parent-watch-halt");
            killer.setDaemon(true);
            killer.start();
            shutdown.run();
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

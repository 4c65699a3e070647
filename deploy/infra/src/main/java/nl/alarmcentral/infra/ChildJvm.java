package nl.alarmcentral.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds command lines for the Kafka and PostgreSQL child JVMs: the same Java as this JVM, this
 * module's classes plus the classpath Maven resolved for them at build time
 * ({@code child.classpath}, see the module's pom).
 */
final class ChildJvm {

    private ChildJvm() {
    }

    static List<String> command(String maxHeap, Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+UseSerialGC");
        // The full JIT: the broker carries every alarm's events (docs/benchmarks.md, press to console).
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(ownLocation() + File.pathSeparator + resolvedClasspath());
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String ownLocation() {
        try {
            return Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new InfraException("Cannot locate the infra classes", e);
        }
    }

    private static String resolvedClasspath() {
        try (InputStream in = ChildJvm.class.getResourceAsStream("child.classpath")) {
            if (in == null) {
                throw new InfraException("child.classpath is missing: build deploy/infra with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new InfraException("Cannot read child.classpath", e);
        }
    }
}

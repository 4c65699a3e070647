package nl.alarmcentral.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * Keycloak's build (its Quarkus augmentation, {@code lib/quarkus} of an unpacked Keycloak), kept
 * once next to the launcher so that a stack started on an empty data folder does not build it again.
 *
 * <p>Why: on its first start in a new folder, Keycloak's {@code start-dev} spends about 15 s of
 * a two-core machine re-augmenting itself before it even starts, the same work with the same result
 * for every stack (its build options, recorded inside the build, are {@code kc.db=dev-file} and the
 * dev profile; no path, key or realm). The test suites start about ten stacks on empty folders, so
 * this was several minutes of every CI run, and a newcomer's {@code --reset} paid it too.
 *
 * <p>Safe by construction: Keycloak compares the build options recorded in the restored build with
 * its own and augments again if they differ, so a stale or foreign cache costs time, never
 * correctness. The build holds no secret and no data: the realm, its keys and every user live in
 * the stack's own folder. The cache is written once, after a Keycloak that built itself has answered
 * (so the build is complete), through a temporary folder moved into place, so a stack never reads a
 * half-written one; it is dropped with {@code target/} by {@code mvn clean}.
 */
final class KeycloakBuildCache {

    /** The part of an unpacked Keycloak that its augmentation writes. */
    private static final Path BUILD = Path.of("lib", "quarkus");

    private final Path folder;

    /** A cache in this folder (for tests; the launcher uses {@link #nextToLauncher}). */
    KeycloakBuildCache(Path folder) {
        this.folder = folder;
    }

    /**
     * The cache for this Keycloak version in the folder of the launcher's jar
     * ({@code deploy/launcher/target}, or its classes folder when run from the build).
     */
    static KeycloakBuildCache nextToLauncher(String keycloakVersion) {
        Path launcher;
        try {
            launcher = Path.of(KeycloakBuildCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            launcher = Path.of(System.getProperty("java.io.tmpdir"), "alarm-central");
        }
        return new KeycloakBuildCache(launcher.getParent().resolve("keycloak-build-" + keycloakVersion));
    }

    /**
     * Copies the cached build into a freshly unpacked Keycloak.
     *
     * @return whether there was one to copy
     */
    boolean restoreInto(Path home) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try {
            Path target = home.resolve(BUILD);
            Files.createDirectories(target);
            for (Path file : files(folder)) {
                Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            // Keycloak then builds itself, as without a cache.
            System.err.println("Keycloak's build cache in " + folder + " could not be used: " + e.getMessage());
            return false;
        }
    }

    /** Keeps the build of a Keycloak that built itself and has answered, unless one is kept already. */
    void save(Path home) {
        if (Files.isDirectory(folder)) {
            return;
        }
        Path partial = folder.resolveSibling(folder.getFileName() + "." + UUID.randomUUID() + ".partial");
        try {
            Files.createDirectories(partial);
            for (Path file : files(home.resolve(BUILD))) {
                Files.copy(file, partial.resolve(file.getFileName().toString()));
            }
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
            // Another stack kept it first (or the file system cannot move atomically): nothing to keep.
        } catch (IOException e) {
            System.err.println("Keycloak's build could not be kept in " + folder + ": " + e.getMessage());
        } finally {
            try {
                KeycloakServer.deleteRecursively(partial);
            } catch (IOException e) {
                System.err.println("Could not remove " + partial + ": " + e.getMessage());
            }
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (var all = Files.list(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}

package nl.alarmcentral.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache of Keycloak's build: kept once from a Keycloak that built itself, copied into fresh ones. */
class KeycloakBuildCacheTest {

    @TempDir
    Path dir;

    @Test
    void aFreshKeycloakGetsTheBuildThatTheFirstOneKept() throws Exception {
        KeycloakBuildCache cache = new KeycloakBuildCache(dir.resolve("keycloak-build-26"));
        Path first = keycloak("first", "built once");
        Path second = keycloak("second", null);

        assertThat(cache.restoreInto(second)).as("nothing kept yet").isFalse();
        cache.save(first);
        assertThat(cache.restoreInto(second)).isTrue();
        assertThat(Files.readString(second.resolve("lib/quarkus/generated-bytecode.jar"))).isEqualTo("built once");
        assertThat(Files.readString(second.resolve("lib/quarkus/quarkus-application.dat"))).isEqualTo("built once");
    }

    @Test
    void theFirstBuildKeptStaysAndNoPartialCopyIsLeft() throws Exception {
        KeycloakBuildCache cache = new KeycloakBuildCache(dir.resolve("keycloak-build-26"));
        cache.save(keycloak("first", "first build"));
        cache.save(keycloak("later", "later build"));
        Path fresh = keycloak("fresh", null);

        assertThat(cache.restoreInto(fresh)).isTrue();
        assertThat(Files.readString(fresh.resolve("lib/quarkus/generated-bytecode.jar"))).isEqualTo("first build");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).doesNotContain("keycloak-build-26.partial")
                    .noneMatch(name -> name.endsWith(".partial"));
        }
    }

    /** An unpacked Keycloak; with a build in lib/quarkus when {@code build} is given. */
    private Path keycloak(String name, String build) throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("lib/quarkus"));
        if (build != null) {
            Files.writeString(home.resolve("lib/quarkus/generated-bytecode.jar"), build);
            Files.writeString(home.resolve("lib/quarkus/quarkus-application.dat"), build);
        }
        return home;
    }
}

package nl.alarmcentral.registry.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.alarmcentral.contract.crypto.KeyRing;

/** The vault as a directory: one key per worker, shared by replicas, gone for good when destroyed. */
class DirectoryKeyVaultTest {

    private static final byte[] TEXT = "her data key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "w1\u0000data-key".getBytes(StandardCharsets.UTF_8);

    private final byte[] master = randomKey();
    private final EnvelopeCrypto crypto = new EnvelopeCrypto(EnvelopeCryptoTest.config(master));

    @TempDir
    Path directory;

    @Test
    void herVaultKeyIsCreatedOnceAndFoundAgain() {
        DirectoryKeyVault vault = new DirectoryKeyVault(directory, crypto);
        assertThat(vault.find("w1")).isEmpty();

        byte[] wrapped = vault.keyForWrite("w1").encrypt(TEXT, AAD);
        assertThat(vault.keyForWrite("w1").decrypt(wrapped, AAD)).isEqualTo(TEXT);
        assertThat(vault.find("w1").orElseThrow().decrypt(wrapped, AAD)).isEqualTo(TEXT);
        assertThatThrownBy(() -> vault.keyForWrite("w2").decrypt(wrapped, AAD)).as("another worker's key").isInstanceOf(Exception.class);
    }

    @Test
    void twoReplicasCreatingHerKeyAtOnceGetTheSameKey() throws Exception {
        DirectoryKeyVault one = new DirectoryKeyVault(directory, crypto);
        DirectoryKeyVault other = new DirectoryKeyVault(directory, crypto);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String worker = "race-" + round;
                List<Future<KeyRing>> keys = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    DirectoryKeyVault vault = i % 2 == 0 ? one : other;
                    keys.add(threads.submit((Callable<KeyRing>) () -> vault.keyForWrite(worker)));
                }
                byte[] wrapped = keys.get(0).get().encrypt(TEXT, AAD);
                for (Future<KeyRing> key : keys) {
                    assertThat(key.get().decrypt(wrapped, AAD)).as("round %d", round).isEqualTo(TEXT);
                }
            }
        } finally {
            threads.shutdownNow();
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("one file per worker, no temporary file left").hasSize(20).allMatch(name -> name.endsWith(".key"));
        }
    }

    @Test
    void theDirectoryNamesNoOneAndItsFilesOpenOnlyWithTheMasterKey() throws Exception {
        DirectoryKeyVault vault = new DirectoryKeyVault(directory, crypto);
        byte[] wrapped = vault.keyForWrite("worker-4711").encrypt(TEXT, AAD);
        Path file = vault.fileOf("worker-4711");
        assertThat(file.getFileName().toString()).doesNotContain("4711");

        DirectoryKeyVault otherMaster = new DirectoryKeyVault(directory, new EnvelopeCrypto(EnvelopeCryptoTest.config(randomKey())));
        assertThatThrownBy(() -> otherMaster.find("worker-4711")).isInstanceOf(IllegalStateException.class);
        // The file's content is no key: used as one, it opens nothing.
        byte[] content = Files.readAllBytes(file);
        assertThat(content.length).isGreaterThan(32);
        assertThatThrownBy(() -> KeyRing.ofKeyBytes(java.util.Arrays.copyOfRange(content, content.length - 32, content.length))
                .decrypt(wrapped, AAD)).isInstanceOf(Exception.class);
    }

    @Test
    void aDestroyedKeyIsGoneForEveryReplicaAndDestroyingAgainDoesNothing() throws Exception {
        DirectoryKeyVault one = new DirectoryKeyVault(directory, crypto);
        DirectoryKeyVault other = new DirectoryKeyVault(directory, crypto);
        byte[] wrapped = one.keyForWrite("w1").encrypt(TEXT, AAD);
        one.keyForWrite("w2");
        assertThat(other.find("w1")).isPresent();

        one.destroy("w1");
        assertThat(Files.exists(one.fileOf("w1"))).isFalse();
        assertThat(other.find("w1")).isEmpty();
        other.destroy("w1");
        assertThat(other.find("w2")).as("the others' keys stay").isPresent();

        // A new registration under the same id gets a new key, which does not open what the old one wrapped.
        assertThatThrownBy(() -> one.keyForWrite("w1").decrypt(wrapped, AAD)).isInstanceOf(Exception.class);
    }

    @Test
    void afterARotationOfTheMasterKeyHerNextWriteWrapsHerVaultKeyUnderTheNewOne() throws Exception {
        DirectoryKeyVault before = new DirectoryKeyVault(directory, crypto);
        byte[] wrapped = before.keyForWrite("w1").encrypt(TEXT, AAD);
        byte[] underOld = Files.readAllBytes(before.fileOf("w1"));

        byte[] newMaster = randomKey();
        EnvelopeCrypto rotatedCrypto = new EnvelopeCrypto(EnvelopeCryptoTest.config(newMaster, Base64.getEncoder().encodeToString(master)));
        DirectoryKeyVault rotated = new DirectoryKeyVault(directory, rotatedCrypto);
        assertThat(rotated.find("w1").orElseThrow().decrypt(wrapped, AAD)).as("read under the previous key").isEqualTo(TEXT);
        assertThat(Files.readAllBytes(before.fileOf("w1"))).as("a read changes nothing").isEqualTo(underOld);

        assertThat(rotated.keyForWrite("w1").decrypt(wrapped, AAD)).isEqualTo(TEXT);
        DirectoryKeyVault onlyNew = new DirectoryKeyVault(directory, new EnvelopeCrypto(EnvelopeCryptoTest.config(newMaster)));
        assertThat(onlyNew.find("w1").orElseThrow().decrypt(wrapped, AAD)).as("the previous master key is no longer needed").isEqualTo(TEXT);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}

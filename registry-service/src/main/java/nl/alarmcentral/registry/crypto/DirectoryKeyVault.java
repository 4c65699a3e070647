package nl.alarmcentral.registry.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import nl.alarmcentral.contract.crypto.KeyRing;
import nl.alarmcentral.registry.config.RegistryConfig;

/**
 * The vault as a directory of files, one per worker: what the local stack, Compose and a
 * Kubernetes volume shared by the registry's replicas can all provide without another server.
 *
 * <ul>
 * <li>A file's name is a hash of her worker id, so a listing names no one; its content is her
 * 32-byte vault key wrapped by the master ring, bound to her id: the directory alone opens nothing,
 * and neither does the database alone.</li>
 * <li>A new key is written to a temporary file, forced to disk, and then linked under her name,
 * which fails if another replica or request got there first: then that key is hers, read back.
 * Two keys for one worker never exist.</li>
 * <li>Destroying overwrites the file with zeros, forces that, deletes it and forces the directory.
 * Whether the old blocks are gone from the disk itself depends on the storage (a copy-on-write
 * file system or a snapshot keeps them): docs/operations.md says what storage to use.</li>
 * </ul>
 *
 * <p>Nothing is cached: every replica reads the file, so a key destroyed by one is gone for all.
 */
@ApplicationScoped
public class DirectoryKeyVault implements WorkerKeyVault {

    private static final int KEY_BYTES = 32;
    private static final byte[] NAME_LABEL = "alarmcentral vault key\u0000".getBytes(StandardCharsets.UTF_8);

    private final Path directory;
    private final EnvelopeCrypto crypto;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public DirectoryKeyVault(RegistryConfig config, EnvelopeCrypto crypto) {
        this(config.keyVault().directory(), crypto);
    }

    public DirectoryKeyVault(Path directory, EnvelopeCrypto crypto) {
        this.directory = directory.toAbsolutePath();
        this.crypto = crypto;
        try {
            if (!Files.isDirectory(this.directory)) {
                // Made here (the local stack): only the service may list it. A mounted volume keeps its own.
                Files.createDirectories(this.directory);
                if (Files.getFileStore(this.directory).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the key vault directory " + this.directory, e);
        }
    }

    @Override
    public KeyRing keyForWrite(String workerId) {
        Path file = fileOf(workerId);
        Optional<byte[]> stored = read(file);
        if (stored.isPresent()) {
            byte[] key = crypto.unwrapVaultKey(workerId, stored.get());
            if (!crypto.wrappedByCurrentMasterKey(stored.get())) {
                replace(file, crypto.wrapVaultKey(workerId, key));
            }
            return KeyRing.ofKeyBytes(key);
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        Path temporary = directory.resolve("new-" + UUID.randomUUID() + ".tmp");
        try {
            writeDurably(temporary, crypto.wrapVaultKey(workerId, key));
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException first) {
                return find(workerId).orElseThrow();
            } finally {
                Files.deleteIfExists(temporary);
                forceDirectory();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store a vault key", e);
        }
        return KeyRing.ofKeyBytes(key);
    }

    @Override
    public Optional<KeyRing> find(String workerId) {
        return read(fileOf(workerId)).map(stored -> KeyRing.ofKeyBytes(crypto.unwrapVaultKey(workerId, stored)));
    }

    @Override
    public void destroy(String workerId) {
        Path file = fileOf(workerId);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate((int) channel.size()), 0);
            channel.force(true);
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot overwrite a vault key", e);
        }
        try {
            Files.deleteIfExists(file);
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete a vault key", e);
        }
    }

    /** Her file: a hash of her id, so the directory's listing names no one. */
    Path fileOf(String workerId) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(NAME_LABEL);
            return directory.resolve(HexFormat.of().formatHex(digest.digest(workerId.getBytes(StandardCharsets.UTF_8))) + ".key");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static Optional<byte[]> read(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a vault key", e);
        }
    }

    /** After a rotation of the master ring: the same key, wrapped by the new master key. */
    private void replace(Path file, byte[] content) {
        Path temporary = directory.resolve("rewrap-" + UUID.randomUUID() + ".tmp");
        try {
            writeDurably(temporary, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot wrap a vault key again", e);
        }
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}

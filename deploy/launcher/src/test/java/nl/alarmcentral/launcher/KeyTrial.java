package nl.alarmcentral.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.crypto.SecretKey;

import nl.alarmcentral.contract.crypto.CryptoException;
import nl.alarmcentral.contract.crypto.KeyRing;
import nl.alarmcentral.contract.crypto.SealedKind;
import nl.alarmcentral.registry.config.RegistryConfig;
import nl.alarmcentral.registry.crypto.DirectoryKeyVault;
import nl.alarmcentral.registry.crypto.EnvelopeCrypto;
import nl.alarmcentral.registry.service.PersonalFields;

/**
 * The last step of the privacy dump: what a backup made during her incident holds of her (her key
 * row, her encrypted working name, her sealed position), tried against every key the stack holds
 * at that moment. Before her withdrawal they open, so the trial is able to open things; after it,
 * nothing opens them.
 *
 * <p>Every key the stack holds: the registry's master key ring and every other 32-byte secret of
 * the data folder (the device-binding key, the PIN pepper), every worker's vault key in the
 * registry's key vault, and every worker's data key. Each is tried as what wraps her data key, as
 * what wraps her private sealing keyset, and as her data key itself.
 */
final class KeyTrial {

    /** Her values as a copy of the databases holds them. */
    record Copies(String workerId, byte[] wrappedKey, byte[] wrappedKeyset, byte[] workingName, String alarmId,
            byte[] sealedPosition) {
    }

    /** What opened, and the plain text it gave. */
    record Opened(String what, String key, String plainText) {
    }

    private final RunningStack stack;
    private final EnvelopeCrypto crypto;
    private final DirectoryKeyVault vault;

    KeyTrial(RunningStack stack) throws IOException {
        this.stack = stack;
        String master = Files.readString(stack.dataDir.resolve("registry-master-key"), StandardCharsets.UTF_8).trim();
        this.crypto = new EnvelopeCrypto(new RegistryConfig.Crypto() {
            @Override
            public String masterKey() {
                return master;
            }

            @Override
            public Optional<List<String>> previousMasterKeys() {
                return Optional.empty();
            }
        });
        this.vault = new DirectoryKeyVault(stack.dataDir.resolve("registry-key-vault"), crypto);
    }

    /** Her key row, encrypted working name and sealed position, copied as a backup would hold them now. */
    Copies copy(String workerId) throws SQLException {
        byte[] wrappedKey;
        byte[] wrappedKeyset;
        byte[] workingName;
        try (Connection registry = stack.superuser("registry")) {
            Map<String, Object> key = one(registry, "SELECT wrapped_key, sealing_private_keyset FROM worker_key WHERE worker_id = ?", workerId);
            wrappedKey = (byte[]) key.get("wrapped_key");
            wrappedKeyset = (byte[]) key.get("sealing_private_keyset");
            workingName = (byte[]) one(registry, "SELECT working_name FROM worker_profile WHERE worker_id = ?", workerId).get("working_name");
        }
        try (Connection alarm = stack.superuser("alarm")) {
            Map<String, Object> position = one(alarm,
                    "SELECT alarm_id::text AS alarm_id, sealed_position FROM alarm WHERE worker_id = ? AND sealed_position IS NOT NULL", workerId);
            return new Copies(workerId, wrappedKey, wrappedKeyset, workingName, (String) position.get("alarm_id"),
                    (byte[]) position.get("sealed_position"));
        }
    }

    /** Everything of the copies that opens with a key the stack holds now. */
    List<Opened> tryEveryKey(Copies copies) throws IOException, SQLException {
        List<Opened> opened = new ArrayList<>();
        byte[] positionData = SealedKind.ALARM_POSITION.associatedData(copies.alarmId());
        for (Map.Entry<String, KeyRing> key : keysHeld().entrySet()) {
            KeyRing ring = key.getValue();
            try {
                SecretKey dataKey = crypto.unwrap(ring, copies.workerId(), copies.wrappedKey());
                String name = crypto.decrypt(dataKey, copies.workerId(), PersonalFields.WORKING_NAME, copies.workingName());
                opened.add(new Opened("her data key, and with it her working name", key.getKey(), name));
            } catch (IllegalStateException | CryptoException e) {
                // does not open
            }
            try {
                byte[] position = crypto.openSealed(ring, copies.workerId(), copies.wrappedKeyset(), copies.sealedPosition(), positionData);
                opened.add(new Opened("her private sealing keyset, and with it her position", key.getKey(),
                        new String(position, StandardCharsets.UTF_8)));
            } catch (IllegalStateException | CryptoException e) {
                // does not open
            }
            try {
                opened.add(new Opened("her working name, as her data key", key.getKey(),
                        crypto.decrypt(ring, copies.workerId(), PersonalFields.WORKING_NAME, copies.workingName())));
            } catch (IllegalStateException e) {
                // does not open
            }
        }
        return opened;
    }

    /** Every key the stack holds now, by a name that says which. */
    Map<String, KeyRing> keysHeld() throws IOException, SQLException {
        Map<String, KeyRing> keys = new LinkedHashMap<>();
        keys.put("the registry's master key", crypto.master());
        try (Stream<Path> files = Files.list(stack.dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                secretIn(file).ifPresent(secret -> keys.put("the data folder's " + file.getFileName(), secret));
            }
        }
        try (Connection registry = stack.superuser("registry");
                PreparedStatement rows = registry.prepareStatement("SELECT worker_id, wrapped_key, wrapped_by_vault_key FROM worker_key");
                ResultSet row = rows.executeQuery()) {
            while (row.next()) {
                String workerId = row.getString(1);
                KeyRing wrapping = row.getBoolean(3) ? vault.find(workerId).orElse(null) : crypto.master();
                if (wrapping == null) {
                    continue;
                }
                keys.put("the vault key of worker " + workerId, wrapping);
                keys.put("the data key of worker " + workerId,
                        KeyRing.ofKeyBytes(crypto.unwrap(wrapping, workerId, row.getBytes(2)).getEncoded()));
            }
        }
        return keys;
    }

    /** A file of the data folder holding a 32-byte key in base64, as a ring. */
    private static Optional<KeyRing> secretIn(Path file) throws IOException {
        if (Files.size(file) > 100) {
            return Optional.empty();
        }
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.ISO_8859_1).trim());
            return key.length == 32 ? Optional.of(KeyRing.ofKeyBytes(key)) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> one(Connection db, String sql, String workerId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, workerId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new AssertionError("No row for her: " + sql);
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    values.put(row.getMetaData().getColumnLabel(i), row.getObject(i));
                }
                return values;
            }
        }
    }
}

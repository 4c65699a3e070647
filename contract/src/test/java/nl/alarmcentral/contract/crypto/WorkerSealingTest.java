package nl.alarmcentral.contract.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static nl.alarmcentral.contract.crypto.TestKeys.newKey;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class WorkerSealingTest {

    private static final byte[] HER = "worker-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "alarm-42\u0000alarm-position".getBytes(StandardCharsets.UTF_8);
    private static final byte[] POSITION = "52.0907,5.1214".getBytes(StandardCharsets.UTF_8);

    private final KeyRing master = KeyRing.of("master", newKey());

    @Test
    void sealedToHerPublicKeysetOpensWithHerPrivateKeyset() {
        WorkerSealing.KeyPair pair = WorkerSealing.newKeyPair(master, HER);
        byte[] sealed = WorkerSealing.seal(pair.publicKeyset(), POSITION, AAD);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("52.0907");
        assertThat(WorkerSealing.open(master, HER, pair.wrappedPrivateKeyset(), sealed, AAD)).isEqualTo(POSITION);
    }

    @Test
    void herPrivateKeysetIsStoredOnlyWrapped() {
        WorkerSealing.KeyPair pair = WorkerSealing.newKeyPair(master, HER);
        byte[] sealed = WorkerSealing.seal(pair.publicKeyset(), POSITION, AAD);
        // Under another master key, or claimed for another worker, the private keyset does not unwrap.
        assertThatThrownBy(() -> WorkerSealing.open(KeyRing.of("master", newKey()), HER, pair.wrappedPrivateKeyset(), sealed, AAD))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> WorkerSealing.open(master, "worker-2".getBytes(StandardCharsets.UTF_8),
                pair.wrappedPrivateKeyset(), sealed, AAD)).isInstanceOf(CryptoException.class);
    }

    @Test
    void otherAssociatedDataDoesNotOpen() {
        WorkerSealing.KeyPair pair = WorkerSealing.newKeyPair(master, HER);
        byte[] sealed = WorkerSealing.seal(pair.publicKeyset(), POSITION, AAD);
        assertThatThrownBy(() -> WorkerSealing.open(master, HER, pair.wrappedPrivateKeyset(), sealed,
                "alarm-43\u0000alarm-position".getBytes(StandardCharsets.UTF_8))).isInstanceOf(CryptoException.class);
    }

    @Test
    void anotherWorkersKeyPairDoesNotOpen() {
        WorkerSealing.KeyPair hers = WorkerSealing.newKeyPair(master, HER);
        WorkerSealing.KeyPair other = WorkerSealing.newKeyPair(master, HER);
        byte[] sealed = WorkerSealing.seal(hers.publicKeyset(), POSITION, AAD);
        assertThatThrownBy(() -> WorkerSealing.open(master, HER, other.wrappedPrivateKeyset(), sealed, AAD))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void aRotatedKeyPairOpensOlderSealedBytesAndSealsWithTheNewPrimary() {
        WorkerSealing.KeyPair first = WorkerSealing.newKeyPair(master, HER);
        byte[] old = WorkerSealing.seal(first.publicKeyset(), POSITION, AAD);

        WorkerSealing.KeyPair rotated = WorkerSealing.rotate(master, HER, first.wrappedPrivateKeyset());
        assertThat(WorkerSealing.open(master, HER, rotated.wrappedPrivateKeyset(), old, AAD)).isEqualTo(POSITION);
        byte[] fresh = WorkerSealing.seal(rotated.publicKeyset(), POSITION, AAD);
        assertThat(Arrays.copyOfRange(fresh, 0, 5)).isNotEqualTo(Arrays.copyOfRange(old, 0, 5));
        assertThat(WorkerSealing.open(master, HER, rotated.wrappedPrivateKeyset(), fresh, AAD)).isEqualTo(POSITION);
        // The key pair before the rotation cannot open what the new primary sealed.
        assertThatThrownBy(() -> WorkerSealing.open(master, HER, first.wrappedPrivateKeyset(), fresh, AAD))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void theWrappedKeysetSurvivesARotationOfTheMasterRing() {
        String oldMaster = newKey();
        KeyRing before = KeyRing.of("master", oldMaster);
        WorkerSealing.KeyPair pair = WorkerSealing.newKeyPair(before, HER);
        byte[] sealed = WorkerSealing.seal(pair.publicKeyset(), POSITION, AAD);
        String newMaster = newKey();
        KeyRing after = KeyRing.of("master", newMaster, List.of(oldMaster));
        assertThat(WorkerSealing.open(after, HER, pair.wrappedPrivateKeyset(), sealed, AAD)).isEqualTo(POSITION);

        // Wrapped again under the new primary, the old master key is no longer needed.
        byte[] rewrapped = WorkerSealing.rewrap(after, after, HER, pair.wrappedPrivateKeyset());
        assertThat(WorkerSealing.open(KeyRing.of("master", newMaster), HER, rewrapped, sealed, AAD)).isEqualTo(POSITION);
        assertThatThrownBy(() -> WorkerSealing.open(before, HER, rewrapped, sealed, AAD)).isInstanceOf(CryptoException.class);
    }

    @Test
    void theWrappedKeysetMovesToAnotherWrappingKeyAndTheFirstNoLongerOpensIt() {
        KeyRing master = KeyRing.of("master", newKey());
        KeyRing hers = KeyRing.of("her key", newKey());
        WorkerSealing.KeyPair pair = WorkerSealing.newKeyPair(master, HER);
        byte[] sealed = WorkerSealing.seal(pair.publicKeyset(), POSITION, AAD);

        byte[] moved = WorkerSealing.rewrap(master, hers, HER, pair.wrappedPrivateKeyset());
        assertThat(WorkerSealing.open(hers, HER, moved, sealed, AAD)).isEqualTo(POSITION);
        assertThatThrownBy(() -> WorkerSealing.open(master, HER, moved, sealed, AAD)).isInstanceOf(CryptoException.class);
    }

    @Test
    void somethingThatIsNoPublicKeysetIsRefused() {
        assertThatThrownBy(() -> WorkerSealing.seal("bm90IGEga2V5c2V0", POSITION, AAD)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> WorkerSealing.seal("%%%", POSITION, AAD)).isInstanceOf(CryptoException.class);
    }
}

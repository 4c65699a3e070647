package nl.alarmcentral.alarm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;

import nl.alarmcentral.alarm.config.PinConfig;

/**
 * The PIN hash: the production cost, salted, keyed with the pepper, hashes from before the pepper
 * still verified, a check that tells the two PINs apart, and no start without a usable pepper.
 */
class PinHasherTest {

    private static final String PEPPER = "cHJvZHVjdGlvbi1saWtlLXBlcHBlci1vZi0zMi1ieXRlcyE=";
    private static final String OTHER_PEPPER = "YW5vdGhlci1wZXBwZXItYWxzby1vZi0zMi1ieXRlcy4uLiE=";

    private final PinHasher hasher = new PinHasher(config(PEPPER));

    @Test
    void aHashIsSaltedPepperedAndCarriesItsCost() {
        String first = hasher.hash("4719");
        String second = hasher.hash("4719");

        assertThat(first).startsWith("hmac-pbkdf2-sha256$600000$").doesNotContain("4719");
        assertThat(first.split("\\$")).hasSize(4);
        assertThat(second).as("a fresh salt per PIN").isNotEqualTo(first);
        assertThat(hasher.verify("4719", first)).isTrue();
        assertThat(hasher.verify("4718", first)).isFalse();
    }

    @Test
    void withoutThePepperTheHashDoesNotGiveThePinAway() {
        String stored = hasher.hash("4719");

        // Whoever has the database but another (or no) pepper finds no PIN that matches.
        PinHasher thief = new PinHasher(config(OTHER_PEPPER));
        assertThat(thief.verify("4719", stored)).isFalse();
        String[] parts = stored.split("\\$");
        assertThat(Base64.getEncoder().encodeToString(unpeppered("4719", Base64.getDecoder().decode(parts[2]),
                Integer.parseInt(parts[1])))).as("PBKDF2 of the PIN alone").isNotEqualTo(parts[3]);
    }

    @Test
    void aHashFromBeforeThePepperStillVerifies() {
        byte[] salt = "sixteen-byte-slt".getBytes();
        String old = "pbkdf2-sha256$1000$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(unpeppered("4719", salt, 1000));

        assertThat(hasher.verify("4719", old)).isTrue();
        assertThat(hasher.verify("4718", old)).isFalse();
        assertThatThrownBy(() -> hasher.verify("4719", "md5$1$x$y")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theServiceDoesNotStartWithoutAUsablePepper() {
        assertThatThrownBy(() -> new PinHasher(config(null)))
                .hasMessageContaining("No PIN pepper configured").hasMessageContaining("ALARM_PINS_PEPPER");
        assertThatThrownBy(() -> new PinHasher(config("  ")))
                .hasMessageContaining("No PIN pepper configured");
        assertThatThrownBy(() -> new PinHasher(config("not base64 at all!")))
                .hasMessageContaining("not base64").hasMessageNotContaining("not base64 at all!");
        assertThatThrownBy(() -> new PinHasher(config(Base64.getEncoder().encodeToString(new byte[31]))))
                .hasMessageContaining("shorter than 32 bytes");
    }

    @Test
    void aPinIsToldApartAgainstBothHashes() {
        String[] hashes = hasher.hashBoth("4719", "98765").await().indefinitely();

        assertThat(hasher.match("4719", hashes[0], hashes[1]).await().indefinitely()).isEqualTo(PinHasher.Match.CANCEL);
        assertThat(hasher.match("98765", hashes[0], hashes[1]).await().indefinitely()).isEqualTo(PinHasher.Match.DURESS);
        assertThat(hasher.match("0000", hashes[0], hashes[1]).await().indefinitely()).isEqualTo(PinHasher.Match.NEITHER);
    }

    @Test
    void aCheckHashesTwiceWhicheverPinItIs() {
        String[] hashes = hasher.hashBoth("4719", "98765").await().indefinitely();
        for (String pin : new String[] { "4719", "98765", "0000" }) {
            long before = hasher.computed();
            hasher.match(pin, hashes[0], hashes[1]).await().indefinitely();
            // Both hashes every time, so the duress PIN takes as long as the cancel PIN.
            assertThat(hasher.computed() - before).as(pin).isEqualTo(2);
        }
    }

    /** PBKDF2 of the PIN alone, as hashes were stored before the pepper. */
    private static byte[] unpeppered(String pin, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(pin.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The defaults of {@link PinConfig}, as production runs them, with the given pepper. */
    private static PinConfig config(String pepper) {
        return new PinConfig() {
            @Override
            public int iterations() {
                return 600_000;
            }

            @Override
            public int maxWrongAttempts() {
                return 5;
            }

            @Override
            public Duration attemptWindow() {
                return Duration.ofMinutes(15);
            }

            @Override
            public Duration lockDuration() {
                return Duration.ofMinutes(15);
            }

            @Override
            public int hashThreads() {
                return 1;
            }

            @Override
            public Optional<String> pepper() {
                return Optional.ofNullable(pepper);
            }

            @Override
            public int maxWrongPerAddress() {
                return 20;
            }

            @Override
            public Duration addressWindow() {
                return Duration.ofMinutes(15);
            }

            @Override
            public int maxTrackedAddresses() {
                return 100_000;
            }
        };
    }
}

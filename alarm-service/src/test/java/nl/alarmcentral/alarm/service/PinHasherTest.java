package nl.alarmcentral.alarm.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import nl.alarmcentral.alarm.config.PinConfig;

/** The PIN hash: the production cost, salted, and a check that tells the two PINs apart. */
class PinHasherTest {

    /** The defaults of {@link PinConfig}, as production runs them. */
    private static final PinConfig PRODUCTION = new PinConfig() {
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
    };

    private final PinHasher hasher = new PinHasher(PRODUCTION);

    @Test
    void aHashIsSaltedAndCarriesItsCost() {
        String first = hasher.hash("1234");
        String second = hasher.hash("1234");

        assertThat(first).startsWith("pbkdf2-sha256$600000$").doesNotContain("1234");
        assertThat(first.split("\\$")).hasSize(4);
        assertThat(second).as("a fresh salt per PIN").isNotEqualTo(first);
        assertThat(hasher.verify("1234", first)).isTrue();
        assertThat(hasher.verify("1235", first)).isFalse();
    }

    @Test
    void aPinIsToldApartAgainstBothHashes() {
        String[] hashes = hasher.hashBoth("1234", "98765").await().indefinitely();

        assertThat(hasher.match("1234", hashes[0], hashes[1]).await().indefinitely()).isEqualTo(PinHasher.Match.CANCEL);
        assertThat(hasher.match("98765", hashes[0], hashes[1]).await().indefinitely()).isEqualTo(PinHasher.Match.DURESS);
        assertThat(hasher.match("0000", hashes[0], hashes[1]).await().indefinitely()).isEqualTo(PinHasher.Match.NEITHER);
    }

    @Test
    void aCheckHashesTwiceWhicheverPinItIs() {
        String[] hashes = hasher.hashBoth("1234", "98765").await().indefinitely();
        for (String pin : new String[] { "1234", "98765", "0000" }) {
            long before = hasher.computed();
            hasher.match(pin, hashes[0], hashes[1]).await().indefinitely();
            // Both hashes every time, so the duress PIN takes as long as the cancel PIN.
            assertThat(hasher.computed() - before).as(pin).isEqualTo(2);
        }
    }
}

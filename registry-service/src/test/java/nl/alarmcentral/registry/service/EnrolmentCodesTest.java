package nl.alarmcentral.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EnrolmentCodesTest {

    private final EnrolmentCodes codes = new EnrolmentCodes();

    @Test
    void aCodeIsEightUnambiguousCharactersWithADashInTheMiddle() {
        for (int i = 0; i < 1000; i++) {
            assertThat(codes.newCode()).matches("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}");
        }
    }

    @Test
    void theAlphabetHasThirtyTwoCharactersSoACodeCarriesFortyBits() {
        assertThat(EnrolmentCodes.ALPHABET).hasSize(32).doesNotContain("0", "O", "1", "I");
        assertThat(new HashSet<>(EnrolmentCodes.ALPHABET.chars().boxed().toList())).hasSize(32);
        assertThat(EnrolmentCodes.LENGTH * 5).isGreaterThanOrEqualTo(40);
    }

    @Test
    void codesDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(codes.newCode());
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void caseSpacesAndDashesDoNotMatterWhenACodeIsEntered() {
        assertThat(EnrolmentCodes.normalise("k7q2-9xpm")).isEqualTo("K7Q29XPM");
        assertThat(EnrolmentCodes.normalise(" K7Q2 9XPM ")).isEqualTo("K7Q29XPM");
        assertThat(EnrolmentCodes.normalise("K7Q29XPM")).isEqualTo("K7Q29XPM");
    }

    @Test
    void whatCannotBeACodeIsNotOne() {
        assertThat(EnrolmentCodes.normalise(null)).isNull();
        assertThat(EnrolmentCodes.normalise("")).isNull();
        assertThat(EnrolmentCodes.normalise("K7Q2-9XP")).isNull();
        assertThat(EnrolmentCodes.normalise("K7Q2-9XPMM")).isNull();
        assertThat(EnrolmentCodes.normalise("K7Q2-9XP0")).as("0 is not in the alphabet").isNull();
        assertThat(EnrolmentCodes.normalise("K7Q2-9XPI")).as("I is not in the alphabet").isNull();
    }

    @Test
    void theStoredHashIsSha256OfTheNormalisedCode() {
        // printf K7Q29XPM | sha256sum
        assertThat(EnrolmentCodes.hash("K7Q29XPM")).isEqualTo("45447da34f57a2f2665f693adb93a3ea6c8c62ff9e2233f1c73b7e4f7d35ff57");
    }
}

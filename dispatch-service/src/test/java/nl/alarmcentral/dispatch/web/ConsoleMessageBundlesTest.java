package nl.alarmcentral.dispatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Every language has every text: a missing key would show a dispatcher a raw key during an emergency. */
class ConsoleMessageBundlesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d}");

    @Test
    void everyLanguageHasTheSameKeysAndNoEmptyText() {
        Map<String, String> english = ConsoleMessagesResource.load("en");
        assertThat(english).isNotEmpty();
        for (String lang : ConsoleMessagesResource.LANGUAGES) {
            Map<String, String> bundle = ConsoleMessagesResource.load(lang);
            assertThat(bundle.keySet()).as(lang).isEqualTo(english.keySet());
            assertThat(bundle.values()).as(lang).noneMatch(String::isBlank);
        }
    }

    @Test
    void placeholdersMatchAcrossLanguages() {
        Map<String, String> english = ConsoleMessagesResource.load("en");
        for (String lang : ConsoleMessagesResource.LANGUAGES) {
            Map<String, String> bundle = ConsoleMessagesResource.load(lang);
            english.forEach((key, text) -> assertThat(placeholders(bundle.get(key))).as(lang + " " + key)
                    .isEqualTo(placeholders(text)));
        }
    }

    private static Set<String> placeholders(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        return matcher.results().map(m -> m.group()).collect(Collectors.toSet());
    }
}

package nl.alarmcentral.alarm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every language has every text: a missing key would show the worker a raw key in a crisis. */
class MessageBundlesTest {

    @Test
    void everyLanguageHasTheSameKeysAndNoEmptyText() {
        Map<String, String> english = AppMessagesResource.load("en");
        assertThat(english).isNotEmpty();
        for (String lang : AppMessagesResource.LANGUAGES) {
            Map<String, String> bundle = AppMessagesResource.load(lang);
            assertThat(bundle.keySet()).as(lang).isEqualTo(english.keySet());
            assertThat(bundle.values()).as(lang).noneMatch(String::isBlank);
        }
    }

    @Test
    void placeholdersMatchAcrossLanguages() {
        Map<String, String> english = AppMessagesResource.load("en");
        for (String lang : AppMessagesResource.LANGUAGES) {
            Map<String, String> bundle = AppMessagesResource.load(lang);
            english.forEach((key, text) -> assertThat(bundle.get(key).contains("{0}")).as(lang + " " + key)
                    .isEqualTo(text.contains("{0}")));
        }
    }
}

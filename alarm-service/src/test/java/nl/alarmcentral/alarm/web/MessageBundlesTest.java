package nl.alarmcentral.alarm.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every language has every text: a missing key would show the worker a raw key in a crisis. */
class MessageBundlesTest {

    @Test
    void everyLanguageHasEveryTextWithTheSamePlaceholders() {
        assertThat(AppMessagesResource.BUNDLES.load("en")).containsEntry("alarm.hold", "Hold for help");
        assertThat(AppMessagesResource.BUNDLES.inconsistencies()).isEmpty();
    }
}

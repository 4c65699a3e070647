package nl.alarmcentral.dispatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import nl.alarmcentral.contract.web.MessageBundles;

/** Every language has every text: a missing key would show a dispatcher a raw key during an emergency. */
class ConsoleMessageBundlesTest {

    @Test
    void everyLanguageHasEveryTextWithTheSamePlaceholders() {
        assertThat(ConsoleMessagesResource.BUNDLES.languages()).containsExactly("en", "nl");
        assertThat(ConsoleMessagesResource.BUNDLES.load("nl")).containsEntry("actions.acknowledge", "Aannemen (a)");
        assertThat(ConsoleMessagesResource.BUNDLES.inconsistencies()).isEmpty();
    }

    @Test
    void theCheckFindsAMissingKeyAnEmptyTextAndAPlaceholderThatDiffers() {
        MessageBundles broken = new MessageBundles(getClass(), "i18n-broken/console", List.of("en", "nl"));
        assertThat(broken.inconsistencies()).containsExactlyInAnyOrder(
                "nl lacks only.english",
                "nl has only.dutch, which en lacks",
                "nl empty.text is empty",
                "nl alert.new has placeholders [{0}], not [{0}, {1}]");
    }
}

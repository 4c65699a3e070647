package nl.alarmcentral.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import nl.alarmcentral.contract.event.TopicSpec;
import nl.alarmcentral.contract.event.Topics;

/**
 * docker-compose.yml creates its topics with a shell command (the Kafka image has no access to our
 * code): this keeps that list equal to {@link Topics#ALL}, partitions and compaction included.
 */
class ComposeTopicsTest {

    @Test
    void composeCreatesEveryTopicOfTheContractAsDeclared() throws Exception {
        String compose = Files.readString(RunningStack.REPO.resolve("docker-compose.yml"), StandardCharsets.UTF_8);
        Matcher creates = Pattern.compile("create ([a-z.]+) --partitions (\\d+)( --config cleanup.policy=compact)?;").matcher(compose);
        java.util.List<TopicSpec> declared = new java.util.ArrayList<>();
        while (creates.find()) {
            declared.add(new TopicSpec(creates.group(1), Integer.parseInt(creates.group(2)), creates.group(3) != null));
        }
        assertThat(declared).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }
}

package nl.alarmcentral.launcher;

import org.junit.jupiter.api.Assumptions;

/**
 * The one way a suite asks for a program the machine may lack (Chromium, Prometheus, pg_dump):
 * where it is missing, the test reports itself skipped with the reason (a newcomer's
 * {@code ./mvnw verify} with only Java), unless the suite's system property is true, as
 * {@code .ci/run} sets it after installing the program, where a missing program fails the test.
 */
final class RequiredTool {

    private RequiredTool() {
    }

    /**
     * @param present  whether the program is installed
     * @param reason   what is missing and how to install it
     * @param property the system property that makes a missing program a failure
     */
    static void require(boolean present, String reason, String property) {
        if (!present && Boolean.getBoolean(property)) {
            throw new AssertionError(reason);
        }
        Assumptions.assumeTrue(present, reason);
    }
}

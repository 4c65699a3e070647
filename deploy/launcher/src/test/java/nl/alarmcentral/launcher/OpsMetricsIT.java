package nl.alarmcentral.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;

/**
 * What ops rely on, against the real thing: the local stack, started with {@code --prometheus-port}
 * as docs/operations.md tells a person to, runs an alarm from press to resolved while a real
 * Prometheus (Debian's package) scrapes the three services with the rules of deploy/prometheus,
 * and then
 * <ul>
 * <li>every query of the Grafana dashboards and every recording rule returns data, and every
 * metric an alerting rule reads exists (alerts themselves stay quiet in a healthy run);</li>
 * <li>no metric label of any service carries an id, name or note of the run (worker ids, working
 * names, her note, incident ids);</li>
 * <li>no line of the services' logs carries one either.</li>
 * </ul>
 * Without Prometheus installed the test is skipped, unless {@code alarmcentral.require-prometheus}
 * is true (CI installs it: deploy/ops/validate.sh), where it fails.
 */
@ExtendWith(SharedStack.class)
class OpsMetricsIT {

    /** Names Prometheus knows as metrics in an expression (functions and keywords are not among them). */
    private static final Pattern METRIC = Pattern.compile(
            "\\b(alarmcentral_[a-z0-9_]+|alarmcentral:[a-z0-9_:]+|kafka_[a-z0-9_]+|http_[a-z0-9_]+|jvm_[a-z0-9_]+"
                    + "|postgresql_[a-z0-9_]+|process_[a-z0-9_]+|up)\\b(?!\\s*\\()");
    private static final Pattern LABEL_VALUE = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void prometheusSeesEveryDashboardAndRuleMetricAndNoLabelOrLogNamesAnyone(RunningStack stack) throws Exception {
        requirePrometheus();
        // The shared stack runs Prometheus (--prometheus-port) where it is installed, as a person would.
        SkeletonScenario scenario = new SkeletonScenario(stack.keycloakUrl(), stack.alarmUrl(), stack.dispatchUrl(),
                stack.registryUrl());
        scenario.run();
        String dispatcher = scenario.token("dispatcher1", "dispatcher1-demo");
        given().auth().oauth2(dispatcher).when().post(stack.dispatchUrl() + "/api/incidents/" + scenario.incidentId()
                + "/acknowledge").then().statusCode(200);
        given().auth().oauth2(dispatcher).contentType(ContentType.JSON)
                .body("{\"outcome\":\"FALSE_ALARM\",\"categories\":[],\"followUp\":\"NONE\"}")
                .when().post(stack.dispatchUrl() + "/api/incidents/" + scenario.incidentId() + "/resolve")
                .then().statusCode(200);

        String api = "http://127.0.0.1:" + stack.prometheus + "/api/v1/";
        awaitScrapes(api);

        List<String> problems = new ArrayList<>();
        for (Query query : queries(stack.dataDir)) {
            if (query.alert()) {
                Matcher metric = METRIC.matcher(query.expr());
                Set<String> names = new LinkedHashSet<>();
                while (metric.find()) {
                    names.add(metric.group(1));
                }
                for (String name : names) {
                    if (result(api, name).isEmpty()) {
                        problems.add(query.where() + ": no data for " + name);
                    }
                }
            } else if (result(api, query.expr()).isEmpty()) {
                problems.add(query.where() + ": no data for " + query.expr().replaceAll("\\s+", " "));
            }
        }
        String ruleHealth = given().when().get(api + "rules").then().statusCode(200).extract().asString();
        if (ruleHealth.contains("\"health\":\"err\"")) {
            problems.add("a rule does not evaluate: " + ruleHealth);
        }

        for (String url : List.of(stack.alarmUrl(), stack.dispatchUrl(), stack.dispatch2Url(), stack.registryUrl())) {
            String metrics = given().when().get(url + "/q/metrics").then().statusCode(200).extract().asString();
            Matcher label = LABEL_VALUE.matcher(metrics);
            while (label.find()) {
                for (String identifying : scenario.identifying()) {
                    if (label.group(1).contains(identifying)) {
                        problems.add(url + " metric label carries " + identifying + ": " + label.group(0));
                    }
                }
            }
        }
        for (String service : List.of("alarm-service", "dispatch-service", "dispatch-service-2", "registry-service")) {
            Path log = stack.dataDir.resolve("logs").resolve(service + ".log");
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(lines).as(service + " wrote a log").isNotEmpty();
            for (String line : lines) {
                for (String identifying : scenario.identifying()) {
                    if (line.contains(identifying)) {
                        problems.add(service + " log line carries " + identifying + ": " + line);
                    }
                }
            }
        }
        assertThat(problems).as("what ops would miss or must never see").isEmpty();
    }

    private static void requirePrometheus() {
        RequiredTool.require(PrometheusServer.find().isPresent(), PrometheusServer.MISSING, "alarmcentral.require-prometheus");
    }

    /** Until every instance of the three services is up in Prometheus and enough samples exist for rates. */
    private static void awaitScrapes(String api) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                // Each job with every target up (the shared stack runs two dispatch instances).
                String up = given().queryParam("query",
                        "count(min by (job) (up{job=~\"alarm-service|dispatch-service|registry-service\"}) == 1)")
                        .when().get(api + "query").then().statusCode(200).extract().jsonPath().getString("data.result[0].value[1]");
                if ("3".equals(up)) {
                    // Rates need two samples, and recording rules a round of their own (5 s each).
                    Thread.sleep(16000);
                    return;
                }
            } catch (AssertionError | Exception notYet) {
                // Prometheus is still starting.
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus did not scrape the three services within 60 s");
    }

    private static List<Object> result(String api, String query) {
        return given().queryParam("query", query).when().get(api + "query").then().statusCode(200)
                .extract().jsonPath().getList("data.result");
    }

    /** Every dashboard query and rule expression, as deploy/ops/check_metrics.py lists them. */
    private static List<Query> queries(Path work) throws IOException, InterruptedException {
        Path out = work.resolve("metric-queries");
        Process list = new ProcessBuilder("python3", RunningStack.REPO.resolve("deploy/ops/check_metrics.py").toString(),
                RunningStack.REPO.toString(), out.toString()).redirectErrorStream(true).start();
        String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(list.exitValue()).as(output).isZero();
        List<Map<String, Object>> raw = new ObjectMapper().readValue(out.resolve("queries.json").toFile(),
                new TypeReference<>() {
                });
        return raw.stream().map(q -> new Query((String) q.get("where"), (String) q.get("expr"), (Boolean) q.get("alert")))
                .toList();
    }

    private static String hostPort(String url) {
        return url.replaceFirst("^https?://", "");
    }

    private record Query(String where, String expr, boolean alert) {
    }
}

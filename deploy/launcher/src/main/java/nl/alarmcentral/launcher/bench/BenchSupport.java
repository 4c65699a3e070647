package nl.alarmcentral.launcher.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks share: logging in to the local stack's Keycloak, and reading latencies as percentiles. */
final class BenchSupport {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private BenchSupport() {
    }

    /** An access token by password grant (the local stack's demo-cli client, or admin-cli in master). */
    static String token(HttpClient http, String keycloak, String realm, String client, String user, String password)
            throws Exception {
        String form = "grant_type=password&client_id=" + client + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/" + realm
                + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("No token for " + user + ": HTTP " + response.statusCode());
        }
        return token.group(1);
    }

    /** Measured latencies in nanoseconds, sorted, read in milliseconds. */
    record Latencies(List<Long> sortedNanos) {

        static Latencies of(Collection<Long> nanos) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return new Latencies(sorted);
        }

        int count() {
            return sortedNanos.size();
        }

        /** "p50 x, p90 y, p99 z, max w" in ms. */
        String percentiles() {
            return String.format("p50 %.1f, p90 %.1f, p99 %.1f, max %.1f", ms(0.50), ms(0.90), ms(0.99),
                    sortedNanos.get(sortedNanos.size() - 1) / 1e6);
        }

        double ms(double quantile) {
            int index = (int) Math.ceil(quantile * sortedNanos.size()) - 1;
            return sortedNanos.get(Math.max(0, index)) / 1e6;
        }
    }
}

package nl.alarmcentral.registry;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads counters from the Prometheus endpoint. */
public final class Metrics {

    private Metrics() {
    }

    /** The value of one series, e.g. {@code value("alarmcentral_disclosures_total", "outcome=\"granted\",reason=\"none\"")}. */
    public static double value(String name, String labels) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).contains(labels)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return 0;
    }

    /** All metric text, to check that no id or name appears in it. */
    public static String all() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}

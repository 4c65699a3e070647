package nl.alarmcentral.registry;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import nl.alarmcentral.infra.test.TestTokens;

/** What a worker does through the API, for tests: register, fill in parts, decide on consents. */
public final class Workers {

    private Workers() {
    }

    /** A new worker with a saved profile (working name only). */
    public static TestTokens.Subject registered(String workingName) {
        TestTokens.Subject worker = TestTokens.newWorker();
        put(worker, "/api/me/profile", "{\"workingName\":\"" + workingName + "\"}").statusCode(200);
        return worker;
    }

    /** A PUT of a JSON body as her. */
    public static ValidatableResponse put(TestTokens.Subject worker, String path, String json) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body(json)
                .when().put(path).then();
    }

    /** A GET as her. */
    public static ValidatableResponse get(TestTokens.Subject worker, String path) {
        return given().auth().oauth2(worker.token()).when().get(path).then();
    }

    /** Grants consents (not POLICE_FIELDS) with the current text version. */
    public static void grant(TestTokens.Subject worker, String... types) {
        for (String type : types) {
            put(worker, "/api/me/consents/" + type, "{\"granted\":true,\"textVersion\":\"v1\"}").statusCode(200);
        }
    }

    /** Lets police get these card fields. */
    public static void grantPoliceFields(TestTokens.Subject worker, String... fields) {
        String list = Arrays.stream(fields).map(f -> "\"" + f + "\"").collect(Collectors.joining(","));
        put(worker, "/api/me/consents/POLICE_FIELDS", "{\"granted\":true,\"textVersion\":\"v1\",\"fields\":[" + list + "]}")
                .statusCode(200);
    }

    /** Withdraws consents. */
    public static void withdraw(TestTokens.Subject worker, String... types) {
        for (String type : types) {
            put(worker, "/api/me/consents/" + type, "{\"granted\":false}").statusCode(200);
        }
    }

    /** A worker with everything filled in and every consent granted (police may get her name and addresses). */
    public static TestTokens.Subject withEverything(String tag) {
        TestTokens.Subject worker = TestTokens.newWorker();
        put(worker, "/api/me/profile", "{\"workingName\":\"Name " + tag + "\",\"safetyNote\":\"Note " + tag + "\","
                + "\"languages\":[\"es\",\"nl\"],\"callBackNumber\":\"+31 6 1234 5678\",\"liaison\":\"CARE\"}").statusCode(200);
        put(worker, "/api/me/notes", "{\"doorApproach\":\"Door " + tag + "\",\"escapeRoute\":\"Escape " + tag + "\","
                + "\"codeWord\":\"Word " + tag + "\",\"mayCallBack\":false}").statusCode(200);
        put(worker, "/api/me/addresses", "{\"addresses\":[{\"label\":\"HOME\",\"address\":\"Street " + tag + "\"}]}")
                .statusCode(200);
        put(worker, "/api/me/contacts", "{\"contacts\":[{\"name\":\"Contact " + tag + "\",\"number\":\"+31 20 555 0000\","
                + "\"relation\":\"Sister " + tag + "\",\"inform\":true}]}").statusCode(200);
        put(worker, "/api/me/procedure", "{\"steps\":[\"CALL_ME_FIRST\",\"SEND_HELP\"]}").statusCode(200);
        grant(worker, "ALARM_SERVICE", "SHARE_NOTES", "SHARE_ADDRESSES", "INFORM_CONTACTS", "LIAISON_INTRO");
        grantPoliceFields(worker, "workingName", "addresses");
        return worker;
    }
}

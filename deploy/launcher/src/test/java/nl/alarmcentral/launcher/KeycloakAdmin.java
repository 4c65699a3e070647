package nl.alarmcentral.launcher;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;

/**
 * Adjusts the realm of a running test stack through Keycloak's admin API (admin / admin, local
 * stack only): the tests run the services on free ports, which the front-end clients must accept
 * as redirect targets; and some tests need a worker of their own.
 */
final class KeycloakAdmin {

    private final String keycloak;

    KeycloakAdmin(String keycloak) {
        this.keycloak = keycloak;
    }

    /** Lets a front-end client (worker-app, dispatch-console) redirect back to a service at this base URL. */
    void allowRedirectsTo(String clientId, String baseUrl) {
        String admin = adminToken();
        String clients = keycloak + "/admin/realms/alarmcentral/clients";
        Map<String, Object> client = given().auth().oauth2(admin).queryParam("clientId", clientId)
                .when().get(clients).then().statusCode(200).extract().jsonPath().getMap("[0]");
        List<Object> redirects = new ArrayList<>((List<?>) client.get("redirectUris"));
        redirects.add(baseUrl + "/*");
        client.put("redirectUris", redirects);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(client)
                .when().put(clients + "/" + client.get("id")).then().statusCode(204);
    }

    /**
     * Makes the tokens a client issues (access and ID token) expire after this many seconds, so a
     * test can see a session outlive its tokens without waiting the realm's five minutes.
     */
    void setTokenLifespan(String clientId, int seconds) {
        String admin = adminToken();
        String clients = keycloak + "/admin/realms/alarmcentral/clients";
        Map<String, Object> client = given().auth().oauth2(admin).queryParam("clientId", clientId)
                .when().get(clients).then().statusCode(200).extract().jsonPath().getMap("[0]");
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = new java.util.HashMap<>((Map<String, Object>) client.getOrDefault("attributes", Map.of()));
        attributes.put("access.token.lifespan", String.valueOf(seconds));
        client.put("attributes", attributes);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(client)
                .when().put(clients + "/" + client.get("id")).then().statusCode(204);
    }

    /**
     * Creates a worker account as a coordinator would: a username and password, realm roles
     * {@code worker} and {@code offline_access}, and nothing else (no e-mail, no names).
     *
     * @return her id (the token subject)
     */
    String createWorker(String username, String password) {
        String admin = adminToken();
        String realm = keycloak + "/admin/realms/alarmcentral";
        String location = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "enabled", true,
                        "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))))
                .when().post(realm + "/users").then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        List<Map<String, Object>> roles = List.of("worker", "offline_access").stream()
                .map(role -> given().auth().oauth2(admin).when().get(realm + "/roles/" + role)
                        .then().statusCode(200).extract().jsonPath().<String, Object>getMap(""))
                .toList();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(roles)
                .when().post(realm + "/users/" + id + "/role-mappings/realm").then().statusCode(204);
        return id;
    }

    /** Whether an account with this id still exists. */
    boolean userExists(String id) {
        return given().auth().oauth2(adminToken()).when().get(keycloak + "/admin/realms/alarmcentral/users/" + id)
                .then().extract().statusCode() == 200;
    }

    private String adminToken() {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .when().post(keycloak + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }
}

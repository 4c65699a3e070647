package nl.alarmcentral.launcher;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;

/**
 * Adjusts the realm of a running test stack through Keycloak's admin API (admin / admin, local
 * stack only): the tests run the services on free ports, which the front-end clients must accept
 * as redirect targets.
 */
final class KeycloakAdmin {

    private final String keycloak;

    KeycloakAdmin(String keycloak) {
        this.keycloak = keycloak;
    }

    /** Lets a front-end client (worker-app, dispatch-console) redirect back to a service at this base URL. */
    void allowRedirectsTo(String clientId, String baseUrl) {
        String admin = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .when().post(keycloak + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        String clients = keycloak + "/admin/realms/alarmcentral/clients";
        Map<String, Object> client = given().auth().oauth2(admin).queryParam("clientId", clientId)
                .when().get(clients).then().statusCode(200).extract().jsonPath().getMap("[0]");
        List<Object> redirects = new ArrayList<>((List<?>) client.get("redirectUris"));
        redirects.add(baseUrl + "/*");
        client.put("redirectUris", redirects);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(client)
                .when().put(clients + "/" + client.get("id")).then().statusCode(204);
    }
}

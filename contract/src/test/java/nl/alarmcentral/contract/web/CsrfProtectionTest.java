package nl.alarmcentral.contract.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import jakarta.ws.rs.core.NewCookie;

import org.junit.jupiter.api.Test;

class CsrfProtectionTest {

    private final CsrfProtection protection = new CsrfProtection("q_session_web", "ac_csrf");

    @Test
    void theTokenCookieIsSecureWhenThePageCameOverHttps() {
        // Behind the ingress Quarkus reports the browser's https (a trusted proxy's X-Forwarded-Proto).
        NewCookie cookie = protection.cookie("token", URI.create("https://app.example.org/"));

        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo(NewCookie.SameSite.STRICT);
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getName()).isEqualTo("ac_csrf");
        assertThat(cookie.getValue()).isEqualTo("token");
    }

    @Test
    void theTokenCookieIsNotSecureOnThePlainHttpOfTheLocalStack() {
        // A Secure cookie would never come back from a browser on http://127.0.0.1.
        NewCookie cookie = protection.cookie("token", URI.create("http://127.0.0.1:8081/"));

        assertThat(cookie.isSecure()).isFalse();
        assertThat(cookie.isHttpOnly()).isTrue();
    }

    @Test
    void anOriginIsTheServiceItselfOnlyWithTheSameSchemeAndAuthority() {
        assertThat(CsrfProtection.isSameOrigin("https://app.example.org", "https", "app.example.org")).isTrue();
        assertThat(CsrfProtection.isSameOrigin(null, "https", "app.example.org")).isTrue();
        // What every write of the app met behind the ingress before the proxy was trusted.
        assertThat(CsrfProtection.isSameOrigin("https://app.example.org", "http", "app.example.org")).isFalse();
        assertThat(CsrfProtection.isSameOrigin("http://app.example.org", "https", "app.example.org")).isFalse();
        assertThat(CsrfProtection.isSameOrigin("https://elsewhere.example", "https", "app.example.org")).isFalse();
    }
}

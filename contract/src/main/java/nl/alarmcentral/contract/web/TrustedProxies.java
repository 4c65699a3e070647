package nl.alarmcentral.contract.web;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a service that would believe forwarded headers from anyone. Behind the ingress
 * (the profile {@code tls-proxy} of application.properties) a service takes the request's scheme,
 * host and client address from the {@code X-Forwarded-*} headers, but Quarkus believes them from
 * every sender when {@code quarkus.http.proxy.trusted-proxies} is empty, and an unset
 * {@code ALARMCENTRAL_TRUSTED_PROXIES} leaves it empty instead of failing. Anyone who reached a pod
 * could then pose as another client address (the per-address limit on wrong PINs) or host.
 */
@ApplicationScoped
public class TrustedProxies {

    static final String FORWARDING = "quarkus.http.proxy.proxy-address-forwarding";
    static final String TRUSTED = "quarkus.http.proxy.trusted-proxies";

    void check(@Observes StartupEvent event, Config config) {
        boolean forwarding = config.getOptionalValue(FORWARDING, Boolean.class).orElse(false);
        // Optional: an expression that cannot be expanded (the variable unset) reads as absent.
        List<String> trusted = config.getOptionalValues(TRUSTED, String.class).orElse(List.of());
        problem(forwarding, trusted).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /** Why the service must not start with these settings, if it must not. */
    static Optional<String> problem(boolean forwarding, List<String> trusted) {
        boolean none = trusted.stream().allMatch(String::isBlank);
        if (forwarding && none) {
            return Optional.of(FORWARDING + " is on but " + TRUSTED + " is empty, which trusts every sender: set"
                    + " ALARMCENTRAL_TRUSTED_PROXIES to the proxy's addresses (docs/operations.md, \"Behind the ingress\")");
        }
        return Optional.empty();
    }
}

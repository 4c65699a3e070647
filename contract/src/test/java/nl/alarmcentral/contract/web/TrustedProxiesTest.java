package nl.alarmcentral.contract.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void forwardingWithoutAnyTrustedProxyIsRefused() {
        // What an unset ALARMCENTRAL_TRUSTED_PROXIES under the profile tls-proxy reads as.
        assertThat(TrustedProxies.problem(true, List.of())).get().asString()
                .contains("ALARMCENTRAL_TRUSTED_PROXIES");
        assertThat(TrustedProxies.problem(true, List.of(" "))).isPresent();
    }

    @Test
    void forwardingFromListedProxiesOrNoForwardingAtAllStarts() {
        assertThat(TrustedProxies.problem(true, List.of("10.244.0.0/16"))).isEmpty();
        // The local stack and the tests: no forwarding, no list.
        assertThat(TrustedProxies.problem(false, List.of())).isEmpty();
    }
}

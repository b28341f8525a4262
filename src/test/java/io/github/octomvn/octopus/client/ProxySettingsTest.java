package io.github.octomvn.octopus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxySettingsTest {

    private final ProxySettings proxy = ProxySettings.builder("proxy.corp", 3128)
            .nonProxyHosts("*.corp|localhost, 127.0.0.1|10.*|[::1]")
            .build();

    @Test
    void bypassesHostsMatchingALeadingWildcard() {
        assertThat(proxy.bypasses("octopus.corp")).isTrue();
        assertThat(proxy.bypasses("OCTOPUS.CORP")).isTrue();
        assertThat(proxy.bypasses("octopus.corp.example.com")).isFalse();
    }

    @Test
    void bypassesHostsMatchingATrailingWildcardOrExactly() {
        assertThat(proxy.bypasses("10.1.2.3")).isTrue();
        assertThat(proxy.bypasses("localhost")).isTrue();
        assertThat(proxy.bypasses("127.0.0.1")).isTrue();
        assertThat(proxy.bypasses("[::1]")).isTrue();
        assertThat(proxy.bypasses("110.1.2.3")).isFalse();
    }

    @Test
    void routesEverythingElseThroughTheProxy() {
        assertThat(proxy.bypasses("octopus.example.com")).isFalse();
        assertThat(ProxySettings.of("p", 8080).bypasses("localhost")).isFalse();
    }

    @Test
    void sendsBasicCredentialsOnlyWhenConfigured() {
        assertThat(proxy.basicAuthorization()).isEmpty();
        assertThat(ProxySettings.builder("p", 1)
                        .credentials("bob", "pw")
                        .build()
                        .basicAuthorization())
                .contains("Basic Ym9iOnB3");
    }

    @Test
    void toStringMasksThePassword() {
        assertThat(ProxySettings.builder("p", 1)
                        .credentials("bob", "s3cret")
                        .build()
                        .toString())
                .contains("bob")
                .doesNotContain("s3cret");
    }

    @Test
    void rejectsAnInvalidPort() {
        assertThatThrownBy(() -> ProxySettings.of("p", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
    }
}

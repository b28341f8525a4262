package io.github.octomvn.octopus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerSettingsTest {

    private static final Credential KEY = Credential.apiKey("API-SECRET");

    @ParameterizedTest
    @CsvSource({
        "https://octopus.example.com, https://octopus.example.com",
        "https://octopus.example.com/, https://octopus.example.com",
        "https://octopus.example.com/api, https://octopus.example.com",
        "https://octopus.example.com/api/, https://octopus.example.com",
        "https://octopus.example.com/api/Spaces-1/projects, https://octopus.example.com",
        "https://host/octopus/, https://host/octopus",
        "https://host/octopus/api, https://host/octopus",
        "HTTPS://Host:8443/octopus//, https://Host:8443/octopus",
        "https://host/app#/Spaces-1/projects, https://host",
        "'  http://127.0.0.1:8080  ', http://127.0.0.1:8080",
    })
    void normalisesTheServerUrlToTheApplicationBase(String given, String expected) {
        assertThat(ServerSettings.builder(given, KEY).build().serverUrl()).hasToString(expected);
    }

    @Test
    void resolvesClientBuiltPathsBelowTheVirtualDirectory() {
        ServerSettings settings =
                ServerSettings.builder("https://host/octopus/", KEY).build();

        assertThat(settings.resolve("/api/spaces/all")).hasToString("https://host/octopus/api/spaces/all");
    }

    @Test
    void rejectsAUrlWithoutScheme() {
        assertThatThrownBy(() -> ServerSettings.builder("octopus.example.com", KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with https://");
    }

    @Test
    void rejectsCredentialsInTheUrlWithoutEchoingThem() {
        assertThatThrownBy(() -> ServerSettings.builder("https://admin:hunter2@octopus.example.com", KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain a user name or password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void rejectsAQueryString() {
        assertThatThrownBy(() -> ServerSettings.builder("https://host/?apikey=API-X", KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query string");
    }

    @Test
    void hasTheDocumentedDefaults() {
        ServerSettings settings = ServerSettings.builder("https://host", KEY).build();

        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.uploadTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.retryPolicy().maxAttempts()).isEqualTo(8);
        assertThat(settings.retryPolicy().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.retryPolicy().maxBackoff()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.retryPolicy().maxTotalWait()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.proxy()).isEmpty();
        assertThat(settings.trustStore()).isEmpty();
        assertThat(settings.insecure()).isFalse();
    }

    @Test
    void toStringNeverShowsSecrets() {
        ServerSettings settings = ServerSettings.builder("https://host", KEY)
                .proxy(ProxySettings.builder("proxy", 3128)
                        .credentials("bob", "proxy-pass")
                        .build())
                .build();

        assertThat(settings.toString())
                .doesNotContain("API-SECRET")
                .doesNotContain("proxy-pass")
                .contains("API-****");
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> ServerSettings.builder("https://host", KEY).uploadTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uploadTimeout");
    }
}

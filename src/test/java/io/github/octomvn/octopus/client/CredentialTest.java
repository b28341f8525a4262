package io.github.octomvn.octopus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class CredentialTest {

    @Test
    void apiKeyIsSentAsTheOctopusHeaderOnly() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1/api"));
        Credential.apiKey("API-ABC123").applyTo(request);

        HttpRequest built = request.build();

        assertThat(built.headers().allValues("X-Octopus-ApiKey")).containsExactly("API-ABC123");
        assertThat(built.headers().firstValue("Authorization")).isEmpty();
        assertThat(built.uri().toString()).doesNotContain("API-ABC123");
    }

    @Test
    void bearerTokenIsSentAsAuthorizationOnly() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1/api"));
        Credential.bearerToken("t0k").applyTo(request);

        HttpRequest built = request.build();

        assertThat(built.headers().allValues("Authorization")).containsExactly("Bearer t0k");
        assertThat(built.headers().firstValue("X-Octopus-ApiKey")).isEmpty();
    }

    @Test
    void toStringMasksTheSecret() {
        assertThat(Credential.apiKey("API-SECRET42")).hasToString("API-****");
        assertThat(Credential.bearerToken("eyJsecret")).hasToString("Bearer ****");
        assertThat(Credential.apiKey("API-SECRET42").masked()).doesNotContain("SECRET42");
    }

    @Test
    void trimsSurroundingWhitespace() {
        assertThat(Credential.apiKey("  API-ABC \n").secret()).contains("API-ABC");
    }

    @Test
    void rejectsAnEmptyKey() {
        assertThatThrownBy(() -> Credential.apiKey("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void rejectsAKeyWithALineBreakWithoutEchoingIt() {
        assertThatThrownBy(() -> Credential.apiKey("API-AB\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("API-AB")
                .hasMessageContaining("whitespace");
    }
}

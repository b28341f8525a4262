package io.github.octomvn.octopus.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailuresTest {

    private final TestClock clock = new TestClock();
    private final Failures failures = new Failures(
            ServerSettings.builder("https://octopus.example.com", Credential.apiKey("API-SECRETKEY"))
                    .build(),
            clock);

    private static HttpHeaders headers(String... nameValues) {
        Map<String, List<String>> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return HttpHeaders.of(map, (a, b) -> true);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void showsStatusErrorMessageEachErrorAndHelpTextOnOneLine() {
        OctopusException e = failures.fromResponse(
                "Uploading a.1.0.zip",
                400,
                headers("Content-Type", "application/json"),
                utf8("{\"ErrorMessage\":\"There was a problem with your request.\",\"Errors\":[\"First\\nline\","
                        + "\"Second\"],\"HelpText\":\"See the docs\"}"),
                null);

        assertThat(e.getMessage())
                .isEqualTo("Uploading a.1.0.zip failed: HTTP 400 Bad Request: There was a problem with your request."
                        + " First line; Second; See the docs. The server refused the request as invalid");
        assertThat(e.kind()).isEqualTo(OctopusException.Kind.VALIDATION);
        assertThat(e.status()).hasValue(400);
    }

    @Test
    void truncatesAnHtmlBodyAndCollapsesItsWhitespace() {
        String html =
                "<html><head><title>502 Bad Gateway</title></head>\n<body>\n" + "x ".repeat(300) + "</body></html>";

        OctopusException e =
                failures.fromResponse("GET /api", 502, headers("Content-Type", "text/html"), utf8(html), null);

        assertThat(e.getMessage())
                .contains("HTTP 502 Bad Gateway: 502 Bad Gateway x x x")
                .contains("...");
        assertThat(e.getMessage()).doesNotContain("<html>").doesNotContain("\n");
        assertThat(e.getMessage().length()).isLessThan(400);
        assertThat(e.retryable()).isTrue();
        assertThat(e.mayHaveReachedServer()).isTrue();
    }

    @Test
    void hintsAtTheApiKeyOn401WithoutShowingIt() {
        OctopusException e = failures.fromResponse(
                "GET /api", 401, headers(), utf8("{\"ErrorMessage\":\"Bad key API-SECRETKEY\",\"Errors\":[]}"), null);

        assertThat(e.kind()).isEqualTo(OctopusException.Kind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("Check the API key (API-****)").doesNotContain("SECRETKEY");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void namesTheMissingPermissionOn403() {
        OctopusException e = failures.fromResponse(
                "Uploading",
                403,
                headers(),
                utf8("{\"ErrorMessage\":\"You do not have permission. Missing permission: BuiltInFeedPush\"}"),
                null);

        assertThat(e.kind()).isEqualTo(OctopusException.Kind.PERMISSION);
        assertThat(e.getMessage()).contains("grant BuiltInFeedPush");
    }

    @Test
    void readsRetryAfterInSecondsAndAsAnHttpDate() {
        assertThat(failures.retryAfter(headers("Retry-After", "7"))).contains(Duration.ofSeconds(7));
        assertThat(failures.retryAfter(headers("Retry-After", "Wed, 25 Nov 2026 10:00:30 GMT")))
                .contains(Duration.ofSeconds(30));
        assertThat(failures.retryAfter(headers("Retry-After", "soon"))).isEmpty();
    }

    @Test
    void marksOnlyTransientStatusesRetryable() {
        for (int status : new int[] {408, 429, 502, 503, 504}) {
            assertThat(failures.fromResponse("x", status, headers(), new byte[0], null)
                            .retryable())
                    .as("status %d", status)
                    .isTrue();
        }
        for (int status : new int[] {400, 401, 403, 404, 409, 500}) {
            assertThat(failures.fromResponse("x", status, headers(), new byte[0], null)
                            .retryable())
                    .as("status %d", status)
                    .isFalse();
        }
    }
}

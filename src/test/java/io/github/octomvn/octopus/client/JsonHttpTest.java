package io.github.octomvn.octopus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON plumbing that build information will reuse: headers, body, and which failures a POST retries. */
class JsonHttpTest {

    private ServerFixture fixture;
    private JsonHttp json;
    private final List<String> notices = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // A server without the build-information route, so that the POSTs below end in a plain 404.
        fixture = new ServerFixture(
                OctopusTestServer.builder().withoutBuildInformation().start());
        json = fixture.connect().json();
        fixture.server.clearRequests();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private ObjectNode body() {
        ObjectNode body = Json.object();
        body.put("PackageId", "MyApp");
        body.put("Version", "1.0.0");
        return body;
    }

    @Test
    void postsPascalCaseJsonWithTheCredentialAndContentType() {
        assertThatThrownBy(() -> json.post(
                        "/api/Spaces-1/build-information?overwriteMode=FailIfExists",
                        body(),
                        "Pushing build information",
                        notices::add,
                        null))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.NOT_FOUND))
                .hasMessageStartingWith("Pushing build information failed: HTTP 404 Not Found");

        RecordedRequest post = fixture.server.requests().get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.query()).isEqualTo("overwriteMode=FailIfExists");
        assertThat(post.header("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(post.header("X-Octopus-ApiKey")).contains(fixture.server.apiKey());
        assertThat(new String(post.body().orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("{\"PackageId\":\"MyApp\",\"Version\":\"1.0.0\"}");
    }

    @Test
    void aPostIsRetriedWhenTheServerRefusedIt() {
        fixture.server.failNext(2, 503, "build-information", 2);

        assertThatThrownBy(() -> json.post("/api/Spaces-1/build-information", body(), "Pushing", notices::add, null))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.status()).hasValue(404));
        assertThat(fixture.server.requests())
                .extracting(RecordedRequest::status)
                .containsExactly(503, 503, 404);
        assertThat(fixture.sleeper.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(notices).hasSize(2);
    }

    @Test
    void aPostThatMayHaveBeenProcessedIsNotRetried() {
        fixture.server.failNext(1, 504, "build-information");

        assertThatThrownBy(() -> json.post("/api/Spaces-1/build-information", body(), "Pushing", notices::add, null))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.status()).hasValue(504));
        assertThat(fixture.server.requests()).hasSize(1);
        assertThat(fixture.sleeper.sleeps()).isEmpty();
    }

    @Test
    void aCallerHintReplacesTheDefaultOne() {
        assertThatThrownBy(() -> json.post(
                        "/api/Spaces-1/build-information",
                        body(),
                        "Pushing",
                        notices::add,
                        status -> status == 404 ? "Build information needs Octopus 2019.9.0 or newer" : null))
                .hasMessageEndingWith("Build information needs Octopus 2019.9.0 or newer");
    }

    @Test
    void getReturnsTheDocumentAndFindTreats404AsAbsent() throws Exception {
        assertThat(json.get("/api/spaces/all", "Listing", notices::add).size()).isEqualTo(2);
        assertThat(json.find("/api/Spaces-1/packages/none.1.0", "Looking up", notices::add))
                .isEmpty();
    }
}

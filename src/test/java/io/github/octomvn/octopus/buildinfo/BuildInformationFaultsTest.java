package io.github.octomvn.octopus.buildinfo;

import static io.github.octomvn.octopus.buildinfo.BuildInformationPushTest.headBuild;
import static io.github.octomvn.octopus.buildinfo.BuildInformationPushTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ServerFixture;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every fault ends with the record stored exactly once, or with a clear failure; a POST that may have reached
 * the server is checked by looking the record up before it is sent again.
 */
class BuildInformationFaultsTest {

    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private BuildInformationResult push(ServerSettings settings, OverwriteMode mode) throws OctopusException {
        OctopusClient client = fixture.connect(settings);
        return BuildInformationPusher.of(client)
                .push(client.resolveSpace(Optional.empty()), request("2.0.0", mode, headBuild("7")));
    }

    private BuildInformationResult push() throws OctopusException {
        return push(fixture.settings().build(), OverwriteMode.FailIfExists);
    }

    private void assertStoredOnce() {
        assertThat(fixture.server
                        .buildInformation("MyApp.Web", "2.0.0")
                        .orElseThrow()
                        .buildNumber())
                .contains("7");
        assertThat(fixture.server.buildInformationWriteCount("MyApp.Web", "2.0.0"))
                .isEqualTo(1);
    }

    @Test
    void retriesAfterServiceUnavailableHonouringRetryAfter() throws Exception {
        fixture.server.failNext("POST", 1, 503, "build-information$", 2);

        BuildInformationResult result = push();

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.CREATED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(fixture.sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
        assertThat(fixture.server.requests("POST", "build-information"))
                .extracting(RecordedRequest::status)
                .containsExactly(503, 200);
        assertThat(fixture.warnings).anyMatch(w -> w.contains("HTTP 503") && w.contains("retrying in 2 s (attempt 2"));
        assertStoredOnce();
    }

    @Test
    void aConnectionDroppedAfterTheServerStoredThePostIsVerifiedNotResent() throws Exception {
        fixture.server.dropAfterStoringNextBuildInformation();

        BuildInformationResult result = push();

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.CREATED);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(fixture.server.requests("POST", "build-information"))
                .extracting(RecordedRequest::status)
                .containsExactly(0);
        assertThat(fixture.warnings).anyMatch(w -> w.contains("will check whether the server stored it"));
        assertStoredOnce();
    }

    @Test
    void aPostStoredButNeverAnsweredIsRecognisedAfterTheTimeout() throws Exception {
        fixture.server.hangAfterStoringNextBuildInformation();
        ServerSettings settings =
                fixture.settings().requestTimeout(Duration.ofMillis(700)).build();

        BuildInformationResult result = push(settings, OverwriteMode.FailIfExists);

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.CREATED);
        assertThat(fixture.server.requests("POST", "build-information")).hasSize(1);
        assertThat(fixture.warnings).anyMatch(w -> w.contains("in time"));
        assertStoredOnce();
    }

    @Test
    void aGatewayErrorBeforeTheServerIsVerifiedAndSentAgainOnce() throws Exception {
        fixture.server.failNext("POST", 1, 502, "build-information$", -1);

        BuildInformationResult result = push();

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.CREATED);
        assertThat(fixture.server.requests())
                .extracting(r -> r.method() + " " + r.path() + " " + r.status())
                .containsExactly(
                        "GET /api 200",
                        "GET /api/spaces/all 200",
                        "GET /api/Spaces-1/build-information 200",
                        "POST /api/Spaces-1/build-information 502",
                        "GET /api/Spaces-1/build-information 200",
                        "POST /api/Spaces-1/build-information 200");
        assertStoredOnce();
    }

    @Test
    void neverRetriesAnInternalServerError() throws Exception {
        fixture.server.failNext("POST", 1, 500, "build-information$", -1);

        assertThatThrownBy(this::push).isInstanceOfSatisfying(OctopusException.class, e -> {
            assertThat(e.kind()).isEqualTo(OctopusException.Kind.SERVER);
            assertThat(e.getMessage())
                    .startsWith("Pushing build information for MyApp.Web 2.0.0 to " + fixture.server.url())
                    .contains("HTTP 500");
        });
        assertThat(fixture.server.requests("POST", "build-information")).hasSize(1);
        assertThat(fixture.sleeper.sleeps()).isEmpty();
    }

    @Test
    void givesUpAfterTheRetryPolicysAttempts() throws Exception {
        fixture.server.failNext("POST", 100, 503, "build-information$", -1);

        assertThatThrownBy(this::push)
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("gave up after 8 attempts");
        assertThat(fixture.server.requests("POST", "build-information")).hasSize(8);
        assertThat(fixture.server.buildInformation()).isEmpty();
    }

    @Test
    void aDroppedReplacementIsVerifiedByContent() throws Exception {
        fixture.server.seedBuildInformation(
                "MyApp.Web", "2.0.0", BuildInformationPushTest.asMap(BuildInformationPushTest.info("6", "beef")));
        fixture.server.dropAfterStoringNextBuildInformation();

        BuildInformationResult result = push(fixture.settings().build(), OverwriteMode.OverwriteExisting);

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.REPLACED);
        assertThat(fixture.server.requests("POST", "build-information")).hasSize(1);
        assertThat(fixture.server.buildInformationWriteCount("MyApp.Web", "2.0.0"))
                .isEqualTo(2);
    }
}

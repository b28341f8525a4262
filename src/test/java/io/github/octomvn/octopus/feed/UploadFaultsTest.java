package io.github.octomvn.octopus.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.RetryPolicy;
import io.github.octomvn.octopus.client.ServerFixture;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import io.github.octomvn.octopus.testserver.StoredPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fault of the test server ends with the package stored exactly once with the right SHA-1, or with a
 * clear failure; retries stay bounded.
 */
class UploadFaultsTest {

    @TempDir
    Path dir;

    private ServerFixture fixture;
    private Path file;
    private String sha1;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start();
        byte[] content = new byte[200_000];
        new Random(42).nextBytes(content);
        file = Files.write(dir.resolve("MyApp.2.0.0.zip"), content);
        sha1 = PackageUploader.sha1Of(file);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private UploadResult push(ServerSettings settings, OverwriteMode mode) throws OctopusException {
        return push(settings, mode, warning -> {});
    }

    /** Pushes with {@code onWarning} hearing each warning (after the fixture wrote it down), e.g. to inject a fault. */
    private UploadResult push(ServerSettings settings, OverwriteMode mode, Consumer<String> onWarning)
            throws OctopusException {
        OctopusClient client = OctopusClient.connect(settings, fixture.sleeper, fixture.clock, warning -> {
            fixture.warnings.add(warning);
            onWarning.accept(warning);
        });
        return BuiltInFeed.of(client).upload(client.resolveSpace(Optional.empty()), file, mode, UploadListener.none());
    }

    private UploadResult push() throws OctopusException {
        return push(fixture.settings().build(), OverwriteMode.FailIfExists);
    }

    private void assertStoredOnce() {
        StoredPackage stored = fixture.server.storedPackage("MyApp", "2.0.0").orElseThrow();
        assertThat(stored.sha1()).isEqualTo(sha1);
        assertThat(stored.size()).isEqualTo(200_000);
        assertThat(fixture.server.storeCount("MyApp", "2.0.0")).isEqualTo(1);
    }

    @Test
    void retriesAfterServiceUnavailableHonouringRetryAfter() throws Exception {
        fixture.server.failNext(2, 503, "packages/raw", 3);

        UploadResult result = push();

        assertThat(result.outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(fixture.sleeper.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(fixture.server.requests("POST", "packages/raw"))
                .extracting(RecordedRequest::status)
                .containsExactly(503, 503, 201);
        // A 503 means the request was refused, so no verification is needed in between.
        assertThat(fixture.server.requests("GET", "packages/MyApp")).hasSize(1);
        assertThat(fixture.warnings).hasSize(2).allMatch(w -> w.contains("retrying in 3 s (attempt"));
        assertStoredOnce();
    }

    @Test
    void backsOffExponentiallyAndGivesUpAfterAboutAMinute() throws Exception {
        fixture.server.failNext(100, 503, "packages/raw", -1);

        assertThatThrownBy(this::push)
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.status()).hasValue(503))
                .hasMessageContaining("HTTP 503 Service Unavailable")
                .hasMessageContaining("gave up after 8 attempts");
        assertThat(fixture.sleeper.sleeps())
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(15));
        assertThat(fixture.server.requests("POST", "packages/raw")).hasSize(8);
        assertThat(fixture.server.packages()).isEmpty();
    }

    @Test
    void givesUpAtOnceWhenRetryAfterExceedsTheBudget() throws Exception {
        fixture.server.failNext(1, 429, "packages/raw", 600);

        assertThatThrownBy(this::push)
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("HTTP 429 Too Many Requests");
        assertThat(fixture.sleeper.sleeps()).isEmpty();
    }

    @Test
    void neverRetriesOtherClientErrors() throws Exception {
        fixture.server.failNext(1, 400, "packages/raw");

        assertThatThrownBy(this::push)
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.VALIDATION))
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("Check the file name <PackageId>.<Version><extension> (here package MyApp,"
                        + " version 2.0.0)");
        assertThat(fixture.server.requests("POST", "packages/raw")).hasSize(1);
        assertThat(fixture.sleeper.sleeps()).isEmpty();
    }

    @Test
    void anInternalServerErrorFailsClearlyWithoutRetryAndTheReRunSucceeds() throws Exception {
        fixture.server.failNext(1, 500, "packages/raw");

        assertThatThrownBy(this::push)
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.SERVER))
                .hasMessageContaining("HTTP 500 Internal Server Error: An unexpected error occurred in Octopus Server.")
                .hasMessageContaining("its server log has the details");
        assertThat(fixture.server.requests("POST", "packages/raw")).hasSize(1);

        assertThat(push().outcome()).isEqualTo(UploadOutcome.CREATED);
        assertStoredOnce();
    }

    @Test
    void aGatewayErrorIsVerifiedBeforeTheUploadIsSentAgain() throws Exception {
        fixture.server.failNext(1, 502, "packages/raw");

        UploadResult result = push();

        assertThat(result.outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(fixture.server.requests())
                .extracting(r -> r.method() + " " + r.path() + " " + r.status())
                .containsExactly(
                        "GET /api 200",
                        "GET /api/spaces/all 200",
                        "GET /api/Spaces-1/packages/MyApp.2.0.0 404",
                        "POST /api/Spaces-1/packages/raw 502",
                        "GET /api/Spaces-1/packages/MyApp.2.0.0 404",
                        "POST /api/Spaces-1/packages/raw 201");
        assertThat(fixture.warnings)
                .anyMatch(w ->
                        w.contains("HTTP 502 Bad Gateway: 502 Bad Gateway") && w.contains("nginx") && !w.contains("<"));
        assertStoredOnce();
    }

    @Test
    void aConnectionDroppedMidUploadIsVerifiedAndSentAgainOnce() throws Exception {
        fixture.server.dropNextUploadAfter(50_000);

        UploadResult result = push();

        assertThat(result.outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(fixture.server.requests("POST", "packages/raw"))
                .extracting(RecordedRequest::status)
                .containsExactly(0, 201);
        assertThat(fixture.server.requests("GET", "packages/MyApp")).hasSize(2);
        assertThat(fixture.warnings)
                .anyMatch(w -> w.contains("connection to 127.0.0.1:" + fixture.server.port() + " broke")
                        && w.contains("will check whether the server stored it"));
        assertThat(fixture.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertStoredOnce();
    }

    @Test
    void anUploadStoredButNeverAnsweredIsRecognisedBySha1() throws Exception {
        fixture.server.hangAfterStoringNextUpload();
        ServerSettings settings =
                fixture.settings().uploadTimeout(Duration.ofSeconds(1)).build();

        UploadResult result = push(settings, OverwriteMode.FailIfExists);

        assertThat(result.outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(result.record().sha1()).isEqualTo(sha1);
        assertThat(fixture.server.requests("POST", "packages/raw")).hasSize(1);
        assertThat(fixture.warnings)
                .anyMatch(w -> w.contains("no answer from 127.0.0.1:" + fixture.server.port() + " in time"));
        assertStoredOnce();
    }

    @Test
    void anUploadThatTimedOutUnstoredIsSentAgain() throws Exception {
        fixture.server.hangNext(1, "packages/raw");
        ServerSettings settings =
                fixture.settings().uploadTimeout(Duration.ofSeconds(1)).build();

        UploadResult result = push(settings, OverwriteMode.FailIfExists);

        assertThat(result.outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(fixture.server.requests("POST", "packages/raw"))
                .extracting(RecordedRequest::status)
                .containsExactly(0, 201);
        assertStoredOnce();
    }

    @Test
    void aDifferentPackageFoundAfterAnAmbiguousFailureIsAConflict() throws Exception {
        fixture.server.dropNextUploadAfter(1000);
        Consumer<String> racingPusher = warning -> {
            // While the client waits to retry, someone else pushes other bytes under the same version.
            try {
                fixture.server.seedPackage("Spaces-1", "MyApp.2.0.0.zip", "other".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };

        assertThatThrownBy(() -> push(fixture.settings().build(), OverwriteMode.FailIfExists, racingPusher))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.CONFLICT))
                .hasMessageContaining("with different content")
                .hasMessageContaining("local SHA-1 " + sha1);
        assertThat(fixture.server.requests("POST", "packages/raw")).hasSize(1);
    }

    @Test
    void anAmbiguousFailureOnTheLastAttemptIsStillVerified() throws Exception {
        fixture.server.hangAfterStoringNextUpload();
        ServerSettings settings = fixture.settings()
                .uploadTimeout(Duration.ofSeconds(1))
                .retryPolicy(RetryPolicy.none())
                .build();

        UploadResult result = push(settings, OverwriteMode.FailIfExists);

        assertThat(result.outcome()).isEqualTo(UploadOutcome.CREATED);
        assertStoredOnce();
    }

    @Test
    void anUnverifiableAmbiguousFailureSaysSoAndHowToRecover() throws Exception {
        fixture.server.hangNext(1, "packages/raw");
        Consumer<String> lookupsBreakAfterTheTimeout =
                warning -> fixture.server.failNext(100, 503, "packages/MyApp", -1);
        ServerSettings settings =
                fixture.settings().uploadTimeout(Duration.ofSeconds(1)).build();

        assertThatThrownBy(() -> push(settings, OverwriteMode.FailIfExists, lookupsBreakAfterTheTimeout))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.TIMEOUT))
                .hasMessageContaining("no answer from 127.0.0.1:" + fixture.server.port() + " in time")
                .hasMessageContaining("gave up after 8 attempts; whether the server stored the package could not"
                        + " be checked: run the build again, an identical package is then recognised");
        assertThat(fixture.server.requests("POST", "packages/raw")).hasSize(1);
        assertThat(fixture.sleeper.sleeps())
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(15));
    }

    @Test
    void slowResponsesWithinTheTimeoutAreFine() throws Exception {
        fixture.server.delayResponses(150);

        assertThat(push().outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(fixture.sleeper.sleeps()).isEmpty();
        assertStoredOnce();
    }

    @Test
    void transientFailuresOfTheLookupAreRetriedToo() throws Exception {
        fixture.server.failNext(2, 503, "packages/MyApp", 1);

        assertThat(push().outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(fixture.server.requests("GET", "packages/MyApp"))
                .extracting(RecordedRequest::status)
                .containsExactly(503, 503, 404);
        assertStoredOnce();
    }

    @Test
    void overwriteAfterADroppedConnectionReplacesOnce() throws Exception {
        fixture.server.seedPackage("Spaces-1", "MyApp.2.0.0.zip", "old".getBytes(StandardCharsets.UTF_8));
        fixture.server.dropNextUploadAfter(10);

        UploadResult result = push(fixture.settings().build(), OverwriteMode.OverwriteExisting);

        assertThat(result.outcome()).isEqualTo(UploadOutcome.REPLACED);
        assertThat(fixture.server.storedPackage("MyApp", "2.0.0").orElseThrow().sha1())
                .isEqualTo(sha1);
        assertThat(fixture.server.requests("POST", "packages/raw"))
                .extracting(RecordedRequest::status)
                .containsExactly(0, 201);
    }
}

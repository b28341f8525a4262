package io.github.octomvn.octopus.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.RetryPolicy;
import io.github.octomvn.octopus.client.ServerFixture;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import io.github.octomvn.octopus.testserver.StoredPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delta push against the test server: a delta when it is worth it and the server offers it, the full file
 * otherwise, conflicts kept final, ambiguous failures verified by SHA-1, and no temporary file left behind.
 */
class DeltaUploadTest {

    private static final int SIZE = 300_000;

    @TempDir
    Path dir;

    private ServerFixture fixture;
    private byte[] base;
    private Path file;
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start();
        base = random(SIZE, 42);
        byte[] next = base.clone();
        for (int i = 0; i < 100; i++) {
            next[150_000 + i] ^= 0x5a;
        }
        file = Files.write(dir.resolve("MyApp.1.0.1.zip"), next);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private void seedBase() throws IOException {
        fixture.server.seedPackage("Spaces-1", "MyApp.1.0.0.zip", base);
    }

    private UploadResult push(OverwriteMode mode, boolean delta) throws OctopusException {
        OctopusClient client = fixture.connect();
        return BuiltInFeed.of(client)
                .upload(client.resolveSpace(Optional.empty()), file, mode, delta, new UploadListener() {
                    @Override
                    public void deltaProgress(String baseVersion, long scanned, long total) {
                        progress.add(baseVersion + " " + scanned + "/" + total);
                    }
                });
    }

    private UploadResult push() throws OctopusException {
        return push(OverwriteMode.FailIfExists, true);
    }

    private StoredPackage stored() {
        return fixture.server.storedPackage("MyApp", "1.0.1").orElseThrow();
    }

    private List<RecordedRequest> fullUploads() {
        return fixture.server.requests("POST", "packages/raw");
    }

    private List<RecordedRequest> deltaUploads() {
        return fixture.server.requests("POST", "/delta$");
    }

    private List<RecordedRequest> signatureRequests() {
        return fixture.server.requests("GET", "/delta-signature$");
    }

    /** Only the package is left in its folder: every signature and delta temp file is gone. */
    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .containsExactly("MyApp.1.0.1.zip");
        }
    }

    @Test
    void sendsADeltaAndTheServerStoresTheExactFile() throws Exception {
        seedBase();

        UploadResult result = push();

        assertThat(result.outcome()).isEqualTo(UploadOutcome.CREATED);
        DeltaTransfer delta = result.delta().orElseThrow();
        assertThat(delta.baseVersion()).isEqualTo("1.0.0");
        assertThat(delta.fullBytes()).isEqualTo(SIZE);
        assertThat(delta.deltaBytes()).isLessThan(SIZE / 50);
        assertThat(result.bytesSent()).isEqualTo(delta.deltaBytes());
        assertThat(result.describe())
                .startsWith("uploaded MyApp 1.0.1, delta against 1.0.0: ")
                .endsWith(" of 293.0 KiB (" + DeltaTransfer.percent(delta.deltaBytes(), SIZE) + ")");
        assertThat(stored().contentEquals(file)).isTrue();
        assertThat(stored().sha1()).isEqualTo(result.localSha1());
        assertThat(fixture.server.deltasApplied()).isEqualTo(1);
        assertThat(fixture.server.deltaBytesReceived()).isEqualTo(delta.deltaBytes());
        assertThat(fullUploads()).isEmpty();
        RecordedRequest post = deltaUploads().get(0);
        assertThat(post.path()).isEqualTo("/api/Spaces-1/packages/MyApp/1.0.0/delta");
        assertThat(post.query()).isEqualTo("overwriteMode=FailIfExists");
        assertThat(signatureRequests())
                .extracting(RecordedRequest::path)
                .containsExactly("/api/Spaces-1/packages/MyApp/1.0.1/delta-signature");
        assertThat(fixture.warnings).isEmpty();
        assertNoTemporaryFiles();
    }

    @Test
    void anIdenticalPackageOnTheServerIsStillRecognisedFirst() throws Exception {
        fixture.server.seedPackage("Spaces-1", "MyApp.1.0.1.zip", Files.readAllBytes(file));
        seedBase();

        UploadResult result = push();

        assertThat(result.outcome()).isEqualTo(UploadOutcome.IDENTICAL);
        assertThat(result.delta()).isEmpty();
        assertThat(signatureRequests()).isEmpty();
        assertThat(fixture.server.requests("POST", ".*")).isEmpty();
    }

    @Test
    void sendsTheFullFileWhenNoEarlierVersionIsStored() throws Exception {
        UploadResult result = push();

        assertThat(result.outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(result.delta()).isEmpty();
        assertThat(result.fullUploadReason()).hasValue("no earlier version on the server");
        assertThat(result.describe()).isEqualTo("uploaded MyApp 1.0.1 (full file: no earlier version on the server)");
        assertThat(signatureRequests()).extracting(RecordedRequest::status).containsExactly(404);
        assertThat(fullUploads()).hasSize(1);
        assertThat(stored().contentEquals(file)).isTrue();
        assertThat(fixture.warnings).isEmpty();
        assertNoTemporaryFiles();
    }

    @Test
    void sendsTheFullFileWhenTheSignatureRequestFails() throws Exception {
        seedBase();
        fixture.server.answerDeltaSignaturesWith(500);

        UploadResult result = push();

        assertThat(result.fullUploadReason()).hasValue("the signature request failed");
        assertThat(fixture.warnings)
                .singleElement()
                .asString()
                .contains("delta signature for MyApp 1.0.1 failed: HTTP 500")
                .endsWith("; uploading the full file instead of a delta");
        assertThat(signatureRequests()).hasSize(1);
        assertThat(deltaUploads()).isEmpty();
        assertThat(stored().contentEquals(file)).isTrue();
        assertNoTemporaryFiles();
    }

    @Test
    void sendsTheFullFileWhenTheSignatureIsCorrupt() throws Exception {
        seedBase();
        fixture.server.corruptDeltaSignatures(true);

        UploadResult result = push();

        assertThat(result.fullUploadReason()).hasValue("the server's signature was unusable");
        assertThat(fixture.warnings)
                .singleElement()
                .asString()
                .contains("The delta signature of MyApp 1.0.1 from http://127.0.0.1:")
                .contains("is not a whole number of 26-byte entries); uploading the full file");
        assertThat(deltaUploads()).isEmpty();
        assertThat(stored().contentEquals(file)).isTrue();
        assertNoTemporaryFiles();
    }

    @Test
    void sendsTheFullFileWhenTheSignatureAnswerIsNotASignatureDocument() throws Exception {
        seedBase();
        fixture.server.respondNext(
                1, 200, "/delta-signature$", "application/json", "{\"BaseVersion\":\"1.0.0\",\"Signature\":\"%%%\"}");

        UploadResult result = push();

        assertThat(result.fullUploadReason()).hasValue("the server's signature was unusable");
        assertThat(fixture.warnings).singleElement().asString().contains("the Signature is not base64");
        assertThat(stored().contentEquals(file)).isTrue();
        assertNoTemporaryFiles();
    }

    @Test
    void sendsTheFullFileWhenTheSignatureAnswerIsNotJsonOrLacksTheBaseVersion() throws Exception {
        seedBase();
        fixture.server.respondNext(1, 200, "/delta-signature$", "text/html", "<html>proxy login</html>");
        fixture.server.respondNext(1, 200, "/delta-signature$", "application/json", "{\"Signature\":\"AAAA\"}");

        UploadResult first = push();
        fixture.server.seedPackage("Spaces-1", "MyApp.1.0.1.zip", base); // so that the second push replaces it
        UploadResult second = push(OverwriteMode.OverwriteExisting, true);

        assertThat(first.fullUploadReason()).hasValue("the server's signature was unusable");
        assertThat(second.fullUploadReason()).hasValue("the server's signature was unusable");
        assertThat(fixture.warnings).hasSize(2);
        assertThat(fixture.warnings.get(0)).contains("the answer is not a signature document");
        assertThat(fixture.warnings.get(1)).contains("is unusable (no BaseVersion)");
        assertThat(deltaUploads()).isEmpty();
        assertThat(stored().contentEquals(file)).isTrue();
        assertNoTemporaryFiles();
    }

    @Test
    void asksNothingOfAServerThatDoesNotOfferDeltas() throws Exception {
        seedBase();
        fixture.server.advertiseDeltaUpload(false);

        UploadResult result = push();

        assertThat(result.delta()).isEmpty();
        assertThat(result.fullUploadReason()).isEmpty();
        assertThat(result.describe()).isEqualTo("uploaded MyApp 1.0.1");
        assertThat(signatureRequests()).isEmpty();
        assertThat(stored().contentEquals(file)).isTrue();
    }

    @Test
    void asksNothingWhenDeltaCompressionIsOff() throws Exception {
        seedBase();

        UploadResult result = push(OverwriteMode.FailIfExists, false);

        assertThat(result.delta()).isEmpty();
        assertThat(signatureRequests()).isEmpty();
        assertThat(fullUploads()).hasSize(1);
    }

    @Test
    void sendsTheFullFileWhenTheDeltaIsAbove95PercentOfIt() throws Exception {
        fixture.server.seedPackage("Spaces-1", "MyApp.1.0.0.zip", random(SIZE, 7));

        UploadResult result = push();

        assertThat(result.fullUploadReason())
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("a delta against 1.0.0 would be 100.")
                        .endsWith(" % of it"));
        assertThat(signatureRequests()).hasSize(1);
        assertThat(deltaUploads()).isEmpty();
        assertThat(fullUploads()).hasSize(1);
        assertThat(fixture.warnings).isEmpty();
        assertThat(stored().contentEquals(file)).isTrue();
        assertNoTemporaryFiles();
    }

    @Test
    void failsWithTheServersWordsWhenItRejectsTheDeltaAsInvalid() throws Exception {
        seedBase();
        fixture.server.rejectDeltaUploads(true);

        // As the Octopus CLI does: a 400 is the server's answer about the request, not a transport failure.
        assertThatThrownBy(this::push)
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.VALIDATION))
                .hasMessageStartingWith("Uploading MyApp.1.0.1.zip as a delta against 1.0.0 to http://127.0.0.1:")
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("The delta file could not be applied to MyApp 1.0.0");
        assertThat(deltaUploads()).extracting(RecordedRequest::status).containsExactly(400);
        assertThat(fullUploads()).isEmpty();
        assertThat(fixture.server.storeCount("MyApp", "1.0.1")).isZero();
        assertNoTemporaryFiles();
    }

    @Test
    void sendsTheFullFileWhenTheDeltaRouteFails() throws Exception {
        seedBase();
        fixture.server.failNext("POST", 1, 500, "/delta$", -1);

        UploadResult result = push();

        assertThat(result.fullUploadReason()).hasValue("the delta upload failed");
        assertThat(fixture.warnings).singleElement().asString().contains("HTTP 500");
        assertThat(fullUploads()).extracting(RecordedRequest::status).containsExactly(201);
        assertThat(stored().contentEquals(file)).isTrue();
        assertNoTemporaryFiles();
    }

    @Test
    void aConflictFromTheDeltaRouteIsFinalNotAFallback() throws Exception {
        seedBase();
        // Another build stores other bytes under 1.0.1 between the lookup and the delta upload.
        fixture.server.respondNext(
                1,
                409,
                "/delta$",
                "application/json",
                "{\"ErrorMessage\":\"There was a problem with your request.\",\"Errors\":[\"A package with the same ID"
                        + " and version already exists.\"]}");

        assertThatThrownBy(this::push)
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.CONFLICT))
                .hasMessageContaining("HTTP 409");
        assertThat(fullUploads()).isEmpty();
        assertNoTemporaryFiles();
    }

    @Test
    void aDroppedConnectionAfterTheDeltaWasStoredIsVerifiedBySha1NotResent() throws Exception {
        seedBase();
        fixture.server.dropAfterStoringNextUpload();

        UploadResult result = push();

        assertThat(result.outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(result.delta()).isPresent();
        assertThat(deltaUploads()).hasSize(1);
        assertThat(fullUploads()).isEmpty();
        assertThat(fixture.server.storeCount("MyApp", "1.0.1")).isEqualTo(1);
        assertThat(stored().contentEquals(file)).isTrue();
        assertThat(fixture.sleeper.sleeps()).hasSize(1);
        assertThat(fixture.warnings).singleElement().asString().contains("will check whether the server stored it");
        assertNoTemporaryFiles();
    }

    @Test
    void aDeltaUploadThatTimesOutUnstoredFallsBackOnlyAfterTheSha1Check() throws Exception {
        seedBase();
        // every attempt the retry policy allows hangs, so the delta gives up (after checking) and the full file goes
        fixture.server.hangNext(RetryPolicy.defaults().maxAttempts(), "/delta$");

        OctopusClient client = fixture.connect(
                fixture.settings().uploadTimeout(Duration.ofMillis(300)).build());
        UploadResult result = BuiltInFeed.of(client)
                .upload(
                        client.resolveSpace(Optional.empty()),
                        file,
                        OverwriteMode.FailIfExists,
                        true,
                        UploadListener.none());

        assertThat(result.outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(result.fullUploadReason()).hasValue("the delta upload failed");
        assertThat(fixture.server.requests("POST", ".*"))
                .extracting(RecordedRequest::path)
                .last()
                .isEqualTo("/api/Spaces-1/packages/raw");
        assertThat(stored().contentEquals(file)).isTrue();
        assertThat(fixture.server.storeCount("MyApp", "1.0.1")).isEqualTo(1);
        assertNoTemporaryFiles();
    }

    @Test
    void replacesAVersionWithADeltaAgainstItsOwnStoredContent() throws Exception {
        fixture.server.seedPackage("Spaces-1", "MyApp.1.0.1.zip", base);

        UploadResult result = push(OverwriteMode.OverwriteExisting, true);

        assertThat(result.outcome()).isEqualTo(UploadOutcome.REPLACED);
        assertThat(result.delta().orElseThrow().baseVersion()).isEqualTo("1.0.1");
        assertThat(deltaUploads().get(0).query()).isEqualTo("overwriteMode=OverwriteExisting");
        assertThat(stored().contentEquals(file)).isTrue();
    }

    @Test
    void aLegacyServerGetsTheDeltaWithReplace() throws Exception {
        fixture.close();
        fixture = new ServerFixture(OctopusTestServer.builder().legacy().start());
        fixture.server.seedPackage("", "MyApp.1.0.0.zip", base);

        UploadResult result = push();

        assertThat(result.delta()).isPresent();
        assertThat(deltaUploads())
                .extracting(r -> r.path() + "?" + r.query())
                .containsExactly("/api/packages/MyApp/1.0.0/delta?replace=false");
        assertThat(stored().contentEquals(file)).isTrue();
    }

    @Test
    void tellsTheProgressOfALongDeltaBuild() throws Exception {
        fixture.close();
        fixture = new ServerFixture(OctopusTestServer.start());
        byte[] large = random(9 * 1024 * 1024, 3);
        fixture.server.seedPackage("Spaces-1", "MyApp.1.0.0.zip", large);
        large[1000] ^= 1;
        Files.write(file, large);
        fixture.clock.tickingBy(Duration.ofSeconds(1));

        UploadResult result = push();

        assertThat(result.delta()).isPresent();
        assertThat(progress).isNotEmpty().allMatch(line -> line.startsWith("1.0.0 ") && line.endsWith("/9437184"));
        assertThat(progress.get(progress.size() - 1)).isEqualTo("1.0.0 9437184/9437184");
    }

    @Test
    void aDryRunSaysWhetherItWouldTryADelta() throws Exception {
        seedBase();
        OctopusClient client = fixture.connect();
        BuiltInFeed feed = BuiltInFeed.of(client);

        UploadPlan plan = feed.plan(
                client.resolveSpace(Optional.empty()), file, OverwriteMode.FailIfExists, true, UploadListener.none());
        fixture.server.advertiseDeltaUpload(false);
        OctopusClient other = fixture.connect();
        UploadPlan without = BuiltInFeed.of(other)
                .plan(
                        other.resolveSpace(Optional.empty()),
                        file,
                        OverwriteMode.FailIfExists,
                        true,
                        UploadListener.none());

        assertThat(plan.describe())
                .isEqualTo("would upload MyApp 1.0.1 (trying a delta against the version the server signs first)");
        assertThat(without.describe())
                .isEqualTo("would upload MyApp 1.0.1 (the full file: the server does not offer delta uploads)");
        assertThat(signatureRequests()).isEmpty();
        assertThat(fixture.server.requests("POST", ".*")).isEmpty();
    }
}

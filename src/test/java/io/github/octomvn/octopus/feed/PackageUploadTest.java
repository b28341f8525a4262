package io.github.octomvn.octopus.feed;

import static io.github.octomvn.octopus.client.ServerFixture.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.client.Credential;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ServerFixture;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.client.TestClock;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.Permission;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import io.github.octomvn.octopus.testserver.StoredPackage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Uploads: outcomes, conflicts under each overwrite mode, file name checks, and idempotent re-runs. */
class PackageUploadTest {

    private static final String TEST_SHA1 = "d61cbf3073265b46c7cdd00ed803c480cc5ebd96";

    @TempDir
    Path dir;

    private ServerFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    private UploadResult push(Path file, OverwriteMode mode) throws OctopusException {
        OctopusClient client = fixture.connect();
        return BuiltInFeed.of(client).upload(client.resolveSpace(Optional.empty()), file, mode, UploadListener.none());
    }

    @Test
    void uploadsWithTheExactMultipartFramingOfTheOfficialClients() throws Exception {
        fixture = ServerFixture.start();
        Path file = file(dir, "test.1.0.zip", "test1-contents");

        UploadResult result = push(file, OverwriteMode.FailIfExists);

        assertThat(result.outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(result.record().sha1()).isEqualTo(TEST_SHA1);
        assertThat(result.record().sizeBytes()).isEqualTo(14);
        assertThat(result.localSha1()).isEqualTo(TEST_SHA1);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.bytesSent()).isEqualTo(14);
        assertThat(result.describe()).isEqualTo("uploaded test 1.0");
        RecordedRequest post = fixture.server.requests("POST", "packages/raw").get(0);
        assertThat(post.path()).isEqualTo("/api/Spaces-1/packages/raw");
        assertThat(post.query()).isEqualTo("overwriteMode=FailIfExists");
        String contentType = post.header("Content-Type").orElseThrow();
        Matcher boundary =
                Pattern.compile("multipart/form-data; boundary=([0-9a-f]{60})").matcher(contentType);
        assertThat(boundary.matches()).as(contentType).isTrue();
        String b = boundary.group(1);
        String expected = "--" + b + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"test.1.0.zip\"\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "\r\n"
                + "test1-contents\r\n"
                + "--" + b + "--\r\n";
        assertThat(new String(post.body().orElseThrow(), StandardCharsets.US_ASCII))
                .isEqualTo(expected);
        assertThat(post.bodyBytes()).isEqualTo(258);
        assertThat(post.header("Content-Length")).contains("258");
        assertThat(post.header("Transfer-Encoding")).isEmpty();
        StoredPackage stored = fixture.server.storedPackage("test", "1.0").orElseThrow();
        assertThat(stored.sha1()).isEqualTo(TEST_SHA1);
        assertThat(stored.contentEquals(file)).isTrue();
    }

    @Test
    void checksTheFeedBeforeSendingTheBody() throws Exception {
        fixture = ServerFixture.start();

        push(file(dir, "test.1.0.zip", "test1-contents"), OverwriteMode.FailIfExists);

        assertThat(fixture.server.requests())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "GET /api",
                        "GET /api/spaces/all",
                        "GET /api/Spaces-1/packages/test.1.0",
                        "POST /api/Spaces-1/packages/raw");
    }

    @Test
    void aReRunWithTheSamePackageSucceedsWithoutSendingItAgain() throws Exception {
        fixture = ServerFixture.start();
        Path file = file(dir, "test.1.0.zip", "test1-contents");
        push(file, OverwriteMode.FailIfExists);

        UploadResult again = push(file, OverwriteMode.FailIfExists);

        assertThat(again.outcome()).isEqualTo(UploadOutcome.IDENTICAL);
        assertThat(again.attempts()).isZero();
        assertThat(again.describe()).isEqualTo("test 1.0 already on the server, identical");
        assertThat(fixture.server.requests("POST", "packages/raw")).hasSize(1);
        assertThat(fixture.server.storeCount("test", "1.0")).isEqualTo(1);
    }

    @Test
    void aDifferentPackageWithTheSameVersionFailsWithBothHashesAndTheFix() throws Exception {
        fixture = ServerFixture.start();
        push(file(dir, "test.1.0.zip", "test1-contents"), OverwriteMode.FailIfExists);
        Path changed = file(Files.createDirectory(dir.resolve("b")), "test.1.0.zip", "other contents");

        assertThatThrownBy(() -> push(changed, OverwriteMode.FailIfExists))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.CONFLICT))
                .hasMessageContaining("Package test 1.0 already exists on " + fixture.server.url())
                .hasMessageContaining("server SHA-1 " + TEST_SHA1)
                .hasMessageContaining("local SHA-1 " + PackageUploader.sha1Of(changed))
                .hasMessageEndingWith("Set the overwrite mode OverwriteExisting, or bump the version.");
        assertThat(fixture.server.requests("POST", "packages/raw")).hasSize(1);
    }

    @Test
    void aVersionEqualOnlySemanticallyIsTheSamePackage() throws Exception {
        fixture = ServerFixture.start();
        push(file(dir, "test.1.0.zip", "test1-contents"), OverwriteMode.FailIfExists);

        UploadResult again = push(file(dir, "test.1.0.0.zip", "test1-contents"), OverwriteMode.FailIfExists);

        assertThat(again.outcome()).isEqualTo(UploadOutcome.IDENTICAL);
    }

    @Test
    void showsTheServersConflictTextWhenTheFeedCannotBeRead() throws Exception {
        // A key that may push but not view packages: no pre-check, so the server's 409 is what the user sees.
        fixture = new ServerFixture(OctopusTestServer.builder()
                .addApiKey("API-PUSHONLY", Permission.BuiltInFeedPush)
                .start());
        fixture.server.seedPackage("Spaces-1", "test.1.0.zip", "old".getBytes(StandardCharsets.UTF_8));
        OctopusClient client = fixture.connect(
                fixture.settings(Credential.apiKey("API-PUSHONLY")).build());
        Space space = client.resolveSpace(Optional.empty());
        Path file = file(dir, "test.1.0.zip", "test1-contents");

        assertThatThrownBy(() ->
                        BuiltInFeed.of(client).upload(space, file, OverwriteMode.FailIfExists, UploadListener.none()))
                .isInstanceOfSatisfying(OctopusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OctopusException.Kind.CONFLICT);
                    assertThat(e.status()).hasValue(409);
                })
                .hasMessageContaining("HTTP 409 Conflict: There was a problem with your request. A package with the"
                        + " same ID and version already exists. To proceed anyway, specify an overwriteMode of"
                        + " OverwriteExisting or IgnoreIfExists.")
                .hasMessageContaining("Set the overwrite mode OverwriteExisting");
        assertThat(fixture.warnings).anyMatch(w -> w.contains("Cannot check whether test 1.0 is already on"));
    }

    @Test
    void ignoreIfExistsKeepsTheStoredPackage() throws Exception {
        fixture = ServerFixture.start();
        fixture.server.seedPackage("Spaces-1", "test.1.0.zip", "old".getBytes(StandardCharsets.UTF_8));

        UploadResult result = push(file(dir, "test.1.0.zip", "test1-contents"), OverwriteMode.IgnoreIfExists);

        assertThat(result.outcome()).isEqualTo(UploadOutcome.KEPT_EXISTING);
        assertThat(result.describe()).startsWith("test 1.0 already existed, kept");
        assertThat(fixture.warnings).anyMatch(w -> w.contains("kept the server's copy"));
        assertThat(fixture.server.storedPackage("test", "1.0").orElseThrow().size())
                .isEqualTo(3);
    }

    @Test
    void ignoreIfExistsAnswered200IsReportedAsKept() throws Exception {
        // A key without FeedView skips the pre-check, so the server itself answers 200 (case 20).
        fixture = new ServerFixture(OctopusTestServer.builder()
                .addApiKey("API-PUSHONLY", Permission.BuiltInFeedPush)
                .start());
        fixture.server.seedPackage("Spaces-1", "test.1.0.zip", "old".getBytes(StandardCharsets.UTF_8));
        OctopusClient client = fixture.connect(
                fixture.settings(Credential.apiKey("API-PUSHONLY")).build());
        Path file = file(dir, "test.1.0.zip", "test1-contents");

        UploadResult result = BuiltInFeed.of(client)
                .upload(
                        client.resolveSpace(Optional.empty()),
                        file,
                        OverwriteMode.IgnoreIfExists,
                        UploadListener.none());

        assertThat(result.outcome()).isEqualTo(UploadOutcome.KEPT_EXISTING);
        assertThat(fixture.server.requests("POST", "packages/raw"))
                .extracting(RecordedRequest::status)
                .containsExactly(200);
    }

    @ParameterizedTest
    @EnumSource(OverwriteMode.class)
    void aNewPackageAnswered200IsCreatedInEveryMode(OverwriteMode mode) throws Exception {
        // Real servers answer a new upload 200 or 201: the lookup and the returned hash decide, not the status.
        fixture = new ServerFixture(
                OctopusTestServer.builder().answerNewUploadsWith(200).start());

        UploadResult result = push(file(dir, "test.1.0.zip", "test1-contents"), mode);

        assertThat(result.outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(result.describe()).isEqualTo("uploaded test 1.0");
        assertThat(fixture.warnings).isEmpty();
        assertThat(fixture.server.requests("POST", "packages/raw"))
                .extracting(RecordedRequest::status)
                .containsExactly(200);
    }

    @ParameterizedTest
    @EnumSource(OverwriteMode.class)
    void aNewPackageAnswered200WithoutTheLookupIsCreatedInEveryMode(OverwriteMode mode) throws Exception {
        // A key that may push but not view: no lookup before, so only the returned hash can tell.
        fixture = new ServerFixture(OctopusTestServer.builder()
                .answerNewUploadsWith(200)
                .addApiKey("API-PUSHONLY", Permission.BuiltInFeedPush, Permission.BuiltInFeedAdminister)
                .start());
        OctopusClient client = fixture.connect(
                fixture.settings(Credential.apiKey("API-PUSHONLY")).build());

        UploadResult result = BuiltInFeed.of(client)
                .upload(
                        client.resolveSpace(Optional.empty()),
                        file(dir, "test.1.0.zip", "test1-contents"),
                        mode,
                        UploadListener.none());

        assertThat(result.outcome()).isEqualTo(UploadOutcome.CREATED);
        assertThat(fixture.warnings).noneMatch(w -> w.contains("different content"));
    }

    @Test
    void overwriteExistingAnswered200IsReplaced() throws Exception {
        fixture = new ServerFixture(
                OctopusTestServer.builder().answerNewUploadsWith(200).start());
        fixture.server.seedPackage("Spaces-1", "test.1.0.zip", "old".getBytes(StandardCharsets.UTF_8));

        UploadResult result = push(file(dir, "test.1.0.zip", "test1-contents"), OverwriteMode.OverwriteExisting);

        assertThat(result.outcome()).isEqualTo(UploadOutcome.REPLACED);
        assertThat(fixture.warnings).isEmpty();
    }

    @Test
    void overwriteExistingReplacesADifferentPackage() throws Exception {
        fixture = ServerFixture.start();
        fixture.server.seedPackage("Spaces-1", "test.1.0.zip", "old".getBytes(StandardCharsets.UTF_8));
        Path file = file(dir, "test.1.0.zip", "test1-contents");

        UploadResult result = push(file, OverwriteMode.OverwriteExisting);

        assertThat(result.outcome()).isEqualTo(UploadOutcome.REPLACED);
        assertThat(fixture.server.requests("POST", "packages/raw").get(0).query())
                .isEqualTo("overwriteMode=OverwriteExisting");
        assertThat(fixture.server.storedPackage("test", "1.0").orElseThrow().contentEquals(file))
                .isTrue();
    }

    @Test
    void overwriteWithoutAdministerPermissionShowsTheServersTextAndHelp() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder()
                .addApiKey("API-PUSHER", Permission.BuiltInFeedPush, Permission.FeedView)
                .start());
        OctopusClient client = fixture.connect(
                fixture.settings(Credential.apiKey("API-PUSHER")).build());
        Path file = file(dir, "test.1.0.zip", "test1-contents");

        assertThatThrownBy(() -> BuiltInFeed.of(client)
                        .upload(
                                client.resolveSpace(Optional.empty()),
                                file,
                                OverwriteMode.OverwriteExisting,
                                UploadListener.none()))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.PERMISSION))
                .hasMessageContaining("HTTP 403 Forbidden: You do not have permission to perform this action."
                        + " Please contact your Octopus administrator. Missing permission: BuiltInFeedAdminister")
                .hasMessageContaining("Your user account is a member of the following teams")
                .hasMessageContaining("use overwriteMode FailIfExists or IgnoreIfExists");
    }

    @Test
    void refusesAnEmptyFileBeforeSendingAnything() throws Exception {
        fixture = ServerFixture.start();
        Path empty = Files.createFile(dir.resolve("test.1.0.zip"));

        assertThatThrownBy(() -> push(empty, OverwriteMode.FailIfExists))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.VALIDATION))
                .hasMessageContaining("the file is empty (0 bytes)");
        assertThat(fixture.server.requests("POST", ".*")).isEmpty();
        assertThat(fixture.server.requests("GET", "packages")).isEmpty();
    }

    @Test
    void refusesAnUnsupportedFormatLocally() throws Exception {
        fixture = ServerFixture.start();

        assertThatThrownBy(() -> push(file(dir, "MyApp.1.0.0.exe", "MZ"), OverwriteMode.FailIfExists))
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("'MyApp.1.0.0.exe' is not in a format the Octopus built-in feed accepts");
        assertThat(fixture.server.requests("POST", ".*")).isEmpty();
    }

    @Test
    void refusesAMissingFile() throws Exception {
        fixture = ServerFixture.start();

        assertThatThrownBy(() -> push(dir.resolve("test.1.0.zip"), OverwriteMode.FailIfExists))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.LOCAL_FILE))
                .hasMessageContaining("not a readable file");
    }

    @Test
    void aLegacyServerGetsTheReplaceFlag() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder().legacy().start());
        fixture.server.seedPackage("", "b.1.0.zip", "old".getBytes(StandardCharsets.UTF_8));

        push(file(dir, "a.1.0.zip", "a"), OverwriteMode.FailIfExists);
        push(file(dir, "b.1.0.zip", "b"), OverwriteMode.OverwriteExisting);
        push(file(dir, "c.1.0.zip", "c"), OverwriteMode.IgnoreIfExists);

        List<RecordedRequest> posts = fixture.server.requests("POST", ".*");
        assertThat(posts)
                .extracting(r -> r.path() + "?" + r.query())
                .containsExactly(
                        "/api/packages/raw?replace=false",
                        "/api/packages/raw?replace=true",
                        "/api/packages/raw?replace=false");
        assertThat(fixture.warnings)
                .anyMatch(w -> w.contains("predates overwriteMode") && w.contains("cannot ignore an existing package"));
        assertThat(fixture.server.packages()).hasSize(3);
    }

    @Test
    void aLegacyServerStillKeepsAnExistingPackageForIgnoreIfExists() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder().legacy().start());
        fixture.server.seedPackage("", "c.1.0.zip", "old".getBytes(StandardCharsets.UTF_8));

        UploadResult result = push(file(dir, "c.1.0.zip", "c"), OverwriteMode.IgnoreIfExists);

        assertThat(result.outcome()).isEqualTo(UploadOutcome.KEPT_EXISTING);
        assertThat(fixture.server.requests("POST", ".*")).isEmpty();
    }

    @Test
    void uploadsToANamedSpaceAndLinksThePackagePage() throws Exception {
        fixture = ServerFixture.start();
        OctopusClient client = fixture.connect();
        Space teamB = client.resolveSpace(Optional.of("Team B"));

        UploadResult result = BuiltInFeed.of(client)
                .upload(
                        teamB,
                        file(dir, "MyApp.Web.1.2.3+build.5.zip", "zip"),
                        OverwriteMode.FailIfExists,
                        UploadListener.none());

        assertThat(result.webUrl())
                .isEqualTo(fixture.server.url() + "/app#/Spaces-2/library/builtinrepository/versions/MyApp.Web");
        assertThat(fixture.server.storedPackage("Spaces-2", "MyApp.Web", "1.2.3+build.5"))
                .isPresent();
        assertThat(fixture.server.requests("GET", "packages/").get(0).path())
                .isEqualTo("/api/Spaces-2/packages/MyApp.Web.1.2.3%2Bbuild.5");
    }

    @Test
    void reportsProgressOfALongUploadAboutEveryTenPercent() throws Exception {
        fixture = ServerFixture.start();
        // Every reading of this clock is 1 s later: the 8 MiB upload, read in 32 chunks, "takes" over 30 seconds.
        TestClock ticking = new TestClock().tickingBy(Duration.ofSeconds(1));
        OctopusClient client = OctopusClient.connect(fixture.settings().build(), fixture.sleeper, ticking, w -> {});
        Path file = dir.resolve("big.1.0.0.zip");
        long size = 8 * 1024 * 1024;
        Files.write(file, new byte[(int) size]);
        List<Long> progress = new java.util.concurrent.CopyOnWriteArrayList<>();

        BuiltInFeed.of(client)
                .upload(client.resolveSpace(Optional.empty()), file, OverwriteMode.FailIfExists, new UploadListener() {
                    @Override
                    public void progress(long bytesSent, long totalBytes) {
                        assertThat(totalBytes).isEqualTo(size);
                        progress.add(bytesSent);
                    }
                });

        assertThat(progress).isSorted().hasSizeBetween(5, 11).last().isEqualTo(size);
        assertThat(fixture.server.storedPackage("big", "1.0.0").orElseThrow().size())
                .isEqualTo(size);
    }
}

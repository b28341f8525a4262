package io.github.octomvn.octopus.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.octomvn.octopus.buildinfo.BuildInformation;
import io.github.octomvn.octopus.buildinfo.BuildInformationPusher;
import io.github.octomvn.octopus.buildinfo.BuildInformationRequest;
import io.github.octomvn.octopus.buildinfo.BuildInformationResult;
import io.github.octomvn.octopus.client.Credential;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ProxySettings;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.feed.BuiltInFeed;
import io.github.octomvn.octopus.feed.UploadListener;
import io.github.octomvn.octopus.feed.UploadResult;
import io.github.octomvn.octopus.maven.ErrorTranslator;
import io.github.octomvn.octopus.pack.FileSet;
import io.github.octomvn.octopus.pack.OctopusVersion;
import io.github.octomvn.octopus.pack.PackRequest;
import io.github.octomvn.octopus.pack.PackageBuilder;
import io.github.octomvn.octopus.pack.PackageFormat;
import io.github.octomvn.octopus.pack.PackageId;
import io.github.octomvn.octopus.pack.PackedPackage;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.Permission;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import io.github.octomvn.octopus.testserver.StoredPackage;
import io.github.octomvn.octopus.testserver.TestCertificates;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user-facing fault matrix of {@code octopus:push} (issue 5): one row per fault, each run for a
 * zip and a tar.gz package of a few MB against the test server, asserting the exact line the user sees and the
 * end state on the server (stored exactly once with the right SHA-1, or not at all). Time is injected, so the
 * retries cost no waiting; the rows become the fault section of docs/reliability.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultMatrixTest {
    private static final String PACKAGE_ID = "MyApp";
    private static final String VERSION = "2.0.0";
    private static final int CONTENT_BYTES = 3 * 1024 * 1024;
    /**
     * For faults the test server answers before reading the body: past its 1 MB drain limit it closes the
     * connection, and whether the client reads the answer or a reset first is a race (the client then verifies and
     * retries, which is also safe, but the row would not be deterministic).
     */
    private static final int SMALL_CONTENT_BYTES = 512 * 1024;

    private Path dir;

    private TestCertificates tls;
    private final List<Pkg> packages = new ArrayList<>();
    private final List<Pkg> smallPackages = new ArrayList<>();

    /** A packed package of the matrix. */
    private static final class Pkg {
        final PackedPackage packed;

        Pkg(PackedPackage packed) {
            this.packed = packed;
        }

        Path file() {
            return packed.file();
        }

        String sha1() {
            return packed.sha1();
        }

        String extension() {
            return packed.format().extension().orElseThrow();
        }
    }

    @BeforeAll
    void packBothFormats(@TempDir Path dir) throws Exception {
        this.dir = dir;
        packages.addAll(pack("packages", CONTENT_BYTES));
        smallPackages.addAll(pack("small-packages", SMALL_CONTENT_BYTES));
        tls = TestCertificates.create(Files.createDirectories(dir.resolve("certificates")), "ip:127.0.0.1");
    }

    private List<Pkg> pack(String name, int contentBytes) throws Exception {
        Path content = Files.createDirectories(dir.resolve(name + "-content"));
        byte[] bytes = new byte[contentBytes];
        new Random(42).nextBytes(bytes);
        Files.write(content.resolve("app.bin"), bytes);
        Files.write(content.resolve("deploy.sh"), "#!/bin/sh\necho deployed\n".getBytes(StandardCharsets.UTF_8));
        List<PackedPackage> packed = new PackageBuilder()
                .pack(PackRequest.builder(PackageId.of(PACKAGE_ID), OctopusVersion.parse(VERSION), dir.resolve(name))
                        .formats(List.of(PackageFormat.ZIP, PackageFormat.TAR_GZ))
                        .addFileSet(FileSet.of(content))
                        .reproducibleTimestamp(Instant.parse("2026-11-25T00:00:00Z"))
                        .build());
        List<Pkg> result = new ArrayList<>();
        for (PackedPackage p : packed) {
            assertThat(p.sizeBytes()).isGreaterThan(contentBytes);
            result.add(new Pkg(p));
        }
        return result;
    }

    /** What a case did: the line the user saw and the server it ran against (null when none was reachable). */
    private static final class Outcome {
        final String line;
        final OctopusTestServer server;

        Outcome(String line, OctopusTestServer server) {
            this.line = line;
            this.server = server;
        }
    }

    /** The world one case runs in: the package, the injected time and the warnings the user would see. */
    private static final class World {
        final Pkg pkg;
        final FakeTime time = new FakeTime();
        final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        final List<AutoCloseable> closeables = new ArrayList<>();

        World(Pkg pkg) {
            this.pkg = pkg;
        }

        OctopusTestServer start(OctopusTestServer.Builder builder) throws IOException {
            OctopusTestServer server = builder.start();
            closeables.add(server);
            return server;
        }

        OctopusTestServer start() throws IOException {
            return start(OctopusTestServer.builder());
        }

        ServerSettings.Builder settings(String url, String apiKey) {
            return ServerSettings.builder(url, Credential.apiKey(apiKey))
                    .userAgent("octopus-maven-plugin/test")
                    .connectTimeout(Duration.ofSeconds(2))
                    .requestTimeout(Duration.ofSeconds(5))
                    .uploadTimeout(Duration.ofSeconds(20));
        }

        ServerSettings.Builder settings(OctopusTestServer server) {
            return settings(server.url().toString(), server.apiKey());
        }

        /** Pushes as {@code octopus:push} does and returns the one line the user sees: the result or the error. */
        String push(ServerSettings settings, Optional<String> space, OverwriteMode mode) {
            try (OctopusClient client = OctopusClient.connect(settings, time, time, warnings::add)) {
                Space target = client.resolveSpace(space);
                UploadResult result = BuiltInFeed.of(client).upload(target, pkg.file(), mode, UploadListener.none());
                return pkg.file().getFileName() + ": " + result.describe();
            } catch (OctopusException e) {
                return ErrorTranslator.message(e);
            }
        }

        String push(ServerSettings settings) {
            return push(settings, Optional.empty(), OverwriteMode.FailIfExists);
        }

        /** Pushes as {@code octopus:push} does with build information first: both lines, or the error. */
        String pushWithBuildInformation(ServerSettings settings) {
            try (OctopusClient client = OctopusClient.connect(settings, time, time, warnings::add)) {
                Space target = client.resolveSpace(Optional.empty());
                BuildInformation build = BuildInformation.builder()
                        .buildEnvironment("Jenkins")
                        .buildNumber("7")
                        .vcsType("Git")
                        .vcsCommitNumber("4567def04567def04567def04567def04567def0")
                        .build();
                BuildInformationResult sent = BuildInformationPusher.of(client)
                        .push(
                                target,
                                new BuildInformationRequest(PACKAGE_ID, VERSION, OverwriteMode.FailIfExists, build));
                UploadResult result = BuiltInFeed.of(client)
                        .upload(target, pkg.file(), OverwriteMode.FailIfExists, UploadListener.none());
                return sent.describe() + "; " + pkg.file().getFileName() + ": " + result.describe();
            } catch (OctopusException e) {
                return ErrorTranslator.message(e);
            }
        }

        byte[] bytes() throws IOException {
            return Files.readAllBytes(pkg.file());
        }

        String fileName() {
            return pkg.file().getFileName().toString();
        }

        void close() throws Exception {
            for (AutoCloseable closeable : closeables) {
                closeable.close();
            }
        }
    }

    @FunctionalInterface
    private interface Body {
        Outcome run(World world) throws Exception;
    }

    /** One row: a fault, the line the user sees (for the zip package) and the end state. */
    private static final class FaultCase {
        final String name;
        final String expectedLine;
        final String expectedEnd;
        final Body body;
        final boolean small;

        FaultCase(String name, String expectedLine, String expectedEnd, Body body) {
            this(name, expectedLine, expectedEnd, body, false);
        }

        private FaultCase(String name, String expectedLine, String expectedEnd, Body body, boolean small) {
            this.name = name;
            this.expectedLine = expectedLine;
            this.expectedEnd = expectedEnd;
            this.body = body;
            this.small = small;
        }

        /** Runs with the packages under 1 MB (see {@link #SMALL_CONTENT_BYTES}). */
        FaultCase small() {
            return new FaultCase(name + " (package under 1 MB)", expectedLine, expectedEnd, body, true);
        }
    }

    private List<FaultCase> cases() {
        List<FaultCase> cases = new ArrayList<>();
        cases.add(new FaultCase(
                "Connection refused (nothing listens on the port)",
                "Connecting to Octopus at http://127.0.0.1:PORT failed: connection refused by 127.0.0.1:PORT. Check the server URL http://127.0.0.1:PORT and that Octopus is running (gave up after 8 attempts)",
                "nothing sent (no server reached)",
                w -> {
                    int port = freePort();
                    String line = w.push(w.settings("http://127.0.0.1:" + port, "API-TESTKEY")
                            .build());
                    assertThat(w.time.sleeps()).hasSize(7);
                    return new Outcome(line, null);
                }));
        cases.add(new FaultCase(
                "DNS failure (host octopus.invalid)",
                "Connecting to Octopus at https://octopus.invalid failed: cannot resolve host name 'octopus.invalid'. Check the server URL https://octopus.invalid and DNS",
                "nothing sent (no server reached)",
                w -> {
                    String line = w.push(
                            w.settings("https://octopus.invalid", "API-TESTKEY").build());
                    return new Outcome(line, null);
                }));
        cases.add(new FaultCase(
                "TLS certificate not trusted",
                "Connecting to Octopus at https://127.0.0.1:PORT failed: the certificate of https://127.0.0.1:PORT is not trusted (PKIX path building failed: unable to find valid certification path to requested target). If Octopus uses a certificate from an internal CA, configure a trust store containing that CA; the insecure option disables all checks and is for tests only (<trustStore> or -Doctopus.trustStore=ca.p12, with -Doctopus.trustStorePassword if it has one)",
                "not stored; no upload sent",
                w -> {
                    OctopusTestServer server =
                            w.start(OctopusTestServer.builder().tls(tls.keyStore(), TestCertificates.PASSWORD));
                    String line = w.push(w.settings(server).build());
                    assertThat(server.requests()).isEmpty();
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                        "503 with Retry-After: 3 twice, then success",
                        "MyApp.2.0.0.zip: uploaded MyApp 2.0.0",
                        "stored once, SHA-1 matches (1 write)",
                        w -> {
                            OctopusTestServer server = w.start();
                            server.failNext(2, 503, "packages/raw", 3);
                            String line = w.push(w.settings(server).build());
                            assertThat(w.time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
                            assertThat(server.requests("POST", "packages/raw"))
                                    .extracting(RecordedRequest::status)
                                    .containsExactly(503, 503, 201);
                            return new Outcome(line, server);
                        })
                .small());
        cases.add(new FaultCase(
                        "500 once (the build fails; the re-run stores it)",
                        "Uploading MyApp.2.0.0.zip to http://127.0.0.1:PORT (space Default (Spaces-1)) failed: HTTP 500 Internal Server Error: An unexpected error occurred in Octopus Server. The Octopus server failed; its server log has the details",
                        "stored once, SHA-1 matches (1 write)",
                        w -> {
                            OctopusTestServer server = w.start();
                            server.failNext(1, 500, "packages/raw");
                            String line = w.push(w.settings(server).build());
                            assertThat(server.packages()).isEmpty();
                            assertThat(server.requests("POST", "packages/raw")).hasSize(1);
                            assertThat(w.push(w.settings(server).build())).endsWith(": uploaded MyApp 2.0.0");
                            return new Outcome(line, server);
                        })
                .small());
        cases.add(new FaultCase(
                "Connection dropped mid-upload (after 1 MB)",
                "MyApp.2.0.0.zip: uploaded MyApp 2.0.0",
                "stored once, SHA-1 matches (1 write)",
                w -> {
                    OctopusTestServer server = w.start();
                    server.dropNextUploadAfter(1024 * 1024);
                    String line = w.push(w.settings(server).build());
                    assertThat(server.requests("POST", "packages/raw"))
                            .extracting(RecordedRequest::status)
                            .containsExactly(0, 201);
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                "Server stores the package, then the response times out",
                "MyApp.2.0.0.zip: uploaded MyApp 2.0.0",
                "stored once, SHA-1 matches (1 write)",
                w -> {
                    OctopusTestServer server = w.start();
                    server.hangAfterStoringNextUpload();
                    String line = w.push(w.settings(server)
                            .uploadTimeout(Duration.ofSeconds(1))
                            .build());
                    assertThat(server.requests("POST", "packages/raw")).hasSize(1);
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                "Upload times out unstored (server never answers), then is sent again",
                "MyApp.2.0.0.zip: uploaded MyApp 2.0.0",
                "stored once, SHA-1 matches (1 write)",
                w -> {
                    OctopusTestServer server = w.start();
                    server.hangNext(1, "packages/raw");
                    String line = w.push(w.settings(server)
                            .uploadTimeout(Duration.ofSeconds(1))
                            .build());
                    assertThat(server.requests("POST", "packages/raw"))
                            .extracting(RecordedRequest::status)
                            .containsExactly(0, 201);
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                        "502 from a gateway once, then success",
                        "MyApp.2.0.0.zip: uploaded MyApp 2.0.0",
                        "stored once, SHA-1 matches (1 write)",
                        w -> {
                            OctopusTestServer server = w.start();
                            server.failNext(1, 502, "packages/raw");
                            String line = w.push(w.settings(server).build());
                            // A gateway may have passed the upload on: the package is looked up before it is sent
                            // again.
                            assertThat(server.requests("GET", "packages/MyApp")).hasSize(2);
                            return new Outcome(line, server);
                        })
                .small());
        cases.add(new FaultCase(
                        "502 from a proxy while Octopus restarts for 45 s, then success",
                        "MyApp.2.0.0.zip: uploaded MyApp 2.0.0",
                        "stored once, SHA-1 matches (1 write)",
                        w -> {
                            OctopusTestServer server = w.start();
                            server.failNext(6, 502, "packages/raw");
                            String line = w.push(w.settings(server).build());
                            assertThat(w.time.sleeps())
                                    .extracting(Duration::getSeconds)
                                    .containsExactly(1L, 2L, 4L, 8L, 15L, 15L);
                            return new Outcome(line, server);
                        })
                .small());
        cases.add(new FaultCase(
                "409 on a re-run with identical bytes",
                "MyApp.2.0.0.zip: MyApp 2.0.0 already on the server, identical",
                "stored once, SHA-1 matches (1 write)",
                w -> {
                    OctopusTestServer server = w.start();
                    server.seedPackage("Spaces-1", w.fileName(), w.bytes());
                    String line = w.push(w.settings(server).build());
                    assertThat(server.requests("POST", "packages/raw")).isEmpty();
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                "409: the version exists with different bytes",
                "Package MyApp 2.0.0 already exists on http://127.0.0.1:PORT (space Default (Spaces-1)) with different content: server SHA-1 <sha1>, local SHA-1 <sha1>. Set <overwriteMode>OverwriteExisting</overwriteMode> or -Doctopus.overwriteMode=OverwriteExisting, or bump the version.",
                "the other bytes stay stored, unchanged (1 write)",
                w -> {
                    OctopusTestServer server = w.start();
                    server.seedPackage("Spaces-1", w.fileName(), "other bytes".getBytes(StandardCharsets.UTF_8));
                    String line = w.push(w.settings(server).build());
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                "IgnoreIfExists: the version exists with different bytes",
                "MyApp.2.0.0.zip: MyApp 2.0.0 already existed, kept (the server's copy differs from the local file)",
                "the other bytes stay stored, unchanged (1 write)",
                w -> {
                    OctopusTestServer server = w.start();
                    server.seedPackage("Spaces-1", w.fileName(), "other bytes".getBytes(StandardCharsets.UTF_8));
                    String line = w.push(w.settings(server).build(), Optional.empty(), OverwriteMode.IgnoreIfExists);
                    assertThat(w.warnings).anyMatch(m -> m.contains("kept the server's copy (IgnoreIfExists)"));
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                        "OverwriteExisting by a key without BuiltInFeedAdminister",
                        "Uploading MyApp.2.0.0.zip to http://127.0.0.1:PORT (space Default (Spaces-1)) failed: HTTP 403 Forbidden: You do not have permission to perform this action. Please contact your Octopus administrator. Missing permission: BuiltInFeedAdminister; Your user account is a member of the following teams: Build Servers. Grant BuiltInFeedAdminister to one of these teams. Replacing packages needs the BuiltInFeedAdminister permission: ask an Octopus administrator to grant it to this API key's user, or use overwriteMode FailIfExists or IgnoreIfExists",
                        "the other bytes stay stored, unchanged (1 write)",
                        w -> {
                            OctopusTestServer server = w.start(OctopusTestServer.builder()
                                    .addApiKey("API-PUSHONLY", Permission.FeedView, Permission.BuiltInFeedPush));
                            server.seedPackage(
                                    "Spaces-1", w.fileName(), "other bytes".getBytes(StandardCharsets.UTF_8));
                            String line = w.push(
                                    w.settings(server.url().toString(), "API-PUSHONLY")
                                            .build(),
                                    Optional.empty(),
                                    OverwriteMode.OverwriteExisting);
                            return new Outcome(line, server);
                        })
                .small());
        cases.add(new FaultCase(
                "401: wrong API key",
                "Connecting to Octopus at http://127.0.0.1:PORT failed: HTTP 401 Unauthorized: You must be logged in to perform this action. Please provide a valid API key or log in again. Check the API key (API-****): it may be wrong, expired or revoked",
                "not stored; no upload sent",
                w -> {
                    OctopusTestServer server = w.start();
                    String line = w.push(
                            w.settings(server.url().toString(), "API-WRONGKEY").build());
                    assertThat(server.requests("POST", "packages/raw")).isEmpty();
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                        "403 with HelpText: key without BuiltInFeedPush",
                        "Uploading MyApp.2.0.0.zip to http://127.0.0.1:PORT (space Default (Spaces-1)) failed: HTTP 403 Forbidden: You do not have permission to perform this action. Please contact your Octopus administrator. Missing permission: BuiltInFeedPush; Your user account is a member of the following teams: Build Servers. Grant BuiltInFeedPush to one of these teams. Pushing packages needs the BuiltInFeedPush permission: ask an Octopus administrator to grant it to this API key's user",
                        "not stored",
                        w -> {
                            OctopusTestServer server =
                                    w.start(OctopusTestServer.builder().addApiKey("API-READONLY", Permission.FeedView));
                            String line = w.push(w.settings(server.url().toString(), "API-READONLY")
                                    .build());
                            return new Outcome(line, server);
                        })
                .small());
        cases.add(new FaultCase(
                "Slow server: every answer later than the timeout",
                "Connecting to Octopus at http://127.0.0.1:PORT failed: no answer from 127.0.0.1:PORT in time (waited 200 ms; the timeout can be raised) (gave up after 8 attempts)",
                "not stored; no upload sent",
                w -> {
                    OctopusTestServer server = w.start();
                    server.delayResponses(3_000);
                    String line = w.push(w.settings(server)
                            .requestTimeout(Duration.ofMillis(200))
                            .build());
                    assertThat(server.requests("POST", "packages/raw")).isEmpty();
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                "Proxy requiring authentication, no proxy credentials",
                "Connecting to Octopus at http://127.0.0.1:PORT failed: HTTP 407 Proxy Authentication Required: Proxy authentication required. The proxy requires authentication: configure the proxy user name and password",
                "not stored; no upload sent",
                w -> {
                    OctopusTestServer server =
                            w.start(OctopusTestServer.builder().proxyCredentials("bob", "pr0xy"));
                    String line = w.push(w.settings(server)
                            .proxy(ProxySettings.of("127.0.0.1", server.port()))
                            .build());
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                "Proxy requiring authentication, credentials from settings.xml",
                "MyApp.2.0.0.zip: uploaded MyApp 2.0.0",
                "stored once, SHA-1 matches (1 write)",
                w -> {
                    OctopusTestServer server =
                            w.start(OctopusTestServer.builder().proxyCredentials("bob", "pr0xy"));
                    String line = w.push(w.settings(server)
                            .proxy(ProxySettings.builder("127.0.0.1", server.port())
                                    .credentials("bob", "pr0xy")
                                    .build())
                            .build());
                    assertThat(server.requests())
                            .allSatisfy(r ->
                                    assertThat(r.header("Proxy-Authorization")).isPresent());
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                "Server older than 2019.7.9 (replace=, no overwriteMode)",
                "MyApp.2.0.0.zip: uploaded MyApp 2.0.0",
                "stored once, SHA-1 matches (1 write)",
                w -> {
                    OctopusTestServer server =
                            w.start(OctopusTestServer.builder().legacy());
                    String line = w.push(w.settings(server).build());
                    assertThat(server.requests("POST", "packages/raw"))
                            .extracting(RecordedRequest::query)
                            .containsExactly("replace=false");
                    return new Outcome(line, server);
                }));
        for (OverwriteMode mode : OverwriteMode.values()) {
            cases.add(new FaultCase(
                    "A new package answered 200 instead of 201, " + mode,
                    "MyApp.2.0.0.zip: uploaded MyApp 2.0.0",
                    "stored once, SHA-1 matches (1 write)",
                    w -> {
                        OctopusTestServer server =
                                w.start(OctopusTestServer.builder().answerNewUploadsWith(200));
                        String line = w.push(w.settings(server).build(), Optional.empty(), mode);
                        assertThat(w.warnings).isEmpty();
                        return new Outcome(line, server);
                    }));
        }
        cases.add(new FaultCase(
                "Build information stored, answered 200 with an empty body (not the record)",
                "Pushed build information for MyApp 2.0.0; MyApp.2.0.0.zip: uploaded MyApp 2.0.0",
                "stored once, SHA-1 matches (1 write)",
                w -> {
                    OctopusTestServer server =
                            w.start(OctopusTestServer.builder().answerBuildInformationPushesWith(200, null, ""));
                    String line = w.pushWithBuildInformation(w.settings(server).build());
                    assertThat(server.buildInformation(PACKAGE_ID, VERSION)).isPresent();
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                "Build information stored, answered 201 with text/plain 'Created' (not the record)",
                "Pushed build information for MyApp 2.0.0; MyApp.2.0.0.zip: uploaded MyApp 2.0.0",
                "stored once, SHA-1 matches (1 write)",
                w -> {
                    OctopusTestServer server = w.start(
                            OctopusTestServer.builder().answerBuildInformationPushesWith(201, "text/plain", "Created"));
                    String line = w.pushWithBuildInformation(w.settings(server).build());
                    assertThat(server.buildInformation(PACKAGE_ID, VERSION)).isPresent();
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                "Server older than 2019.7.9, IgnoreIfExists over different bytes",
                "MyApp.2.0.0.zip: MyApp 2.0.0 already existed, kept (the server's copy differs from the local file)",
                "the other bytes stay stored, unchanged (1 write)",
                w -> {
                    OctopusTestServer server =
                            w.start(OctopusTestServer.builder().legacy());
                    server.seedPackage("", w.fileName(), "other bytes".getBytes(StandardCharsets.UTF_8));
                    String line = w.push(w.settings(server).build(), Optional.empty(), OverwriteMode.IgnoreIfExists);
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                "Server without spaces, space 'Team B' configured",
                "Octopus at http://127.0.0.1:PORT (version 2018.10.5) has no spaces (they came with 2019.1), so space 'Team B' cannot be used; remove the space setting",
                "not stored; no upload sent",
                w -> {
                    OctopusTestServer server =
                            w.start(OctopusTestServer.builder().legacy());
                    String line = w.push(w.settings(server).build(), Optional.of("Team B"), OverwriteMode.FailIfExists);
                    return new Outcome(line, server);
                }));
        cases.add(new FaultCase(
                "Server speaking API 4.0 (unsupported)",
                "Octopus at http://127.0.0.1:PORT (version 2024.1.100) speaks an unsupported API version '4.0.0'; this plugin supports API 3.0.x (Octopus 2018 and newer)",
                "not stored; no upload sent",
                w -> {
                    OctopusTestServer server =
                            w.start(OctopusTestServer.builder().apiVersion("4.0.0"));
                    String line = w.push(w.settings(server).build());
                    return new Outcome(line, server);
                }));
        return cases;
    }

    /** The end state as the user would find it on the server. */
    private static String endState(Outcome outcome, Pkg pkg) {
        if (outcome.server == null) {
            return "nothing sent (no server reached)";
        }
        OctopusTestServer server = outcome.server;
        List<StoredPackage> stored = server.packages();
        if (stored.isEmpty()) {
            return server.requests("POST", "packages/raw").isEmpty() ? "not stored; no upload sent" : "not stored";
        }
        assertThat(stored).hasSize(1);
        StoredPackage only = stored.get(0);
        int writes = server.storeCount(PACKAGE_ID, VERSION);
        if (only.sha1().equals(pkg.sha1())) {
            return "stored once, SHA-1 matches (" + writes + " write" + (writes == 1 ? "" : "s") + ")";
        }
        return "the other bytes stay stored, unchanged (" + writes + " write" + (writes == 1 ? "" : "s") + ")";
    }

    @TestFactory
    Stream<DynamicNode> faultMatrix() {
        List<Row> rows = Collections.synchronizedList(new ArrayList<>());
        List<FaultCase> cases = cases();
        Stream<DynamicNode> tests = cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name, () -> {
                    String zipLine = null;
                    String zipEnd = null;
                    for (Pkg pkg : c.small ? smallPackages : packages) {
                        World world = new World(pkg);
                        try {
                            Outcome outcome = c.body.run(world);
                            String line = ReliabilityDoc.normalise(outcome.line, Map.of(dir.toString(), "<tmp>"));
                            String end = endState(outcome, pkg);
                            assertThat(line).isNotBlank().doesNotContain("\n");
                            if (zipLine == null) {
                                zipLine = line;
                                zipEnd = end;
                            } else {
                                assertThat(line).isEqualTo(zipLine.replace(".zip", pkg.extension()));
                                assertThat(end).isEqualTo(zipEnd);
                            }
                        } finally {
                            world.close();
                        }
                    }
                    assertThat(zipLine).isEqualTo(c.expectedLine);
                    assertThat(zipEnd).isEqualTo(c.expectedEnd);
                    rows.add(new Row("push fault", c.name, zipLine, zipEnd));
                }));
        DynamicTest render = DynamicTest.dynamicTest("docs/reliability.md shows these rows", () -> {
            assertThat(rows).as("every case passed").hasSize(cases.size());
            ReliabilityDoc.ofProject().check("fault-matrix", ReliabilityDoc.table(rows));
        });
        return Stream.concat(tests, Stream.of(render));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}

package io.github.octomvn.octopus.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.octomvn.octopus.buildinfo.BuildInformationPublisher;
import io.github.octomvn.octopus.buildinfo.BuildInformationSettings;
import io.github.octomvn.octopus.buildinfo.Overrides;
import io.github.octomvn.octopus.buildinfo.ProjectSource;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ServerFixture;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole push without Maven: build information first, then the packages, and the report whatever happens. */
class PackagePushTest {
    @TempDir
    Path dir;

    private ServerFixture fixture;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final PushListener listener = new PushListener() {
        @Override
        public void info(String message) {
            lines.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }
    };

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private ProjectSource project() {
        return new ProjectSource(dir, Optional.empty(), dir.resolve("target"));
    }

    private PushRequest request(OverwriteMode mode, boolean dryRun, Path... files) {
        return new PushRequest(Map.of(project(), List.of(files)), mode, Optional.empty(), dryRun, report());
    }

    private Path report() {
        return dir.resolve("target/octopus/push-report.json");
    }

    private Optional<BuildInformationPublisher> buildInformation(boolean dryRun) {
        BuildInformationSettings settings = new BuildInformationSettings(
                Map.of(), Overrides.builder().build(), OverwriteMode.FailIfExists, 100, dryRun);
        return Optional.of(new BuildInformationPublisher(
                settings, Collections.synchronizedSet(new HashSet<>()), listener::info, listener::warn));
    }

    private Path file(String name, String content) throws Exception {
        return Files.write(
                Files.createDirectories(dir.resolve("target/octopus")).resolve(name),
                content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sendsBuildInformationBeforeThePackagesAndWritesTheReport() throws Exception {
        Path file = file("MyApp.1.0.0.zip", "zip");
        try (OctopusClient client = fixture.connect()) {
            new PackagePush(request(OverwriteMode.FailIfExists, false, file), buildInformation(false), listener)
                    .run(client);
        }

        List<String> posts = fixture.server.requests().stream()
                .filter(r -> r.method().equals("POST"))
                .map(RecordedRequest::path)
                .collect(Collectors.toList());
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0)).endsWith("/build-information");
        assertThat(posts.get(1)).endsWith("/packages/raw");
        assertThat(fixture.server.storedPackage("MyApp", "1.0.0")).isPresent();
        assertThat(fixture.server.buildInformation("MyApp", "1.0.0")).isPresent();
        assertThat(lines).anyMatch(l -> l.startsWith("INFO Pushing 1 package(s) to " + fixture.server.url()));
        assertThat(Files.readString(report())).contains("\"outcome\" : \"created\"");
        assertThat(dir.resolve("target/octopus/build-information.json")).exists();
    }

    @Test
    void writesTheReportWhenAnUploadFails() throws Exception {
        fixture.server.seedPackage("Spaces-1", "MyApp.1.0.0.zip", "other".getBytes(StandardCharsets.UTF_8));
        Path file = file("MyApp.1.0.0.zip", "zip");
        try (OctopusClient client = fixture.connect()) {
            PackagePush push =
                    new PackagePush(request(OverwriteMode.FailIfExists, false, file), Optional.empty(), listener);
            assertThatThrownBy(() -> push.run(client))
                    .isInstanceOf(OctopusException.class)
                    .hasMessageContaining("already exists");
        }

        JsonNode row = Json.read(report()).get("packages").get(0);
        assertThat(row.get("outcome").asText()).isEqualTo("failed");
        assertThat(row.get("packageId").asText()).isEqualTo("MyApp");
        assertThat(row.get("version").asText()).isEqualTo("1.0.0");
        assertThat(row.get("sha1").asText()).isEqualTo(sha1("zip"));
        assertThat(row.get("detail").asText()).contains("already exists");
    }

    @Test
    void aDryRunReportsAFailedPackageWithWhatIsKnown() throws Exception {
        fixture.server.seedPackage("Spaces-1", "MyApp.1.0.0.zip", "other".getBytes(StandardCharsets.UTF_8));
        Path file = file("MyApp.1.0.0.zip", "zip");
        try (OctopusClient client = fixture.connect()) {
            PackagePush push =
                    new PackagePush(request(OverwriteMode.FailIfExists, true, file), Optional.empty(), listener);
            assertThatThrownBy(() -> push.run(client)).isInstanceOf(OctopusException.class);
        }

        JsonNode row = Json.read(report()).get("packages").get(0);
        assertThat(row.get("outcome").asText()).isEqualTo("failed");
        assertThat(row.get("packageId").asText()).isEqualTo("MyApp");
        assertThat(row.get("version").asText()).isEqualTo("1.0.0");
        assertThat(row.get("sha1").asText()).isEqualTo(sha1("zip"));
    }

    @Test
    void aFileWhoseNameDoesNotParseIsReportedWithoutIdentity() throws Exception {
        Path file = file("not-a-package.zip", "zip");
        try (OctopusClient client = fixture.connect()) {
            PackagePush push =
                    new PackagePush(request(OverwriteMode.FailIfExists, false, file), Optional.empty(), listener);
            assertThatThrownBy(() -> push.run(client)).isInstanceOf(OctopusException.class);
        }

        JsonNode row = Json.read(report()).get("packages").get(0);
        assertThat(row.get("outcome").asText()).isEqualTo("failed");
        assertThat(row.get("file").asText()).isEqualTo("not-a-package.zip");
        assertThat(row.get("packageId").isNull()).isTrue();
        assertThat(row.get("sha1").isNull()).isTrue();
    }

    @Test
    void endsWithASummaryLine() throws Exception {
        fixture.server.seedPackage("Spaces-1", "Other.2.0.0.zip", "same".getBytes(StandardCharsets.UTF_8));
        Path a = file("MyApp.1.0.0.zip", "a");
        Path b = file("Other.2.0.0.zip", "same");
        Path c = file("Third.1.0.0.zip", "c");
        try (OctopusClient client = fixture.connect()) {
            new PackagePush(request(OverwriteMode.FailIfExists, false, a, b, c), Optional.empty(), listener)
                    .run(client);
        }

        assertThat(lines.get(lines.size() - 1)).isEqualTo("INFO 3 packages: 2 uploaded, 1 identical, 0 failed");
    }

    @Test
    void logsTheSummaryBeforeAFailurePropagates() throws Exception {
        fixture.server.seedPackage("Spaces-1", "Other.2.0.0.zip", "other".getBytes(StandardCharsets.UTF_8));
        Path a = file("MyApp.1.0.0.zip", "a");
        Path b = file("Other.2.0.0.zip", "mine");
        Path c = file("Third.1.0.0.zip", "c");
        try (OctopusClient client = fixture.connect()) {
            PackagePush push =
                    new PackagePush(request(OverwriteMode.FailIfExists, false, a, b, c), Optional.empty(), listener);
            assertThatThrownBy(() -> push.run(client)).isInstanceOf(OctopusException.class);
        }

        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("INFO 3 packages: 1 uploaded, 0 identical, 1 failed, 1 not pushed");
    }

    @Test
    void aDryRunEndsWithWhatItWouldDo() throws Exception {
        fixture.server.seedPackage("Spaces-1", "Other.2.0.0.zip", "same".getBytes(StandardCharsets.UTF_8));
        Path a = file("MyApp.1.0.0.zip", "a");
        Path b = file("Other.2.0.0.zip", "same");
        Path c = file("Third.1.0.0.zip", "c");
        try (OctopusClient client = fixture.connect()) {
            new PackagePush(request(OverwriteMode.FailIfExists, true, a, b, c), Optional.empty(), listener).run(client);
        }

        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("INFO Dry run: 2 packages would be uploaded, 1 is already identical");
    }

    private static String sha1(String content) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(content.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    @Test
    void aDryRunSendsNothing() throws Exception {
        Path file = file("MyApp.1.0.0.zip", "zip");
        try (OctopusClient client = fixture.connect()) {
            new PackagePush(request(OverwriteMode.FailIfExists, true, file), buildInformation(true), listener)
                    .run(client);
        }

        assertThat(fixture.server.requests("POST", "")).isEmpty();
        assertThat(lines)
                .anyMatch(l -> l.startsWith("INFO Dry run: would push 1 package(s)"))
                .anyMatch(l -> l.startsWith("INFO Dry run: would send build information for MyApp 1.0.0"));
        assertThat(Files.readString(report())).contains("\"dryRun\" : true");
    }
}

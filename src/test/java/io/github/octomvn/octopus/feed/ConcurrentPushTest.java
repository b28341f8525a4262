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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** Several packages upload at once, and the log, the report and the summary still read in the packages' order. */
class ConcurrentPushTest {
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

    private PushRequest request(int threads, Path... files) {
        ProjectSource project = new ProjectSource(dir, Optional.empty(), dir.resolve("target"));
        return new PushRequest(
                        Map.of(project, List.of(files)),
                        OverwriteMode.FailIfExists,
                        Optional.empty(),
                        false,
                        dir.resolve("target/octopus/push-report.json"))
                .withUploadThreads(threads);
    }

    private Path file(String name, String content) throws Exception {
        return Files.write(
                Files.createDirectories(dir.resolve("target/octopus")).resolve(name),
                content.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> resultLines() {
        return lines.stream()
                .filter(l -> l.matches("INFO \\S+\\.zip \\(.*"))
                .map(l -> l.substring(5, l.indexOf(' ', 5)))
                .collect(Collectors.toList());
    }

    private List<String> reportRows(String field) throws Exception {
        List<String> values = new ArrayList<>();
        for (JsonNode row :
                Json.read(dir.resolve("target/octopus/push-report.json")).get("packages")) {
            values.add(row.get(field).asText());
        }
        return values;
    }

    @Test
    void uploadsTwoPackagesAtOnceAndReportsEveryPackageInItsOrder() throws Exception {
        // each upload waits at the server until two are in flight: one after another would fail
        fixture.server.meetUploadsInFlight(2);
        Path a = file("Alpha.1.0.0.zip", "a".repeat(5000));
        Path b = file("Beta.1.0.0.zip", "b");
        Path c = file("Gamma.1.0.0.zip", "c");

        try (OctopusClient client = fixture.connect()) {
            new PackagePush(request(2, a, b, c), Optional.empty(), listener).run(client);
        }

        // one request each: one after another, the first would time out and its retry meet it instead
        assertThat(fixture.server.requests("POST", "packages/raw")).hasSize(3);
        assertThat(resultLines()).containsExactly("Alpha.1.0.0.zip", "Beta.1.0.0.zip", "Gamma.1.0.0.zip");
        assertThat(reportRows("file")).containsExactly("Alpha.1.0.0.zip", "Beta.1.0.0.zip", "Gamma.1.0.0.zip");
        assertThat(reportRows("outcome")).containsOnly("created");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("INFO 3 packages: 3 uploaded, 0 identical, 0 failed");
    }

    @Test
    void aFailedPackageLetsThePackagesUnderWayFinishAndFailsThePushNamingIt() throws Exception {
        fixture.server.seedPackage("Spaces-1", "Beta.1.0.0.zip", "theirs".getBytes(StandardCharsets.UTF_8));
        Path a = file("Alpha.1.0.0.zip", "a");
        Path b = file("Beta.1.0.0.zip", "mine");

        try (OctopusClient client = fixture.connect()) {
            PackagePush push = new PackagePush(request(2, a, b), Optional.empty(), listener);
            assertThatThrownBy(() -> push.run(client))
                    .isInstanceOf(OctopusException.class)
                    .hasMessageContaining("Package Beta 1.0.0 already exists");
        }

        // Alpha was taken before Beta could fail, so it is always pushed
        assertThat(fixture.server.storedPackage("Alpha", "1.0.0")).isPresent();
        assertThat(reportRows("file")).containsExactly("Alpha.1.0.0.zip", "Beta.1.0.0.zip");
        assertThat(reportRows("outcome")).containsExactly("created", "failed");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("INFO 2 packages: 1 uploaded, 0 identical, 1 failed");
    }

    @Test
    void aDryRunChecksSeveralPackagesAtOnceAndPlansThemInOrder() throws Exception {
        fixture.server.seedPackage("Spaces-1", "Beta.1.0.0.zip", "same".getBytes(StandardCharsets.UTF_8));
        Path a = file("Alpha.1.0.0.zip", "a");
        Path b = file("Beta.1.0.0.zip", "same");
        Path c = file("Gamma.1.0.0.zip", "c");
        PushRequest dryRun = new PushRequest(
                        request(2, a, b, c).filesByProject(),
                        OverwriteMode.FailIfExists,
                        Optional.empty(),
                        true,
                        dir.resolve("target/octopus/push-report.json"))
                .withUploadThreads(2);

        try (OctopusClient client = fixture.connect()) {
            new PackagePush(dryRun, Optional.empty(), listener).run(client);
        }

        assertThat(reportRows("outcome"))
                .containsExactly("dry run: upload", "dry run: nothing_identical", "dry run: upload");
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("INFO Dry run: 2 packages would be uploaded, 1 is already identical");
    }

    @Test
    void aPushOfThreePackagesMakesTheseRequestsAndNoMore() throws Exception {
        Path a = file("Alpha.1.0.0.zip", "a");
        Path b = file("Beta.1.0.0.zip", "b");
        Path c = file("Gamma.1.0.0.zip", "c");
        BuildInformationSettings settings = new BuildInformationSettings(
                Map.of(), Overrides.builder().build(), OverwriteMode.FailIfExists, 100, false);
        Optional<BuildInformationPublisher> buildInformation = Optional.of(new BuildInformationPublisher(
                settings, Collections.synchronizedSet(new HashSet<>()), listener::info, listener::warn));

        try (OctopusClient client = fixture.connect()) {
            new PackagePush(request(2, a, b, c), buildInformation, listener).run(client);
        }

        List<String> requests = fixture.server.requests().stream()
                .map(r -> r.method() + " " + r.path() + (r.query().isEmpty() ? "" : "?" + r.query()))
                .sorted()
                .collect(Collectors.toList());
        List<String> expected = new ArrayList<>(List.of("GET /api", "GET /api/spaces/all"));
        for (String id : List.of("Alpha", "Beta", "Gamma")) {
            // per package: the build information Octopus has (anchor and this version), its record, the package
            expected.add("GET /api/Spaces-1/build-information?packageId=" + id + "&filter=1.0.0&take=100");
            expected.add("GET /api/Spaces-1/build-information?packageId=" + id + "&latest=true");
            expected.add("POST /api/Spaces-1/build-information?overwriteMode=FailIfExists");
            expected.add("GET /api/Spaces-1/packages/" + id + ".1.0.0");
            expected.add("POST /api/Spaces-1/packages/raw?overwriteMode=FailIfExists");
        }
        Collections.sort(expected);
        // the root document and the space once for the whole push, nothing twice
        assertThat(requests).isEqualTo(expected);
    }
}

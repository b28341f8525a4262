package io.github.octomvn.octopus.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.buildinfo.BuildInformationPublisher;
import io.github.octomvn.octopus.buildinfo.BuildInformationSettings;
import io.github.octomvn.octopus.buildinfo.Overrides;
import io.github.octomvn.octopus.buildinfo.ProjectSource;
import io.github.octomvn.octopus.ci.PackageResult;
import io.github.octomvn.octopus.ci.PackageResult.Outcome;
import io.github.octomvn.octopus.ci.PublishedBuildInformation;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ServerFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** What a push did, read back from push-report.json as results for the CI's job page. */
class PushResultsTest {
    @TempDir
    Path dir;

    private ServerFixture fixture;
    private final PushListener quiet = new PushListener() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}
    };

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Path report() {
        return dir.resolve("target/octopus/push-report.json");
    }

    private Path file(String name, String content) throws Exception {
        return Files.write(
                Files.createDirectories(dir.resolve("target/octopus")).resolve(name),
                content.getBytes(StandardCharsets.UTF_8));
    }

    private void push(Optional<BuildInformationPublisher> buildInformation, List<Path> files) throws OctopusException {
        ProjectSource project = new ProjectSource(dir, Optional.empty(), dir.resolve("target"));
        PushRequest request =
                new PushRequest(Map.of(project, files), OverwriteMode.FailIfExists, Optional.empty(), false, report());
        try (OctopusClient client = fixture.connect()) {
            new PackagePush(request, buildInformation, quiet).run(client);
        }
    }

    @Test
    void uploadedThenFailedThenNotPushedWithSizesAndLinks() throws Exception {
        fixture.server.seedPackage("Spaces-1", "B.1.0.0.zip", "other".getBytes(StandardCharsets.UTF_8));
        List<Path> files =
                List.of(file("A.1.0.0.zip", "zip-a"), file("B.1.0.0.zip", "zip-b"), file("C.2.0.0.zip", "c"));
        assertThatThrownBy(() -> push(Optional.empty(), files)).isInstanceOf(OctopusException.class);

        List<PackageResult> results = PushReport.results(report(), files);

        assertThat(results)
                .extracting(r -> r.packageId() + " " + r.version() + " " + r.sizeBytes() + " " + r.outcome())
                .containsExactly("A 1.0.0 5 UPLOADED", "B 1.0.0 5 FAILED", "C 2.0.0 1 NOT_PUSHED");
        assertThat(results.get(0).link())
                .contains(fixture.server.url() + "/app#/Spaces-1/library/builtinrepository/versions/A");
        assertThat(results.get(2).link()).isEmpty();
    }

    @Test
    void aSecondPushFindsThePackageAlreadyThereAndListsTheBuildInformation() throws Exception {
        List<Path> files = List.of(file("A.1.0.0.zip", "zip-a"));
        push(Optional.empty(), files);
        BuildInformationPublisher publisher = new BuildInformationPublisher(
                new BuildInformationSettings(
                        Map.of(), Overrides.builder().build(), OverwriteMode.FailIfExists, 100, false),
                Collections.synchronizedSet(new HashSet<>()),
                m -> {},
                m -> {});

        push(Optional.of(publisher), files);

        assertThat(PushReport.results(report(), files))
                .extracting(PackageResult::outcome)
                .containsExactly(Outcome.ALREADY_THERE);
        List<PublishedBuildInformation> published = publisher.published();
        assertThat(published.stream().map(p -> p.packageId() + " " + p.version() + " " + p.outcome()))
                .containsExactly("A 1.0.0 created");
        assertThat(published.get(0).commits()).isZero(); // not a git checkout
        assertThat(published.get(0).link()).isPresent();
    }

    @Test
    void noReportNoResults() throws Exception {
        assertThat(PushReport.results(report(), List.of(dir.resolve("A.1.0.0.zip"))))
                .isEmpty();
    }

    @Test
    void aDryRunIsReportedAsItsPlan() throws Exception {
        List<Path> files = List.of(file("A.1.0.0.zip", "zip-a"));
        ProjectSource project = new ProjectSource(dir, Optional.empty(), dir.resolve("target"));
        PushRequest request =
                new PushRequest(Map.of(project, files), OverwriteMode.FailIfExists, Optional.empty(), true, report());
        try (OctopusClient client = fixture.connect()) {
            new PackagePush(request, Optional.empty(), quiet).run(client);
        }

        assertThat(PushReport.results(report(), files).stream()
                        .map(r -> r.outcome() + " " + r.detail().orElse(""))
                        .collect(Collectors.toList()))
                .containsExactly("DRY_RUN upload");
    }
}

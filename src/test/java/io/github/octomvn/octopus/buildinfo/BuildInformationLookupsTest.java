package io.github.octomvn.octopus.buildinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.client.Credential;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ServerFixture;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.pack.PackageFileName;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.Permission;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server knows of several packages (the record before each, and each version's own) is looked up side by
 * side before any record is sent; the records, lines and warnings still come in the packages' order.
 */
class BuildInformationLookupsTest {
    private static final String PUSH_ONLY_KEY = "API-PUSHONLY00000000000000000";

    @TempDir
    Path dir;

    private ServerFixture fixture;
    private final List<String> info = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> sentThisBuild = Collections.synchronizedSet(new HashSet<>());

    @AfterEach
    void stop() {
        fixture.close();
    }

    private BuildInformationPublisher publisher() {
        return new BuildInformationPublisher(
                new BuildInformationSettings(
                        Map.of(), Overrides.builder().buildNumber("7").build(), OverwriteMode.FailIfExists, 100, false),
                sentThisBuild,
                info::add,
                w -> fixture.warnings.add("publisher: " + w));
    }

    private ProjectSource project(String name) {
        return new ProjectSource(
                dir.resolve(name), Optional.empty(), dir.resolve(name).resolve("target"));
    }

    private static List<PackageFileName> names(String... fileNames) {
        List<PackageFileName> names = new ArrayList<>();
        for (String name : fileNames) {
            names.add(PackageFileName.parse(name).orElseThrow());
        }
        return names;
    }

    private List<String> postedPackages() {
        return fixture.server.requests("POST", "build-information").stream()
                .map(r -> new String(r.body().orElseThrow(), java.nio.charset.StandardCharsets.UTF_8))
                .map(body -> body.replaceAll("(?s).*\"PackageId\"\\s*:\\s*\"([^\"]+)\".*", "$1"))
                .collect(Collectors.toList());
    }

    @Test
    void looksUpThreePackagesSideBySideAndSendsTheirRecordsInOrder() throws Exception {
        fixture = ServerFixture.start();
        // each lookup waits at the server until three are in flight: one after another would meet a 503
        fixture.server.meetBuildInformationLookupsInFlight(3);

        try (OctopusClient client = fixture.connect()) {
            Space space = client.resolveSpace(Optional.empty());
            publisher()
                    .publish(
                            client,
                            space,
                            project("app"),
                            names("Alpha.1.0.0.zip", "Beta.1.0.0.zip", "Gamma.1.0.0.zip"));
        }

        List<RecordedRequest> lookups = fixture.server.requests("GET", "build-information");
        assertThat(lookups).hasSize(6).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(fixture.sleeper.sleeps()).as("no retry").isEmpty();
        assertThat(postedPackages()).containsExactly("Alpha", "Beta", "Gamma");
        assertThat(info)
                .extracting(line -> line.replaceAll("^Pushed build information for (\\S+) .*", "$1"))
                .containsExactly("Alpha", "Beta", "Gamma");
        // every lookup came before the first record was sent
        long firstPost =
                fixture.server.requests("POST", "build-information").get(0).sequence();
        assertThat(lookups).allSatisfy(r -> assertThat(r.sequence()).isLessThan(firstPost));
        assertThat(Files.readString(dir.resolve("app/target/octopus/build-information.json")))
                .containsSubsequence("\"Alpha\"", "\"Beta\"", "\"Gamma\"");
    }

    @Test
    void looksUpThePackagesOfSeveralProjectsSideBySideAndWritesEachProjectsOwnFile() throws Exception {
        fixture = ServerFixture.start();
        fixture.server.meetBuildInformationLookupsInFlight(2);
        Map<ProjectSource, List<PackageFileName>> modules = new LinkedHashMap<>();
        modules.put(project("web"), names("Web.2.0.0.zip"));
        modules.put(project("api"), names("Api.2.0.0.zip"));

        try (OctopusClient client = fixture.connect()) {
            publisher().publish(client, client.resolveSpace(Optional.empty()), modules);
        }

        assertThat(fixture.server.requests("GET", "build-information"))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(postedPackages()).containsExactly("Web", "Api");
        assertThat(Files.readString(dir.resolve("web/target/octopus/build-information.json")))
                .contains("\"Web\"")
                .doesNotContain("\"Api\"");
        assertThat(Files.readString(dir.resolve("api/target/octopus/build-information.json")))
                .contains("\"Api\"")
                .doesNotContain("\"Web\"");
    }

    @Test
    void warningsOfTheLookupsComeInThePackagesOrder() throws Exception {
        // a key that may push build information but not read it: every lookup is answered 403
        fixture = new ServerFixture(OctopusTestServer.builder()
                .addApiKey(PUSH_ONLY_KEY, Permission.BuildInformationPush)
                .start());

        try (OctopusClient client = fixture.connect(
                fixture.settings(Credential.apiKey(PUSH_ONLY_KEY)).build())) {
            publisher()
                    .publish(
                            client,
                            client.resolveSpace(Optional.empty()),
                            project("app"),
                            names("Alpha.1.0.0.zip", "Beta.1.0.0.zip", "Gamma.1.0.0.zip"));
        }

        assertThat(fixture.warnings)
                .filteredOn(w -> w.startsWith("Cannot"))
                .extracting(w -> w.replaceAll("^(Cannot \\w+ )\\D*(Alpha|Beta|Gamma).*", "$1$2"))
                .containsExactly(
                        "Cannot read Alpha",
                        "Cannot check Alpha",
                        "Cannot read Beta",
                        "Cannot check Beta",
                        "Cannot read Gamma",
                        "Cannot check Gamma");
        assertThat(postedPackages()).containsExactly("Alpha", "Beta", "Gamma");
    }

    @Test
    void aFailedLookupFailsThePublishBeforeAnyRecordIsSent() throws Exception {
        fixture = ServerFixture.start();
        fixture.server.failNext(1, 400, "build-information");

        try (OctopusClient client = fixture.connect()) {
            Space space = client.resolveSpace(Optional.empty());
            BuildInformationPublisher publisher = publisher();
            assertThatThrownBy(() -> publisher.publish(
                            client, space, project("app"), names("Alpha.1.0.0.zip", "Beta.1.0.0.zip")))
                    .isInstanceOf(OctopusException.class)
                    .hasMessageContaining("build information");
        }

        assertThat(fixture.server.requests("POST", "build-information")).isEmpty();
        assertThat(dir.resolve("app/target/octopus/build-information.json")).doesNotExist();
    }
}

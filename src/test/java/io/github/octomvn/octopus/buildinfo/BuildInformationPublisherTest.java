package io.github.octomvn.octopus.buildinfo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ServerFixture;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.pack.PackageFileName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a project's build information without Maven: once per record and build, and written down. */
class BuildInformationPublisherTest {
    @TempDir
    Path dir;

    private ServerFixture fixture;
    private final List<String> info = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> sentThisBuild = Collections.synchronizedSet(new HashSet<>());

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private BuildInformationPublisher publisher(OverwriteMode mode) {
        Overrides overrides = Overrides.builder().buildNumber("7").build();
        return new BuildInformationPublisher(
                new BuildInformationSettings(Map.of(), overrides, mode, 100, false),
                sentThisBuild,
                info::add,
                warnings::add);
    }

    private static List<PackageFileName> names(String... fileNames) {
        List<PackageFileName> names = new ArrayList<>();
        for (String name : fileNames) {
            names.add(PackageFileName.parse(name).orElseThrow());
        }
        return names;
    }

    @Test
    void sendsEachPackageIdAndVersionOnceForTheWholeBuild() throws Exception {
        ProjectSource project = new ProjectSource(dir, Optional.empty(), dir.resolve("target"));
        try (OctopusClient client = fixture.connect()) {
            Space space = client.resolveSpace(Optional.empty());
            publisher(OverwriteMode.FailIfExists)
                    .publish(client, space, project, names("MyApp.1.0.0.zip", "MyApp.1.0.0.tar.gz"));
            // a second goal of the same build (build-information, then push) finds it sent
            publisher(OverwriteMode.FailIfExists).publish(client, space, project, names("MyApp.1.0.0.zip"));
        }

        assertThat(fixture.server.buildInformationWriteCount("MyApp", "1.0.0")).isEqualTo(1);
        assertThat(info).hasSize(1);
        assertThat(Files.readString(dir.resolve("target/octopus/build-information.json")))
                .contains("\"PackageId\" : \"MyApp\"")
                .contains("\"BuildNumber\" : \"7\"");
    }

    @Test
    void warnsThroughItsOwnChannelWhenTheServerKeepsItsRecord() throws Exception {
        fixture.server.seedBuildInformation("MyApp", "1.0.0", Map.of("BuildEnvironment", "Jenkins"));
        ProjectSource project = new ProjectSource(dir, Optional.empty(), dir.resolve("target"));
        try (OctopusClient client = fixture.connect()) {
            publisher(OverwriteMode.IgnoreIfExists)
                    .publish(client, client.resolveSpace(Optional.empty()), project, names("MyApp.1.0.0.zip"));
        }

        // the client's channel (the fixture's) hears the kept record; the publisher logs the outcome
        assertThat(fixture.warnings).anyMatch(w -> w.endsWith("kept the server's record (IgnoreIfExists)"));
        assertThat(info).hasSize(1);
    }
}

package io.github.octomvn.octopus.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.pack.PackManifest;
import io.github.octomvn.octopus.pack.PackageFormat;
import io.github.octomvn.octopus.pack.PackedPackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code octopus:pack} on a jar project, wired by the Maven Plugin Testing Harness as Maven wires it: parameters
 * from {@code plugin.xml} defaults, {@code @MojoParameter} configuration or user properties, and a
 * {@code MavenProjectHelper} injected through the constructor.
 */
@MojoTest
class PackMojoTest {
    private static final String ZIP = "target/octopus/greeter.1.4.2.zip";

    @TempDir
    Path basedir;

    /** The harness's session: the tests set its request's start time and its user properties. */
    @Inject
    MavenSession session;

    private final RecordingLog log = new RecordingLog();
    private MavenProject project;
    private Path jar;

    /**
     * The project the harness hands to the goal: the jar-project fixture in a fresh directory, its jar built. The
     * harness's own default project has no coordinates, packaging or artifact file, so it cannot be packed.
     */
    @Provides
    MavenProject project() throws IOException {
        project = TestProject.copyOf("jar-project", basedir);
        jar = TestProject.buildJar(project);
        return project;
    }

    /** Replaces the harness's log, which goes to SLF4J, so tests can read what the goal logged. */
    @Provides
    Log log() {
        return log;
    }

    @Test
    @InjectMojo(goal = "pack")
    void packsArtifactAndScriptsIntoZipNamedAfterArtifactIdAndVersion(PackMojo mojo) throws Exception {
        mojo.execute();

        Path zip = basedir.resolve(ZIP);
        assertThat(zip).isRegularFile();
        assertThat(entries(zip)).containsExactlyInAnyOrder("greeter-1.4.2.jar", "deploy.sh", "config/app.properties");
        assertThat(entryBytes(zip, "greeter-1.4.2.jar")).isEqualTo(Files.readAllBytes(jar));
        assertThat(BuildPackages.of(project)).containsExactly(zip);
        assertThat(log.lines()).anyMatch(line -> line.startsWith("[INFO] Packed greeter.1.4.2.zip ("));
    }

    @Test
    @InjectMojo(goal = "pack")
    @MojoParameter(name = "version", value = "3.0.0-rc.1")
    void configuredVersionWinsOverProjectVersion(PackMojo mojo) throws Exception {
        mojo.execute();

        assertThat(basedir.resolve("target/octopus/greeter.3.0.0-rc.1.zip")).isRegularFile();
        assertThat(basedir.resolve(ZIP)).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "pack")
    void snapshotVersionIsStampedWithTheSessionStartTimeInUtc(PackMojo mojo) throws Exception {
        project.setVersion("2.0.0-SNAPSHOT");
        session.getRequest().setStartTime(Date.from(Instant.parse("2026-11-25T09:30:15Z")));

        mojo.execute();

        assertThat(packageFiles()).containsExactly("greeter.2.0.0-SNAPSHOT.20261125T093015.zip");
    }

    @Test
    @InjectMojo(goal = "pack")
    @MojoParameter(name = "skip", value = "true")
    void skipWritesNothing(PackMojo mojo) throws Exception {
        mojo.execute();

        assertThat(basedir.resolve("target/octopus")).doesNotExist();
        assertThat(BuildPackages.of(project)).isEmpty();
        assertThat(log.lines()).contains("[INFO] Skipping (octopus.skip is set).");
    }

    @Test
    @InjectMojo(goal = "pack")
    @MojoParameter(name = "packSkip", value = "true")
    void packSkipWritesNothing(PackMojo mojo) throws Exception {
        mojo.execute();

        assertThat(basedir.resolve("target/octopus")).doesNotExist();
        assertThat(BuildPackages.of(project)).isEmpty();
        assertThat(log.lines()).contains("[INFO] Skipping (octopus.pack.skip is set).");
    }

    @Test
    @InjectMojo(goal = "pack")
    @MojoParameter(name = "attach", value = "true")
    @MojoParameter(name = "formats", value = "zip,tar.gz,artifact")
    void attachAttachesZipAndTarGzWithClassifierOctopus(PackMojo mojo) throws Exception {
        mojo.execute();

        List<Artifact> attached = project.getAttachedArtifacts();
        assertThat(attached).extracting(Artifact::getType).containsExactly("zip", "tar.gz");
        assertThat(attached).allSatisfy(artifact -> {
            assertThat(artifact.getClassifier()).isEqualTo("octopus");
            assertThat(artifact.getArtifactId()).isEqualTo("greeter");
            assertThat(artifact.getVersion()).isEqualTo("1.4.2");
        });
        assertThat(attached)
                .extracting(artifact -> artifact.getFile().toPath())
                .containsExactly(
                        basedir.resolve("target/octopus/greeter.1.4.2.zip"),
                        basedir.resolve("target/octopus/greeter.1.4.2.tar.gz"));
        assertThat(BuildPackages.of(project))
                .containsExactly(
                        basedir.resolve("target/octopus/greeter.1.4.2.zip"),
                        basedir.resolve("target/octopus/greeter.1.4.2.tar.gz"),
                        basedir.resolve("target/octopus/greeter.1.4.2.jar"));
    }

    @Test
    @InjectMojo(goal = "pack")
    void packagesAreNotAttachedByDefault(PackMojo mojo) throws Exception {
        mojo.execute();

        assertThat(project.getAttachedArtifacts()).isEmpty();
    }

    @Test
    @InjectMojo(goal = "pack")
    @MojoParameter(name = "packageId", value = "greeter.2")
    void invalidPackageIdFailsWithOneActionableLine(PackMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Invalid Octopus package ID 'greeter.2': the segment '2' is numeric, so Octopus would"
                        + " read the ID and version back differently. Use e.g. 'greeter.v2'"
                        + " (set <packageId> or -Doctopus.packageId=...).");
        assertThat(basedir.resolve("target/octopus")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "pack")
    void writesTheManifestAPushByHandReads(PackMojo mojo) throws Exception {
        mojo.execute();

        assertThat(PackManifest.read(basedir.resolve("target"))).contains(List.of(basedir.resolve(ZIP)));
    }

    @Test
    @InjectMojo(goal = "pack")
    @MojoParameter(name = "packageId", value = "greeter.2")
    void aPackThatFailsLeavesNoManifestOfThePreviousBuild(PackMojo mojo) throws Exception {
        // what an earlier, complete pack left; this one fails (or is killed) before it writes its own
        Path old = Files.createDirectories(basedir.resolve("target/octopus")).resolve("greeter.1.4.1.zip");
        Files.write(old, "PK previous build".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        PackManifest.write(
                basedir.resolve("target"),
                List.of(new PackedPackage(old, PackageFormat.ZIP, Files.size(old), 1, sha1Of(old))));
        assertThat(PackManifest.read(basedir.resolve("target"))).contains(List.of(old));

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);

        assertThat(basedir.resolve("target/" + PackManifest.FILE_NAME)).doesNotExist();
        assertThat(PackManifest.read(basedir.resolve("target"))).isEmpty();
    }

    @Test
    @InjectMojo(goal = "pack")
    @MojoParameter(name = "includeArtifact", value = "false")
    void includeArtifactFalseLeavesTheJarOutOfTheZip(PackMojo mojo) throws Exception {
        mojo.execute();

        assertThat(entries(basedir.resolve(ZIP))).containsExactlyInAnyOrder("deploy.sh", "config/app.properties");
    }

    @Test
    @InjectMojo(goal = "pack", pom = "classpath:/unit/jar-project/pom-with-filesets.xml")
    void fileSetFromThePomIsResolvedAgainstTheProjectBaseDirectory(PackMojo mojo) throws Exception {
        mojo.execute();

        // notes.tmp is excluded; run.sh goes under bin/ with the configured mode.
        assertThat(entries(basedir.resolve(ZIP)))
                .containsExactlyInAnyOrder("greeter-1.4.2.jar", "deploy.sh", "config/app.properties", "bin/run.sh");
        try (ZipFile zip = open(basedir.resolve(ZIP))) {
            assertThat(zip.getEntry("bin/run.sh").getUnixMode() & 0777).isEqualTo(0755);
        }
    }

    @Test
    @InjectMojo(goal = "pack")
    void failsWithRunMvnPackageWhenTheJarWasNotBuilt(PackMojo mojo) throws Exception {
        // mvn octopus:pack alone: no lifecycle ran, so the artifact has no file
        project.getArtifact().setFile(null);

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("octopus:pack found no main artifact for jar project greeter: run mvn package"
                        + " (or set -Doctopus.includeArtifact=false to pack without it).");
        assertThat(basedir.resolve("target/octopus")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "pack")
    @MojoParameter(name = "formats", value = "artifact")
    @MojoParameter(name = "includeArtifact", value = "false")
    void artifactFormatWithoutTheJarSaysRunMvnPackage(PackMojo mojo) throws Exception {
        Files.delete(jar);

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("octopus:pack found no main artifact for jar project greeter: run mvn package"
                        + " (the artifact format is a copy of it).");
    }

    @Test
    @InjectMojo(goal = "pack")
    @MojoParameter(name = "includeArtifact", value = "false")
    void withIncludeArtifactFalseTheScriptsArePackedWithoutTheJar(PackMojo mojo) throws Exception {
        project.getArtifact().setFile(null);

        mojo.execute();

        assertThat(entries(basedir.resolve(ZIP))).containsExactlyInAnyOrder("deploy.sh", "config/app.properties");
    }

    /** The same goal, configured the way a command line does it: through {@code octopus.*} user properties. */
    @Nested
    class GivenUserProperties {
        @BeforeEach
        void commandLine() {
            session.getUserProperties().setProperty("octopus.version", "3.1.0");
            session.getUserProperties().setProperty("octopus.formats", "zip,tar.gz");
        }

        @Test
        @InjectMojo(goal = "pack")
        void octopusVersionAndFormatsPropertiesApply(PackMojo mojo) throws Exception {
            mojo.execute();

            assertThat(packageFiles()).containsExactlyInAnyOrder("greeter.3.1.0.zip", "greeter.3.1.0.tar.gz");
        }
    }

    /** A project that sets the standard {@code project.build.outputTimestamp} property. */
    @Nested
    class GivenProjectOutputTimestamp {
        @BeforeEach
        void reproducibleBuild() {
            project.getProperties().setProperty("project.build.outputTimestamp", "2026-11-25T00:00:00Z");
        }

        @Test
        @InjectMojo(goal = "pack")
        void everyEntryCarriesTheOutputTimestamp(PackMojo mojo) throws Exception {
            mojo.execute();

            try (ZipFile zip = open(basedir.resolve(ZIP))) {
                assertThat(Collections.list(zip.getEntries()))
                        .isNotEmpty()
                        .allSatisfy(
                                entry -> assertThat(entry.getLastModifiedTime().toInstant())
                                        .as(entry.getName())
                                        .isEqualTo(Instant.parse("2026-11-25T00:00:00Z")));
            }
        }
    }

    private List<String> packageFiles() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(basedir.resolve("target/octopus"))) {
            files.forEach(file -> names.add(file.getFileName().toString()));
        }
        return names;
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile file = open(zip)) {
            return Collections.list(file.getEntries()).stream()
                    .filter(e -> !e.isDirectory())
                    .map(ZipArchiveEntry::getName)
                    .collect(Collectors.toList());
        }
    }

    private static byte[] entryBytes(Path zip, String name) throws IOException {
        try (ZipFile file = open(zip)) {
            ZipArchiveEntry entry = file.getEntry(name);
            assertThat(entry).as("entry %s of %s", name, zip).isNotNull();
            try (InputStream in = file.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    private static String sha1Of(Path file) throws Exception {
        StringBuilder hex = new StringBuilder();
        for (byte b : java.security.MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file))) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    private static ZipFile open(Path zip) throws IOException {
        return ZipFile.builder().setPath(zip).get();
    }
}

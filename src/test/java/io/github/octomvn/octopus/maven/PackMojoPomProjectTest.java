package io.github.octomvn.octopus.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code octopus:pack} on a {@code pom} project, such as the parent of a multi-module build. */
@MojoTest
class PackMojoPomProjectTest {
    private static final String SKIP_LINE =
            "[INFO] Skipping: a pom project with no src/main/octopus and no <fileSets> has nothing to pack.";

    @TempDir
    Path basedir;

    private final RecordingLog log = new RecordingLog();
    private MavenProject project;

    /** The pom-project fixture in a fresh directory: no artifact file, no src/main/octopus. */
    @Provides
    MavenProject project() throws IOException {
        project = TestProject.copyOf("pom-project", basedir);
        return project;
    }

    /** Replaces the harness's log, which goes to SLF4J, so tests can read what the goal logged. */
    @Provides
    Log log() {
        return log;
    }

    @Test
    @InjectMojo(goal = "pack")
    void pomProjectWithNothingToPackIsSkippedWithALogLine(PackMojo mojo) throws Exception {
        mojo.execute();

        assertThat(log.lines()).contains(SKIP_LINE);
        assertThat(log.lines()).noneMatch(line -> line.startsWith("[WARNING]"));
        assertThat(basedir.resolve("target/octopus")).doesNotExist();
        assertThat(BuildPackages.of(project)).isEmpty();
    }

    @Test
    @InjectMojo(goal = "pack")
    @MojoParameter(name = "packageId", value = "greeter.2")
    void pomProjectWithNothingToPackIsSkippedBeforeItsPackageIdIsChecked(PackMojo mojo) throws Exception {
        mojo.execute();

        assertThat(log.lines()).contains(SKIP_LINE);
        assertThat(basedir.resolve("target/octopus")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "pack")
    void pomProjectWithDeploymentScriptsIsPacked(PackMojo mojo) throws Exception {
        Path script = basedir.resolve("src/main/octopus/deploy.sh");
        Files.createDirectories(script.getParent());
        Files.write(script, Collections.singletonList("echo deploying the platform"));

        mojo.execute();

        Path zip = basedir.resolve("target/octopus/greeter-parent.1.4.2.zip");
        assertThat(entries(zip)).containsExactly("deploy.sh");
        assertThat(BuildPackages.of(project)).containsExactly(zip);
        assertThat(log.lines()).doesNotContain(SKIP_LINE);
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream()
                    .filter(e -> !e.isDirectory())
                    .map(ZipEntry::getName)
                    .collect(Collectors.toList());
        }
    }
}

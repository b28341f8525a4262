package io.github.octomvn.octopus.buildinfo;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a project's build information comes from and goes to: its directory (for git), the source repository URL
 * its build declares, and the output folder that receives {@code octopus/build-information.json}.
 */
public final class ProjectSource {
    private final Path directory;
    private final Optional<String> scmUrl;
    private final Path outputDirectory;

    public ProjectSource(Path directory, Optional<String> scmUrl, Path outputDirectory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.scmUrl = Objects.requireNonNull(scmUrl, "scmUrl");
        this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
    }

    public Path directory() {
        return directory;
    }

    public Optional<String> scmUrl() {
        return scmUrl;
    }

    public Path outputDirectory() {
        return outputDirectory;
    }

    @Override
    public String toString() {
        return "ProjectSource[" + directory + "]";
    }
}

package io.github.octomvn.octopus.feed;

import io.github.octomvn.octopus.buildinfo.ProjectSource;
import io.github.octomvn.octopus.client.OverwriteMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What one push is asked to do: package files by the project that made them, in order, and how to push them. */
public final class PushRequest {
    private final Map<ProjectSource, List<Path>> filesByProject;
    private final OverwriteMode mode;
    private final Optional<String> space;
    private final boolean dryRun;
    private final Path reportFile;

    /**
     * @param filesByProject the files to push by their project, in push order (build information per project)
     * @param space the space by name or id; empty for the server's default space
     * @param reportFile where {@code push-report.json} goes, whatever the outcome
     */
    public PushRequest(
            Map<ProjectSource, List<Path>> filesByProject,
            OverwriteMode mode,
            Optional<String> space,
            boolean dryRun,
            Path reportFile) {
        Map<ProjectSource, List<Path>> copy = new LinkedHashMap<>();
        filesByProject.forEach((project, files) -> copy.put(project, List.copyOf(files)));
        this.filesByProject = Collections.unmodifiableMap(copy);
        this.mode = Objects.requireNonNull(mode, "mode");
        this.space = Objects.requireNonNull(space, "space");
        this.dryRun = dryRun;
        this.reportFile = Objects.requireNonNull(reportFile, "reportFile");
    }

    public Map<ProjectSource, List<Path>> filesByProject() {
        return filesByProject;
    }

    /** Every file, in push order. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        filesByProject.values().forEach(files::addAll);
        return files;
    }

    public OverwriteMode mode() {
        return mode;
    }

    public Optional<String> space() {
        return space;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Path reportFile() {
        return reportFile;
    }
}

package io.github.octomvn.octopus.feed;

import io.github.octomvn.octopus.buildinfo.ProjectSource;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.pack.PackManifest;
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
    private boolean deltaCompression;
    private int uploadThreads = 1;
    private Map<Path, PackManifest.Entry> packed = Map.of();

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

    /**
     * The same request, sending packages as deltas against the server's earlier version where that pays
     * ({@code false} by default here; the goals turn it on).
     */
    public PushRequest withDeltaCompression(boolean deltaCompression) {
        PushRequest copy = copy();
        copy.deltaCompression = deltaCompression;
        return copy;
    }

    /**
     * The same request, uploading at most {@code uploadThreads} packages at once (1, the default here: one after
     * another). Log lines, the report and the summary keep the packages' order whatever the number.
     */
    public PushRequest withUploadThreads(int uploadThreads) {
        if (uploadThreads < 1) {
            throw new IllegalArgumentException("upload threads must be 1 or more, not " + uploadThreads);
        }
        PushRequest copy = copy();
        copy.uploadThreads = uploadThreads;
        return copy;
    }

    /**
     * The same request, knowing what the pack manifests recorded: a package the manifest still vouches for (same
     * size and modification time) is not read again for its SHA-1.
     */
    public PushRequest withPackManifest(List<PackManifest.Entry> entries) {
        PushRequest copy = copy();
        Map<Path, PackManifest.Entry> byFile = new LinkedHashMap<>(packed);
        entries.forEach(entry -> byFile.put(entry.file(), entry));
        copy.packed = Collections.unmodifiableMap(byFile);
        return copy;
    }

    private PushRequest copy() {
        PushRequest copy = new PushRequest(filesByProject, mode, space, dryRun, reportFile);
        copy.deltaCompression = deltaCompression;
        copy.uploadThreads = uploadThreads;
        copy.packed = packed;
        return copy;
    }

    public int uploadThreads() {
        return uploadThreads;
    }

    /** What the pack manifest recorded of {@code file}, if it lists it. */
    Optional<PackManifest.Entry> packed(Path file) {
        return Optional.ofNullable(packed.get(file.toAbsolutePath().normalize()));
    }

    public boolean deltaCompression() {
        return deltaCompression;
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

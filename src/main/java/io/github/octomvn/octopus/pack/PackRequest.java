package io.github.octomvn.octopus.pack;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Everything {@link PackageBuilder} needs to write the packages of one project. */
public final class PackRequest {
    private final PackageId id;
    private final OctopusVersion version;
    private final Path outputDirectory;
    private final List<PackageFormat> formats;
    private final List<FileSet> fileSets;
    private final Path artifact;
    private final boolean artifactInArchives;
    private final Instant reproducibleTimestamp;

    private PackRequest(Builder builder) {
        this.id = builder.id;
        this.version = builder.version;
        this.outputDirectory = builder.outputDirectory;
        this.formats = builder.formats.isEmpty()
                ? Collections.singletonList(PackageFormat.ZIP)
                : Collections.unmodifiableList(new ArrayList<>(new LinkedHashSet<>(builder.formats)));
        this.fileSets = Collections.unmodifiableList(new ArrayList<>(builder.fileSets));
        this.artifact = builder.artifact;
        this.artifactInArchives = builder.artifactInArchives;
        this.reproducibleTimestamp = builder.reproducibleTimestamp;
    }

    public static Builder builder(PackageId id, OctopusVersion version, Path outputDirectory) {
        return new Builder(id, version, outputDirectory);
    }

    public PackageId id() {
        return id;
    }

    public OctopusVersion version() {
        return version;
    }

    public Path outputDirectory() {
        return outputDirectory;
    }

    /** The formats to write, in order, without duplicates; {@code [ZIP]} unless set. */
    public List<PackageFormat> formats() {
        return formats;
    }

    public List<FileSet> fileSets() {
        return fileSets;
    }

    /** The project's main artifact: packed at the archive root and the source of {@link PackageFormat#ARTIFACT}. */
    public Optional<Path> artifact() {
        return Optional.ofNullable(artifact);
    }

    /** When present, archives are reproducible: sorted entries, this time on every entry, normalised owners and modes. */
    /** Whether zip and tar.gz packages contain the artifact, or only the file sets. */
    public boolean artifactInArchives() {
        return artifactInArchives;
    }

    public Optional<Instant> reproducibleTimestamp() {
        return Optional.ofNullable(reproducibleTimestamp);
    }

    /** Collects the optional parts of a {@link PackRequest}. */
    public static final class Builder {
        private final PackageId id;
        private final OctopusVersion version;
        private final Path outputDirectory;
        private final List<PackageFormat> formats = new ArrayList<>();
        private final List<FileSet> fileSets = new ArrayList<>();
        private Path artifact;
        private boolean artifactInArchives = true;
        private Instant reproducibleTimestamp;

        private Builder(PackageId id, OctopusVersion version, Path outputDirectory) {
            this.id = Objects.requireNonNull(id, "id");
            this.version = Objects.requireNonNull(version, "version");
            this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
        }

        /** Replaces the formats; duplicates are dropped. */
        public Builder formats(List<PackageFormat> formats) {
            this.formats.clear();
            formats.forEach(this::addFormat);
            return this;
        }

        public Builder addFormat(PackageFormat format) {
            formats.add(Objects.requireNonNull(format, "format"));
            return this;
        }

        /** Replaces the file sets. */
        public Builder fileSets(List<FileSet> fileSets) {
            this.fileSets.clear();
            fileSets.forEach(this::addFileSet);
            return this;
        }

        public Builder addFileSet(FileSet fileSet) {
            fileSets.add(Objects.requireNonNull(fileSet, "fileSet"));
            return this;
        }

        public Builder artifact(Path artifact) {
            this.artifact = Objects.requireNonNull(artifact, "artifact");
            return this;
        }

        /** Default true; false keeps the artifact only as the source of {@link PackageFormat#ARTIFACT}. */
        public Builder artifactInArchives(boolean artifactInArchives) {
            this.artifactInArchives = artifactInArchives;
            return this;
        }

        public Builder reproducibleTimestamp(Instant timestamp) {
            this.reproducibleTimestamp = Objects.requireNonNull(timestamp, "timestamp");
            return this;
        }

        public PackRequest build() {
            return new PackRequest(this);
        }
    }
}

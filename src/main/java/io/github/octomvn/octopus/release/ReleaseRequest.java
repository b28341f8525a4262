package io.github.octomvn.octopus.release;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What release to create: the project (name, slug or ID), its version, channel, the package versions it selects
 * and what else the executions API takes. Immutable; build it with {@link #builder(String)}.
 */
public final class ReleaseRequest {

    private final String project;
    private final String releaseVersion;
    private final String channel;
    private final String packageVersion;
    private final List<ReleasePackage> packages;
    private final String releaseNotes;
    private final String gitRef;
    private final String gitCommit;
    private final String buildBranch;
    private final String buildCommit;
    private final boolean ignoreIfAlreadyExists;
    private final boolean ignoreChannelRules;
    private final Map<String, String> customFields;

    private ReleaseRequest(Builder b) {
        this.project = b.project;
        this.releaseVersion = b.releaseVersion;
        this.channel = b.channel;
        this.packageVersion = b.packageVersion;
        this.packages = Collections.unmodifiableList(new ArrayList<>(b.packages));
        this.releaseNotes = b.releaseNotes;
        this.gitRef = b.gitRef;
        this.gitCommit = b.gitCommit;
        this.buildBranch = b.buildBranch;
        this.buildCommit = b.buildCommit;
        this.ignoreIfAlreadyExists = b.ignoreIfAlreadyExists;
        this.ignoreChannelRules = b.ignoreChannelRules;
        this.customFields = Collections.unmodifiableMap(new LinkedHashMap<>(b.customFields));
    }

    /** A request for a release of this project (name, slug or {@code Projects-N}). */
    public static Builder builder(String project) {
        return new Builder(project);
    }

    public String project() {
        return project;
    }

    /** The release version; absent lets the server choose by the project's versioning rules. */
    public Optional<String> releaseVersion() {
        return Optional.ofNullable(releaseVersion);
    }

    /** The channel name; absent means the project's default channel. */
    public Optional<String> channel() {
        return Optional.ofNullable(channel);
    }

    /** The version for every step that {@link #packages()} does not name. */
    public Optional<String> packageVersion() {
        return Optional.ofNullable(packageVersion);
    }

    public List<ReleasePackage> packages() {
        return packages;
    }

    public Optional<String> releaseNotes() {
        return Optional.ofNullable(releaseNotes);
    }

    /** For version-controlled projects: the branch or tag whose deployment process the release takes. */
    public Optional<String> gitRef() {
        return Optional.ofNullable(gitRef);
    }

    public Optional<String> gitCommit() {
        return Optional.ofNullable(gitCommit);
    }

    /** The branch this build built: the git reference of a version-controlled project without {@link #gitRef()}. */
    public Optional<String> buildBranch() {
        return Optional.ofNullable(buildBranch);
    }

    /** The commit this build built: the git commit of a version-controlled project without {@link #gitRef()}. */
    public Optional<String> buildCommit() {
        return Optional.ofNullable(buildCommit);
    }

    /** An existing release of this version is kept even when its package versions differ. */
    public boolean ignoreIfAlreadyExists() {
        return ignoreIfAlreadyExists;
    }

    public boolean ignoreChannelRules() {
        return ignoreChannelRules;
    }

    public Map<String, String> customFields() {
        return customFields;
    }

    @Override
    public String toString() {
        return "ReleaseRequest[" + project + " " + (releaseVersion == null ? "(server's version)" : releaseVersion)
                + (channel == null ? "" : ", channel " + channel) + ", packages " + packages
                + (packageVersion == null ? "" : ", default " + packageVersion) + "]";
    }

    /** Builds a {@link ReleaseRequest}; blank values count as absent. */
    public static final class Builder {
        private final String project;
        private String releaseVersion;
        private String channel;
        private String packageVersion;
        private final List<ReleasePackage> packages = new ArrayList<>();
        private String releaseNotes;
        private String gitRef;
        private String gitCommit;
        private String buildBranch;
        private String buildCommit;
        private boolean ignoreIfAlreadyExists;
        private boolean ignoreChannelRules;
        private final Map<String, String> customFields = new LinkedHashMap<>();

        private Builder(String project) {
            this.project = blankToNull(Objects.requireNonNull(project, "project"));
            if (this.project == null) {
                throw new IllegalArgumentException("The project must not be blank");
            }
        }

        public Builder releaseVersion(String version) {
            this.releaseVersion = blankToNull(version);
            return this;
        }

        public Builder channel(String channel) {
            this.channel = blankToNull(channel);
            return this;
        }

        public Builder packageVersion(String version) {
            this.packageVersion = blankToNull(version);
            return this;
        }

        public Builder addPackage(ReleasePackage entry) {
            packages.add(Objects.requireNonNull(entry, "entry"));
            return this;
        }

        public Builder addPackages(List<ReleasePackage> entries) {
            entries.forEach(this::addPackage);
            return this;
        }

        public Builder releaseNotes(String notes) {
            this.releaseNotes = blankToNull(notes) == null ? null : notes;
            return this;
        }

        public Builder gitRef(String ref) {
            this.gitRef = blankToNull(ref);
            return this;
        }

        public Builder gitCommit(String commit) {
            this.gitCommit = blankToNull(commit);
            return this;
        }

        /** This build's branch and commit, used only when the project turns out to be version-controlled. */
        public Builder build(String branch, String commit) {
            this.buildBranch = blankToNull(branch);
            this.buildCommit = blankToNull(commit);
            return this;
        }

        public Builder ignoreIfAlreadyExists(boolean ignore) {
            this.ignoreIfAlreadyExists = ignore;
            return this;
        }

        public Builder ignoreChannelRules(boolean ignore) {
            this.ignoreChannelRules = ignore;
            return this;
        }

        public Builder customField(String name, String value) {
            customFields.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public ReleaseRequest build() {
            return new ReleaseRequest(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.trim().isEmpty() ? null : value.trim();
        }
    }
}

package io.github.octomvn.octopus.buildinfo;

import io.github.octomvn.octopus.ci.CiEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Octopus records about the build that produced a package ({@code OctopusBuildInformation} in the Octopus REST API, https://octopus.com/docs/packaging-applications/build-servers/build-information).
 */
public final class BuildInformation {
    /** The build environment reported when no CI server is detected. */
    public static final String LOCAL_BUILD_ENVIRONMENT = CiEnvironment.LOCAL_BUILD_ENVIRONMENT;

    /** The only version control type this plugin detects; Octopus links commits for it. */
    public static final String GIT = "Git";

    private final String buildEnvironment;
    private final String buildNumber;
    private final String buildUrl;
    private final String branch;
    private final String vcsType;
    private final String vcsRoot;
    private final String vcsCommitNumber;
    private final List<Commit> commits;

    private BuildInformation(Builder builder) {
        this.buildEnvironment = builder.buildEnvironment;
        this.buildNumber = builder.buildNumber;
        this.buildUrl = builder.buildUrl;
        this.branch = builder.branch;
        this.vcsType = builder.vcsType;
        this.vcsRoot = builder.vcsRoot;
        this.vcsCommitNumber = builder.vcsCommitNumber;
        this.commits = List.copyOf(builder.commits);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Name of the build server as Octopus integrations show it, e.g. {@code Jenkins}; {@code Maven} locally. */
    public String buildEnvironment() {
        return buildEnvironment;
    }

    public Optional<String> buildNumber() {
        return Optional.ofNullable(buildNumber);
    }

    public Optional<String> buildUrl() {
        return Optional.ofNullable(buildUrl);
    }

    public Optional<String> branch() {
        return Optional.ofNullable(branch);
    }

    public Optional<String> vcsType() {
        return Optional.ofNullable(vcsType);
    }

    /** Browsable repository URL without credentials, e.g. {@code https://github.com/org/repo}. */
    public Optional<String> vcsRoot() {
        return Optional.ofNullable(vcsRoot);
    }

    /** The commit that was built. */
    public Optional<String> vcsCommitNumber() {
        return Optional.ofNullable(vcsCommitNumber);
    }

    /** Commits new in this build, newest first. */
    public List<Commit> commits() {
        return commits;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BuildInformation)) {
            return false;
        }
        BuildInformation other = (BuildInformation) o;
        return buildEnvironment.equals(other.buildEnvironment)
                && Objects.equals(buildNumber, other.buildNumber)
                && Objects.equals(buildUrl, other.buildUrl)
                && Objects.equals(branch, other.branch)
                && Objects.equals(vcsType, other.vcsType)
                && Objects.equals(vcsRoot, other.vcsRoot)
                && Objects.equals(vcsCommitNumber, other.vcsCommitNumber)
                && commits.equals(other.commits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                buildEnvironment, buildNumber, buildUrl, branch, vcsType, vcsRoot, vcsCommitNumber, commits);
    }

    @Override
    public String toString() {
        return "BuildInformation{buildEnvironment=" + buildEnvironment
                + ", buildNumber=" + buildNumber
                + ", buildUrl=" + buildUrl
                + ", branch=" + branch
                + ", vcsType=" + vcsType
                + ", vcsRoot=" + vcsRoot
                + ", vcsCommitNumber=" + vcsCommitNumber
                + ", commits=" + commits.size() + "}";
    }

    /** Builds a {@link BuildInformation}; fields never set stay absent. */
    public static final class Builder {
        private String buildEnvironment = LOCAL_BUILD_ENVIRONMENT;
        private String buildNumber;
        private String buildUrl;
        private String branch;
        private String vcsType;
        private String vcsRoot;
        private String vcsCommitNumber;
        private final List<Commit> commits = new ArrayList<>();

        private Builder() {}

        public Builder buildEnvironment(String value) {
            this.buildEnvironment = required(value, "buildEnvironment");
            return this;
        }

        public Builder buildNumber(String value) {
            this.buildNumber = required(value, "buildNumber");
            return this;
        }

        public Builder buildUrl(String value) {
            this.buildUrl = required(value, "buildUrl");
            return this;
        }

        public Builder branch(String value) {
            this.branch = required(value, "branch");
            return this;
        }

        public Builder vcsType(String value) {
            this.vcsType = required(value, "vcsType");
            return this;
        }

        public Builder vcsRoot(String value) {
            this.vcsRoot = required(value, "vcsRoot");
            return this;
        }

        public Builder vcsCommitNumber(String value) {
            this.vcsCommitNumber = required(value, "vcsCommitNumber");
            return this;
        }

        public Builder commits(List<Commit> value) {
            this.commits.clear();
            this.commits.addAll(value);
            return this;
        }

        public BuildInformation build() {
            return new BuildInformation(this);
        }

        private static String required(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}

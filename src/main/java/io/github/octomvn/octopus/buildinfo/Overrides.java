package io.github.octomvn.octopus.buildinfo;

import java.util.Objects;
import java.util.Optional;

/** Build information fields the user sets explicitly; each one wins over what is detected. */
public final class Overrides {
    private static final Overrides NONE = new Builder().build();

    private final String buildEnvironment;
    private final String buildNumber;
    private final String buildUrl;
    private final String branch;
    private final String vcsType;
    private final String vcsRoot;
    private final String vcsCommitNumber;

    private Overrides(Builder builder) {
        this.buildEnvironment = builder.buildEnvironment;
        this.buildNumber = builder.buildNumber;
        this.buildUrl = builder.buildUrl;
        this.branch = builder.branch;
        this.vcsType = builder.vcsType;
        this.vcsRoot = builder.vcsRoot;
        this.vcsCommitNumber = builder.vcsCommitNumber;
    }

    public static Overrides none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<String> buildEnvironment() {
        return Optional.ofNullable(buildEnvironment);
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

    public Optional<String> vcsRoot() {
        return Optional.ofNullable(vcsRoot);
    }

    public Optional<String> vcsCommitNumber() {
        return Optional.ofNullable(vcsCommitNumber);
    }

    @Override
    public String toString() {
        return "Overrides{buildEnvironment=" + buildEnvironment + ", buildNumber=" + buildNumber + ", buildUrl="
                + buildUrl + ", branch=" + branch + ", vcsType=" + vcsType + ", vcsRoot=" + vcsRoot
                + ", vcsCommitNumber=" + vcsCommitNumber + "}";
    }

    /** Builds {@link Overrides}; a blank value (an empty Maven property) means "not overridden". */
    public static final class Builder {
        private String buildEnvironment;
        private String buildNumber;
        private String buildUrl;
        private String branch;
        private String vcsType;
        private String vcsRoot;
        private String vcsCommitNumber;

        private Builder() {}

        public Builder buildEnvironment(String value) {
            this.buildEnvironment = clean(value, "buildEnvironment");
            return this;
        }

        public Builder buildNumber(String value) {
            this.buildNumber = clean(value, "buildNumber");
            return this;
        }

        public Builder buildUrl(String value) {
            this.buildUrl = clean(value, "buildUrl");
            return this;
        }

        public Builder branch(String value) {
            this.branch = clean(value, "branch");
            return this;
        }

        public Builder vcsType(String value) {
            this.vcsType = clean(value, "vcsType");
            return this;
        }

        public Builder vcsRoot(String value) {
            this.vcsRoot = clean(value, "vcsRoot");
            return this;
        }

        public Builder vcsCommitNumber(String value) {
            this.vcsCommitNumber = clean(value, "vcsCommitNumber");
            return this;
        }

        public Overrides build() {
            return new Overrides(this);
        }

        private static String clean(String value, String name) {
            Objects.requireNonNull(value, name);
            return value.isBlank() ? null : value.trim();
        }
    }
}

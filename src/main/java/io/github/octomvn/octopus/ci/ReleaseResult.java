package io.github.octomvn.octopus.ci;

import java.util.Objects;
import java.util.Optional;

/** The release a goal created or found: project, version, outcome and its page on the server. */
public final class ReleaseResult {
    private final String project;
    private final String version;
    private final String outcome;
    private final String link;

    /**
     * @param outcome in words, e.g. {@code created} or {@code already exists, identical}
     * @param link the release on the server, or null
     */
    public ReleaseResult(String project, String version, String outcome, String link) {
        this.project = Objects.requireNonNull(project, "project");
        this.version = Objects.requireNonNull(version, "version");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.link = link;
    }

    public String project() {
        return project;
    }

    public String version() {
        return version;
    }

    public String outcome() {
        return outcome;
    }

    public Optional<String> link() {
        return Optional.ofNullable(link);
    }

    @Override
    public String toString() {
        return "ReleaseResult[" + project + " " + version + ", " + outcome + "]";
    }
}

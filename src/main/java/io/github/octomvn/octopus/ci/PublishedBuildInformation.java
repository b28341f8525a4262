package io.github.octomvn.octopus.ci;

import java.util.Objects;
import java.util.Optional;

/** One build-information record a goal published: for which package version, how many commits, the outcome. */
public final class PublishedBuildInformation {
    private final String packageId;
    private final String version;
    private final int commits;
    private final String outcome;
    private final String link;

    /**
     * @param outcome in words, e.g. {@code created} or {@code already there}
     * @param link the record on the server, or null
     */
    public PublishedBuildInformation(String packageId, String version, int commits, String outcome, String link) {
        this.packageId = Objects.requireNonNull(packageId, "packageId");
        this.version = Objects.requireNonNull(version, "version");
        this.commits = commits;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.link = link;
    }

    public String packageId() {
        return packageId;
    }

    public String version() {
        return version;
    }

    /** The commits the record lists. */
    public int commits() {
        return commits;
    }

    public String outcome() {
        return outcome;
    }

    public Optional<String> link() {
        return Optional.ofNullable(link);
    }

    @Override
    public String toString() {
        return "PublishedBuildInformation[" + packageId + " " + version + ", " + commits + " commits, " + outcome + "]";
    }
}

package io.github.octomvn.octopus.buildinfo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The commits a build adds, from an anchor (exclusive) to HEAD (inclusive), newest first, and how they were found. */
public final class CommitRange {

    /** Where the anchor commit came from, in order of preference. */
    public enum AnchorSource {
        /** The commit of the latest build information Octopus holds for the package. */
        SERVER,
        /** The CI server's previous-build commit variable. */
        CI,
        /** The most recent tag reachable from HEAD, not counting tags on HEAD itself. */
        TAG,
        /** No anchor: the whole history, up to the cap. */
        NONE
    }

    private final List<Commit> commits;
    private final AnchorSource anchorSource;
    private final String anchorCommit;
    private final String anchorTag;
    private final boolean capped;
    private final boolean historyIncomplete;
    private final List<String> warnings;

    CommitRange(
            List<Commit> commits,
            AnchorSource anchorSource,
            String anchorCommit,
            String anchorTag,
            boolean capped,
            boolean historyIncomplete,
            List<String> warnings) {
        this.commits = List.copyOf(commits);
        this.anchorSource = Objects.requireNonNull(anchorSource, "anchorSource");
        this.anchorCommit = anchorCommit;
        this.anchorTag = anchorTag;
        this.capped = capped;
        this.historyIncomplete = historyIncomplete;
        this.warnings = List.copyOf(warnings);
    }

    static CommitRange empty(List<String> warnings) {
        return new CommitRange(List.of(), AnchorSource.NONE, null, null, false, false, warnings);
    }

    /** Newest first, at most the cap given to the collector. */
    public List<Commit> commits() {
        return commits;
    }

    public AnchorSource anchorSource() {
        return anchorSource;
    }

    /** Full id of the anchor commit; empty when the whole history was walked. */
    public Optional<String> anchorCommit() {
        return Optional.ofNullable(anchorCommit);
    }

    /** The tag name when the anchor is a tag. */
    public Optional<String> anchorTag() {
        return Optional.ofNullable(anchorTag);
    }

    /** True when more commits were in range than the cap allowed; the oldest were left out. */
    public boolean capped() {
        return capped;
    }

    /** True when the clone lacked history the range needed (shallow or partial clone). */
    public boolean historyIncomplete() {
        return historyIncomplete;
    }

    /** Things the user should know, one line each, to be logged once. */
    public List<String> warnings() {
        return warnings;
    }

    /** A one-line summary for the build log, e.g. {@code 3 commits since tag v1.2.0 (0123abc)}. */
    public String describe() {
        String count = commits.size() + (commits.size() == 1 ? " commit" : " commits");
        return count + " " + anchorPhrase(anchorSource, anchorCommit, anchorTag) + (capped ? " (capped)" : "");
    }

    static String anchorPhrase(AnchorSource source, String commit, String tag) {
        switch (source) {
            case SERVER:
                return "since the previous version's build information on the Octopus server (" + abbreviate(commit)
                        + ")";
            case CI:
                return "since the CI server's previous commit (" + abbreviate(commit) + ")";
            case TAG:
                return "since tag " + tag + " (" + abbreviate(commit) + ")";
            default:
                return "from the whole history";
        }
    }

    static String abbreviate(String commit) {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }

    @Override
    public String toString() {
        return "CommitRange{" + describe() + "}";
    }
}

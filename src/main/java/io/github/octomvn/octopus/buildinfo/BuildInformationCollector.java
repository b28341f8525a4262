package io.github.octomvn.octopus.buildinfo;

import io.github.octomvn.octopus.ci.CiEnvironment;
import io.github.octomvn.octopus.ci.VcsUrls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Collects the build information of one build from the CI environment, the git working copy and user overrides.
 *
 * <p>Precedence per field: override, then CI server, then git, then (for the repository URL) the Maven
 * {@code <scm><url>}. Missing or unreadable git never fails the build: it yields a warning and no commits.
 */
public final class BuildInformationCollector {
    private final GitHistory history;

    /** A collector that reads git every time it is asked. */
    public BuildInformationCollector() {
        this(new GitHistory());
    }

    /** A collector that reads git once per repository and question of {@code history} (one build's). */
    public BuildInformationCollector(GitHistory history) {
        this.history = Objects.requireNonNull(history, "history");
    }

    /**
     * Collects build information for the project in {@code projectDir}.
     *
     * @param projectDir a directory inside the working copy; the repository is searched upwards from it
     * @param environment the process environment (only whitelisted CI variables are read)
     * @param overrides fields the user set explicitly
     * @param serverAnchorCommit the {@code VcsCommitNumber} of the latest build information Octopus holds for this
     *     package from an earlier version, if any
     * @param maxCommits the most commits to list, at least 1
     * @param scmUrl the project's {@code <scm><url>}, the last resort for the repository URL
     */
    public CollectedBuildInformation collect(
            Path projectDir,
            Map<String, String> environment,
            Overrides overrides,
            Optional<String> serverAnchorCommit,
            int maxCommits,
            Optional<String> scmUrl) {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(serverAnchorCommit, "serverAnchorCommit");
        Objects.requireNonNull(scmUrl, "scmUrl");
        if (maxCommits < 1) {
            throw new IllegalArgumentException("maxCommits must be at least 1, was " + maxCommits);
        }

        CiEnvironment ci = CiEnvironment.detect(environment);
        List<String> warnings = new ArrayList<>();
        GitFacts git = history.readOnce(projectDir, serverAnchorCommit, ci.previousCommit(), maxCommits, () -> {
            List<String> found = new ArrayList<>();
            GitFacts read = readGit(projectDir, ci, serverAnchorCommit, maxCommits, found);
            return read.withWarnings(found);
        });
        warnings.addAll(git.warnings);

        BuildInformation.Builder info = BuildInformation.builder()
                .buildEnvironment(overrides.buildEnvironment().orElse(ci.buildEnvironment()));
        overrides.buildNumber().or(ci::buildNumber).ifPresent(info::buildNumber);
        overrides.buildUrl().map(VcsUrls::withoutCredentials).or(ci::buildUrl).ifPresent(info::buildUrl);
        overrides.branch().or(ci::branch).or(() -> git.branch).ifPresent(info::branch);
        overrides
                .vcsRoot()
                .map(url -> VcsUrls.browsable(url).orElseGet(() -> VcsUrls.withoutCredentials(url)))
                .or(ci::vcsRoot)
                .or(() -> git.vcsRoot)
                .or(() -> scmUrl.flatMap(VcsUrls::browsable))
                .ifPresent(info::vcsRoot);
        Optional<String> commit = overrides.vcsCommitNumber().or(ci::commit).or(() -> git.head);
        commit.ifPresent(info::vcsCommitNumber);
        overrides
                .vcsType()
                .or(() -> git.found || ci.commit().isPresent() ? Optional.of(BuildInformation.GIT) : Optional.empty())
                .ifPresent(info::vcsType);
        info.commits(git.range.map(CommitRange::commits).orElse(List.of()));

        List<String> safeWarnings = new ArrayList<>();
        for (String warning : warnings) {
            safeWarnings.add(VcsUrls.redactCredentials(warning));
        }
        return new CollectedBuildInformation(info.build(), ci, git.range.orElse(null), safeWarnings);
    }

    private static GitFacts readGit(
            Path projectDir,
            CiEnvironment ci,
            Optional<String> serverAnchorCommit,
            int maxCommits,
            List<String> warnings) {
        Optional<GitRepository> opened;
        try {
            opened = GitRepository.find(projectDir);
        } catch (IOException | RuntimeException e) {
            warnings.add("Cannot read the git repository for " + projectDir + " (" + e.getMessage()
                    + "): build information will list no commits.");
            return GitFacts.NONE;
        }
        if (opened.isEmpty()) {
            warnings.add("No git repository found in " + projectDir
                    + " or any parent directory: build information will list no commits.");
            return GitFacts.NONE;
        }
        try (GitRepository git = opened.get()) {
            CommitRange range;
            try {
                range = new CommitCollector(git).collect(serverAnchorCommit, ci.previousCommit(), maxCommits);
            } catch (IOException | RuntimeException e) {
                warnings.add("Cannot read the git history in " + git.gitDir() + " (" + e.getMessage()
                        + "): build information will list no commits.");
                range = null;
            }
            if (range != null) {
                warnings.addAll(range.warnings());
            }
            return new GitFacts(true, git.headCommit(), git.currentBranch(), git.vcsRoot(), Optional.ofNullable(range));
        }
    }

    /** What the working copy told us, detached from the (closed) repository. */
    private static final class GitFacts {
        static final GitFacts NONE =
                new GitFacts(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        final boolean found;
        final Optional<String> head;
        final Optional<String> branch;
        final Optional<String> vcsRoot;
        final Optional<CommitRange> range;
        final List<String> warnings;

        GitFacts(
                boolean found,
                Optional<String> head,
                Optional<String> branch,
                Optional<String> vcsRoot,
                Optional<CommitRange> range) {
            this(found, head, branch, vcsRoot, range, List.of());
        }

        private GitFacts(
                boolean found,
                Optional<String> head,
                Optional<String> branch,
                Optional<String> vcsRoot,
                Optional<CommitRange> range,
                List<String> warnings) {
            this.found = found;
            this.head = head;
            this.branch = branch;
            this.vcsRoot = vcsRoot;
            this.range = range;
            this.warnings = List.copyOf(warnings);
        }

        GitFacts withWarnings(List<String> warnings) {
            return new GitFacts(found, head, branch, vcsRoot, range, warnings);
        }
    }
}

package io.github.octomvn.octopus.buildinfo;

import io.github.octomvn.octopus.buildinfo.CommitRange.AnchorSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Lists the commits new in a build, as {@code git log anchor..HEAD} would: every parent followed, merges included,
 * newest first, capped.
 *
 * <p>The anchor is, in order of preference: the commit of the latest build information Octopus holds for the
 * package, the CI server's previous-build commit, the most recent tag reachable from HEAD (a tag on HEAD itself
 * does not count, so a release build tagged at HEAD still lists what changed since the previous tag), else none.
 * A candidate is used only if it exists locally and is a proper ancestor of HEAD; one equal to HEAD is skipped
 * silently, as "nothing changed" would wipe the commit list of a re-run build.
 */
public final class CommitCollector {
    // Anchors are commit ids only: never let a CI variable or server value be read as a revision expression.
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{4,40}");
    private static final Pattern SHOWABLE = Pattern.compile("[\\w.~^/-]{1,40}");

    private static final String INCOMPLETE_WARNING = "Git history is incomplete (shallow or partial clone): listed"
            + " only the commits present locally. Fetch the full history (git fetch --unshallow, or fetch-depth: 0"
            + " on GitHub Actions) for a complete list.";

    private final GitRepository git;

    public CommitCollector(GitRepository git) {
        this.git = Objects.requireNonNull(git, "git");
    }

    /**
     * Collects the commits after the best available anchor.
     *
     * @param serverAnchor the {@code VcsCommitNumber} of the latest build information Octopus holds for the package
     *     (of an earlier version), if any
     * @param ciPreviousCommit the CI server's previous-build commit, if it exposes one
     * @param maxCommits the most commits to list, at least 1
     * @throws IOException when the repository cannot be read
     */
    public CommitRange collect(Optional<String> serverAnchor, Optional<String> ciPreviousCommit, int maxCommits)
            throws IOException {
        if (maxCommits < 1) {
            throw new IllegalArgumentException("maxCommits must be at least 1, was " + maxCommits);
        }
        Optional<ObjectId> headId = git.headId();
        if (headId.isEmpty()) {
            return CommitRange.empty(
                    List.of("The git repository has no commits yet: build information will list" + " no commits."));
        }
        Repository repository = git.repository();
        try (ObjectReader reader = repository.newObjectReader()) {
            Set<ObjectId> shallow = reader.getShallowCommits();
            RevCommit head;
            try (RevWalk walk = new RevWalk(reader)) {
                head = walk.parseCommit(headId.get());
            }

            List<String> rejections = new ArrayList<>();
            AnchorSource source = AnchorSource.NONE;
            ObjectId anchor = null;
            String anchorTag = null;
            Candidate[] candidates = {
                new Candidate(
                        AnchorSource.SERVER,
                        serverAnchor,
                        "the previous version's build information on the Octopus server"),
                new Candidate(AnchorSource.CI, ciPreviousCommit, "the CI server's previous build")
            };
            for (Candidate candidate : candidates) {
                if (candidate.commit.isEmpty()) {
                    continue;
                }
                Optional<ObjectId> accepted = accept(repository, reader, head, candidate, rejections);
                if (accepted.isPresent()) {
                    source = candidate.source;
                    anchor = accepted.get();
                    break;
                }
            }
            if (anchor == null) {
                Optional<Map.Entry<ObjectId, String>> tag = nearestTag(repository, reader, head);
                if (tag.isPresent()) {
                    source = AnchorSource.TAG;
                    anchor = tag.get().getKey();
                    anchorTag = tag.get().getValue();
                }
            }
            return walk(reader, head, source, anchor, anchorTag, maxCommits, shallow, rejections);
        }
    }

    private static CommitRange walk(
            ObjectReader reader,
            RevCommit headCommit,
            AnchorSource source,
            ObjectId anchor,
            String anchorTag,
            int maxCommits,
            Set<ObjectId> shallow,
            List<String> rejections)
            throws IOException {
        List<Commit> commits = new ArrayList<>();
        boolean capped = false;
        boolean incomplete = false;
        try (RevWalk walk = new RevWalk(reader)) {
            walk.sort(RevSort.COMMIT_TIME_DESC);
            walk.markStart(walk.parseCommit(headCommit));
            if (anchor != null) {
                walk.markUninteresting(walk.parseCommit(anchor));
            }
            try {
                for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
                    if (commits.size() == maxCommits) {
                        capped = true;
                        break;
                    }
                    commits.add(new Commit(commit.getName(), commit.getFullMessage()));
                    if (shallow.contains(commit)) {
                        incomplete = true;
                    }
                }
            } catch (MissingObjectException e) {
                // A parent that was never fetched (partial clone, broken graft): keep what was listed.
                incomplete = true;
            }
        }

        String phrase = CommitRange.anchorPhrase(source, anchor == null ? null : anchor.getName(), anchorTag);
        List<String> warnings = new ArrayList<>();
        if (!shallow.isEmpty() && !rejections.isEmpty()) {
            // In a shallow clone an unusable anchor is the shallowness itself: say it once.
            incomplete = true;
        } else {
            for (String rejection : rejections) {
                warnings.add(rejection + ": listing commits " + phrase + " instead.");
            }
        }
        if (incomplete) {
            warnings.add(INCOMPLETE_WARNING);
        }
        if (capped) {
            warnings.add(
                    "Listed only the newest " + maxCommits + " commits " + phrase + "; raise maxCommits to list more.");
        }
        return new CommitRange(
                commits, source, anchor == null ? null : anchor.getName(), anchorTag, capped, incomplete, warnings);
    }

    private static Optional<ObjectId> accept(
            Repository repository, ObjectReader reader, RevCommit head, Candidate candidate, List<String> rejections)
            throws IOException {
        String text = candidate.commit.get().trim();
        String label = "Commit " + abbreviateForMessage(text) + " of " + candidate.description;
        if (!COMMIT_ID.matcher(text).matches()) {
            rejections.add(label + " is not a commit id");
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(reader)) {
            ObjectId id = repository.resolve(text);
            if (id == null) {
                rejections.add(label + " is not in the local git history");
                return Optional.empty();
            }
            RevCommit commit = walk.parseCommit(id);
            // the anchor may be HEAD itself (a new version built from the same commit): then nothing is new
            if (!walk.isMergedInto(commit, walk.parseCommit(head))) {
                rejections.add(label + " is not an ancestor of HEAD (was history rewritten?)");
                return Optional.empty();
            }
            return Optional.of(commit.copy());
        } catch (AmbiguousObjectException e) {
            rejections.add(label + " is ambiguous in the local git history");
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            rejections.add(label + " is not in the local git history");
        }
        return Optional.empty();
    }

    private static Optional<Map.Entry<ObjectId, String>> nearestTag(
            Repository repository, ObjectReader reader, RevCommit head) throws IOException {
        Map<ObjectId, TreeSet<String>> tagsByCommit = new HashMap<>();
        try (RevWalk peeler = new RevWalk(reader)) {
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                if (ref.getObjectId() == null) {
                    continue;
                }
                RevObject target;
                try {
                    target = peeler.peel(peeler.parseAny(ref.getObjectId()));
                } catch (MissingObjectException e) {
                    // A tag whose target was not fetched (shallow clone) cannot be an anchor.
                    continue;
                }
                if (target instanceof RevCommit) {
                    tagsByCommit
                            .computeIfAbsent(target.copy(), k -> new TreeSet<>())
                            .add(ref.getName().substring(Constants.R_TAGS.length()));
                }
            }
        }
        tagsByCommit.remove(head);
        if (tagsByCommit.isEmpty()) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(reader)) {
            walk.sort(RevSort.COMMIT_TIME_DESC);
            walk.markStart(walk.parseCommit(head));
            try {
                for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
                    TreeSet<String> names = tagsByCommit.get(commit);
                    if (names != null) {
                        return Optional.of(Map.entry(commit.copy(), names.first()));
                    }
                }
            } catch (MissingObjectException e) {
                // History that was never fetched holds no tag we could anchor on.
            }
        }
        return Optional.empty();
    }

    // Echo only what looks like a revision; anything else might be a misplaced secret.
    private static String abbreviateForMessage(String text) {
        if (!SHOWABLE.matcher(text).matches()) {
            return "(value not shown)";
        }
        return text.length() > 12 ? text.substring(0, 12) : text;
    }

    private static final class Candidate {
        final AnchorSource source;
        final Optional<String> commit;
        final String description;

        Candidate(AnchorSource source, Optional<String> commit, String description) {
            this.source = source;
            this.commit = Objects.requireNonNull(commit, "commit");
            this.description = description;
        }
    }
}

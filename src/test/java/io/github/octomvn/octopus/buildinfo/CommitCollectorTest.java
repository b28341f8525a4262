package io.github.octomvn.octopus.buildinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.buildinfo.CommitRange.AnchorSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitCollectorTest {
    private static final Optional<String> NONE = Optional.empty();

    @TempDir
    Path temp;

    private TestRepo repo;

    @BeforeEach
    void createRepository() throws IOException {
        repo = TestRepo.init(temp.resolve("project"));
    }

    @AfterEach
    void closeRepository() {
        repo.close();
    }

    private CommitRange collect(Path dir, Optional<String> server, Optional<String> ci, int max) throws IOException {
        try (GitRepository git = GitRepository.find(dir).orElseThrow()) {
            return new CommitCollector(git).collect(server, ci, max);
        }
    }

    private CommitRange collect(Optional<String> server, Optional<String> ci) throws IOException {
        return collect(repo.workTree(), server, ci, 100);
    }

    private static List<String> ids(CommitRange range) {
        return range.commits().stream().map(Commit::id).collect(Collectors.toList());
    }

    @Test
    void listsWholeLinearHistoryNewestFirstWithoutAnyAnchor() throws IOException {
        String c1 = repo.commit("first");
        String c2 = repo.commit("second");
        String c3 = repo.commit("third");

        CommitRange range = collect(NONE, NONE);

        assertThat(ids(range)).containsExactly(c3, c2, c1);
        assertThat(range.anchorSource()).isEqualTo(AnchorSource.NONE);
        assertThat(range.anchorCommit()).isEmpty();
        assertThat(range.capped()).isFalse();
        assertThat(range.historyIncomplete()).isFalse();
        assertThat(range.warnings()).isEmpty();
        assertThat(range.describe()).isEqualTo("3 commits from the whole history");
    }

    @Test
    void keepsFullCommitMessagesVerbatim() throws IOException {
        repo.commit("PROJ-7 Fix login\n\nThe session cookie was not renewed.\n\nCo-authored-by: Bo <bo@example.com>\n");

        CommitRange range = collect(NONE, NONE);

        assertThat(range.commits().get(0).comment())
                .isEqualTo("PROJ-7 Fix login\n\nThe session cookie was not renewed.\n\n"
                        + "Co-authored-by: Bo <bo@example.com>\n");
    }

    @Test
    void anchorsOnThePreviousTagSoOnlyNewerCommitsAreListed() throws IOException {
        repo.commit("one");
        String c2 = repo.commit("two");
        repo.lightweightTag("v1.0.0", c2);
        String c3 = repo.commit("three");
        String c4 = repo.commit("four");

        CommitRange range = collect(NONE, NONE);

        assertThat(ids(range)).containsExactly(c4, c3);
        assertThat(range.anchorSource()).isEqualTo(AnchorSource.TAG);
        assertThat(range.anchorTag()).contains("v1.0.0");
        assertThat(range.anchorCommit()).contains(c2);
        assertThat(range.describe()).isEqualTo("2 commits since tag v1.0.0 (" + c2.substring(0, 7) + ")");
    }

    @Test
    void ignoresTagOnHeadSoAReleaseBuildListsCommitsSinceThePreviousTag() throws IOException {
        repo.commit("one");
        String c2 = repo.commit("two");
        repo.annotatedTag("v1.0.0", c2);
        String c3 = repo.commit("three");
        String c4 = repo.commit("four");
        repo.annotatedTag("v1.1.0", c4);

        CommitRange range = collect(NONE, NONE);

        assertThat(ids(range)).containsExactly(c4, c3);
        assertThat(range.anchorTag()).contains("v1.0.0");
    }

    @Test
    void usesTheMostRecentReachableTagAndIgnoresTagsOnOtherBranches() throws IOException {
        String c1 = repo.commit("one");
        repo.lightweightTag("v1.0.0", c1);
        String c2 = repo.commit("two");
        repo.lightweightTag("v1.1.0", c2);
        String side = repo.commitOn("hotfix", "unmerged hotfix");
        repo.lightweightTag("v1.1.1", side);
        String c3 = repo.commit("three");

        CommitRange range = collect(NONE, NONE);

        assertThat(ids(range)).containsExactly(c3);
        assertThat(range.anchorTag()).contains("v1.1.0");
    }

    @Test
    void followsAllParentsOfMergesLikeGitLog() throws IOException {
        String base = repo.commit("base");
        repo.lightweightTag("v1.0.0", base);
        String feature1 = repo.commitOn("feature", "feature one");
        String feature2 = repo.commitOn("feature", "feature two");
        String mainWork = repo.commit("main work");
        String merge = repo.merge("Merge branch 'feature'", feature2);

        CommitRange range = collect(NONE, NONE);

        // git log v1.0.0..HEAD: commit-date order, the merge and both sides, not the tagged base.
        assertThat(ids(range)).containsExactly(merge, mainWork, feature2, feature1);
    }

    @Test
    void listsExactlyTheCommitsAfterTheServerAnchor() throws IOException {
        repo.commit("one");
        String c2 = repo.commit("two");
        repo.lightweightTag("v0.9", c2);
        String c3 = repo.commit("three");
        String c4 = repo.commit("four");
        String c5 = repo.commit("five");

        CommitRange range = collect(Optional.of(c3), Optional.of(c2));

        assertThat(ids(range)).containsExactly(c5, c4);
        assertThat(range.anchorSource()).isEqualTo(AnchorSource.SERVER);
        assertThat(range.anchorCommit()).contains(c3);
        assertThat(range.warnings()).isEmpty();
    }

    @Test
    void usesTheCiPreviousCommitWhenTheServerHasNone() throws IOException {
        repo.commit("one");
        String c2 = repo.commit("two");
        String c3 = repo.commit("three");

        CommitRange range = collect(NONE, Optional.of(c2));

        assertThat(ids(range)).containsExactly(c3);
        assertThat(range.anchorSource()).isEqualTo(AnchorSource.CI);
    }

    @Test
    void acceptsAbbreviatedAnchorsAsTravisCommitRangeGivesThem() throws IOException {
        repo.commit("one");
        String c2 = repo.commit("two");
        String c3 = repo.commit("three");

        CommitRange range = collect(NONE, Optional.of(c2.substring(0, 12)));

        assertThat(ids(range)).containsExactly(c3);
        assertThat(range.anchorCommit()).contains(c2);
    }

    @Test
    void fallsBackWithAWarningWhenTheServerAnchorIsNotKnownLocally() throws IOException {
        String c1 = repo.commit("one");
        repo.lightweightTag("v1.0.0", c1);
        String c2 = repo.commit("two");
        String unknown = "feedfacefeedfacefeedfacefeedfacefeedface";

        CommitRange range = collect(Optional.of(unknown), NONE);

        assertThat(ids(range)).containsExactly(c2);
        assertThat(range.anchorSource()).isEqualTo(AnchorSource.TAG);
        assertThat(range.warnings())
                .containsExactly(
                        "Commit feedfacefeed of the previous version's build information on the Octopus server is not"
                                + " in the local git history: listing commits since tag v1.0.0 (" + c1.substring(0, 7)
                                + ") instead.");
    }

    @Test
    void fallsBackToTheCiCommitWhenTheServerAnchorIsNotAnAncestor() throws IOException {
        repo.commit("one");
        String c2 = repo.commit("two");
        String side = repo.commitOn("rewritten", "old history");
        String c3 = repo.commit("three");

        CommitRange range = collect(Optional.of(side), Optional.of(c2));

        assertThat(ids(range)).containsExactly(c3);
        assertThat(range.anchorSource()).isEqualTo(AnchorSource.CI);
        assertThat(range.warnings()).hasSize(1);
        assertThat(range.warnings().get(0))
                .startsWith("Commit " + side.substring(0, 12)
                        + " of the previous version's build information on the Octopus"
                        + " server is not an ancestor of HEAD")
                .endsWith(
                        "listing commits since the CI server's previous commit (" + c2.substring(0, 7) + ") instead.");
    }

    @Test
    void anAnchorEqualToHeadMeansNothingNewForANextVersionOfTheSameCommit() throws IOException {
        // The server anchor is the previous version's commit (a re-run of this version is anchored on the version
        // before it, by the client), so HEAD as anchor really means: no commit since the previous version.
        String c1 = repo.commit("one");
        repo.lightweightTag("v1", c1);
        String c2 = repo.commit("two");

        CommitRange range = collect(Optional.of(c2), Optional.of(c1));

        assertThat(ids(range)).isEmpty();
        assertThat(range.anchorSource()).isEqualTo(AnchorSource.SERVER);
        assertThat(range.warnings()).isEmpty();
    }

    @Test
    void neverEvaluatesAnAnchorAsARevisionExpression() throws IOException {
        repo.commit("one");
        repo.commit("two");
        String c3 = repo.commit("three");

        CommitRange range = collect(Optional.of("HEAD~1"), NONE);

        assertThat(range.anchorSource()).isEqualTo(AnchorSource.NONE);
        assertThat(ids(range)).hasSize(3).startsWith(c3);
        assertThat(range.warnings())
                .containsExactly(
                        "Commit HEAD~1 of the previous version's build information on the Octopus server is not a"
                                + " commit id: listing commits from the whole history instead.");
    }

    @Test
    void doesNotEchoAnAnchorThatLooksLikeNoRevision() throws IOException {
        repo.commit("one");

        CommitRange range = collect(NONE, Optional.of("https://ci:s3cr3t@example.org"));

        assertThat(range.warnings())
                .containsExactly("Commit (value not shown) of the CI server's previous build is not a commit id:"
                        + " listing commits from the whole history instead.");
    }

    @Test
    void capsTheListAtMaxCommitsKeepingTheNewest() throws IOException {
        for (int i = 1; i <= 5; i++) {
            repo.commit("commit " + i);
        }

        CommitRange range = collect(repo.workTree(), NONE, NONE, 3);

        assertThat(range.commits()).extracting(Commit::comment).containsExactly("commit 5", "commit 4", "commit 3");
        assertThat(range.capped()).isTrue();
        assertThat(range.warnings())
                .containsExactly(
                        "Listed only the newest 3 commits from the whole history; raise maxCommits to list" + " more.");
        assertThat(range.describe()).isEqualTo("3 commits from the whole history (capped)");
    }

    @Test
    void isNotCappedWhenTheRangeHoldsExactlyMaxCommits() throws IOException {
        repo.commit("one");
        repo.commit("two");

        CommitRange range = collect(repo.workTree(), NONE, NONE, 2);

        assertThat(range.commits()).hasSize(2);
        assertThat(range.capped()).isFalse();
    }

    @Test
    void rejectsNonPositiveMaxCommits() throws IOException {
        repo.commit("one");

        assertThatThrownBy(() -> collect(repo.workTree(), NONE, NONE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxCommits must be at least 1, was 0");
    }

    @Test
    void worksOnADetachedHead() throws IOException {
        repo.commit("one");
        String c2 = repo.commit("two");
        repo.lightweightTag("v1", c2);
        String c3 = repo.commit("three");
        repo.commit("four");
        repo.detachHead(c3);

        CommitRange range = collect(NONE, NONE);

        assertThat(ids(range)).containsExactly(c3);
    }

    @Test
    void reportsAnEmptyRepositoryWithoutFailing() throws IOException {
        CommitRange range = collect(NONE, NONE);

        assertThat(range.commits()).isEmpty();
        assertThat(range.warnings())
                .containsExactly("The git repository has no commits yet: build information will list no commits.");
    }

    @Test
    void usesWhatADepthOneCloneHasAndWarnsOnce() throws Exception {
        repo.commit("one");
        repo.commit("two");
        String c3 = repo.commit("three");
        Path clone = shallowClone(1);

        CommitRange range = collect(clone, NONE, NONE, 100);

        assertThat(ids(range)).containsExactly(c3);
        assertThat(range.historyIncomplete()).isTrue();
        assertThat(range.warnings()).hasSize(1);
        assertThat(range.warnings().get(0)).startsWith("Git history is incomplete (shallow or partial clone)");
    }

    @Test
    void warnsOnceWhenTheServerAnchorLiesBeyondTheShallowBoundary() throws Exception {
        String c1 = repo.commit("one");
        repo.commit("two");
        String c3 = repo.commit("three");
        String c4 = repo.commit("four");
        Path clone = shallowClone(2);

        CommitRange range = collect(clone, Optional.of(c1), Optional.of(c1), 100);

        assertThat(ids(range)).containsExactly(c4, c3);
        assertThat(range.historyIncomplete()).isTrue();
        assertThat(range.warnings()).hasSize(1);
        assertThat(range.warnings().get(0)).startsWith("Git history is incomplete");
    }

    @Test
    void isCompleteInAShallowCloneWhenTheAnchorIsWithinReach() throws Exception {
        repo.commit("one");
        repo.commit("two");
        String c3 = repo.commit("three");
        String c4 = repo.commit("four");
        Path clone = shallowClone(2);

        CommitRange range = collect(clone, Optional.of(c3), NONE, 100);

        assertThat(ids(range)).containsExactly(c4);
        assertThat(range.historyIncomplete()).isFalse();
        assertThat(range.warnings()).isEmpty();
    }

    private Path shallowClone(int depth) throws Exception {
        Path clone = temp.resolve("clone-" + depth);
        try (Git ignored = Git.cloneRepository()
                .setURI(repo.workTree().toUri().toString())
                .setDirectory(clone.toFile())
                .setDepth(depth)
                .setNoCheckout(true)
                .call()) {
            assertThat(clone.resolve(".git/shallow")).exists();
        }
        return clone;
    }
}

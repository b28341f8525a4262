package io.github.octomvn.octopus.buildinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositoryTest {
    @TempDir
    Path temp;

    @Test
    void findsTheRepositoryFromAModuleDirectoryBelowTheWorkTree() throws IOException {
        Path root = temp.resolve("project");
        String head;
        try (TestRepo repo = TestRepo.init(root)) {
            head = repo.commit("one");
        }
        Path module = Files.createDirectories(root.resolve("modules/web"));

        try (GitRepository git = GitRepository.find(module).orElseThrow()) {
            assertThat(git.headCommit()).contains(head);
            assertThat(git.currentBranch()).contains("main");
            assertThat(git.isShallow()).isFalse();
        }
    }

    @Test
    void findsNothingOutsideARepository() throws IOException {
        Path plain = Files.createDirectories(temp.resolve("plain/dir"));

        assertThat(GitRepository.find(plain)).isEmpty();
    }

    @Test
    void hasNoBranchOnADetachedHead() throws IOException {
        Path root = temp.resolve("project");
        String first;
        try (TestRepo repo = TestRepo.init(root)) {
            first = repo.commit("one");
            repo.commit("two");
            repo.detachHead(first);
        }

        try (GitRepository git = GitRepository.find(root).orElseThrow()) {
            assertThat(git.headCommit()).contains(first);
            assertThat(git.currentBranch()).isEmpty();
        }
    }

    @Test
    void hasNoHeadCommitInAnEmptyRepository() throws IOException {
        Path root = temp.resolve("project");
        TestRepo.init(root).close();

        try (GitRepository git = GitRepository.find(root).orElseThrow()) {
            assertThat(git.headCommit()).isEmpty();
            assertThat(git.currentBranch()).contains("main");
        }
    }

    @Test
    void turnsTheOriginRemoteIntoABrowsableUrlWithoutItsToken() throws IOException {
        Path root = temp.resolve("project");
        try (TestRepo repo = TestRepo.init(root)) {
            repo.commit("one");
            repo.addRemote("upstream", "git@github.com:upstream/repo.git");
            repo.addRemote("origin", "https://ann:ghp_SECRET@github.com/org/repo.git");
        }

        try (GitRepository git = GitRepository.find(root).orElseThrow()) {
            assertThat(git.vcsRoot()).contains("https://github.com/org/repo");
        }
    }

    @Test
    void usesTheOnlyRemoteWhenThereIsNoOrigin() throws IOException {
        Path root = temp.resolve("project");
        try (TestRepo repo = TestRepo.init(root)) {
            repo.commit("one");
            repo.addRemote("github", "ssh://git@github.com/org/repo.git");
        }

        try (GitRepository git = GitRepository.find(root).orElseThrow()) {
            assertThat(git.vcsRoot()).contains("https://github.com/org/repo");
        }
    }

    @Test
    void hasNoVcsRootWithoutRemotes() throws IOException {
        Path root = temp.resolve("project");
        try (TestRepo repo = TestRepo.init(root)) {
            repo.commit("one");
        }

        try (GitRepository git = GitRepository.find(root).orElseThrow()) {
            assertThat(git.vcsRoot()).isEmpty();
        }
    }

    /**
     * JGit 6 cannot open {@code git worktree add} checkouts by itself. The worktree is laid out by hand exactly as
     * git does: {@code <wt>/.git} names {@code <main>/.git/worktrees/<name>}, which holds HEAD and commondir.
     */
    @Test
    void readsHeadOfALinkedWorktreeNotOfTheMainCheckout() throws IOException {
        Path main = temp.resolve("main");
        String mainHead;
        String featureHead;
        try (TestRepo repo = TestRepo.init(main)) {
            repo.commit("one");
            featureHead = repo.commitOn("feature", "feature work");
            mainHead = repo.commit("main work");
            repo.addRemote("origin", "git@github.com:org/repo.git");
        }
        Path worktree = Files.createDirectories(temp.resolve("wt-feature"));
        Path admin = Files.createDirectories(main.resolve(".git/worktrees/wt-feature"));
        write(worktree.resolve(".git"), "gitdir: " + admin + "\n");
        write(admin.resolve("HEAD"), "ref: refs/heads/feature\n");
        write(admin.resolve("commondir"), "../..\n");
        write(admin.resolve("gitdir"), worktree.resolve(".git") + "\n");

        try (GitRepository git = GitRepository.find(worktree).orElseThrow()) {
            assertThat(git.headCommit()).contains(featureHead).isNotEqualTo(Optional.of(mainHead));
            assertThat(git.currentBranch()).contains("feature");
            assertThat(git.vcsRoot()).contains("https://github.com/org/repo");
            CommitRange range = new CommitCollector(git).collect(Optional.empty(), Optional.empty(), 10);
            assertThat(range.commits()).extracting(Commit::comment).containsExactly("feature work", "one");
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

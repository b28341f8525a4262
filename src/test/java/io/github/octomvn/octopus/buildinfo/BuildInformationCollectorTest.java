package io.github.octomvn.octopus.buildinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.client.OverwriteMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildInformationCollectorTest {
    private static final String SECRET = "tok-7f3a9c";

    @TempDir
    Path temp;

    private final BuildInformationCollector collector = new BuildInformationCollector();

    private CollectedBuildInformation collect(Path dir, Map<String, String> env, Overrides overrides) {
        return collector.collect(dir, env, overrides, Optional.empty(), 100, Optional.empty());
    }

    @Test
    void describesALocalBuildFromGitAlone() throws IOException {
        Path root = temp.resolve("project");
        String c1;
        String c2;
        try (TestRepo repo = TestRepo.init(root)) {
            c1 = repo.commit("one");
            c2 = repo.commit("two");
            repo.addRemote("origin", "git@github.com:org/app.git");
        }

        CollectedBuildInformation collected = collect(root, Map.of(), Overrides.none());

        BuildInformation info = collected.buildInformation();
        assertThat(info.buildEnvironment()).isEqualTo("Maven");
        assertThat(info.buildNumber()).isEmpty();
        assertThat(info.buildUrl()).isEmpty();
        assertThat(info.branch()).contains("main");
        assertThat(info.vcsType()).contains("Git");
        assertThat(info.vcsRoot()).contains("https://github.com/org/app");
        assertThat(info.vcsCommitNumber()).contains(c2);
        assertThat(info.commits()).extracting(Commit::id).containsExactly(c2, c1);
        assertThat(collected.ciEnvironment().isLocal()).isTrue();
        assertThat(collected.commitRange()).isPresent();
        assertThat(collected.warnings()).isEmpty();
    }

    @Test
    void worksWithoutGitAtAllAndSaysSo() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("no-git"));

        CollectedBuildInformation collected = collector.collect(
                dir, Map.of(), Overrides.none(), Optional.empty(), 100, Optional.of("https://github.com/org/app"));

        BuildInformation info = collected.buildInformation();
        assertThat(info.commits()).isEmpty();
        assertThat(info.vcsType()).isEmpty();
        assertThat(info.vcsCommitNumber()).isEmpty();
        assertThat(info.vcsRoot()).contains("https://github.com/org/app");
        assertThat(collected.commitRange()).isEmpty();
        assertThat(collected.warnings())
                .containsExactly("No git repository found in " + dir
                        + " or any parent directory: build information will list no commits.");
    }

    @Test
    void letsTheCiBranchWinOverADetachedCheckout() throws IOException {
        Path root = temp.resolve("project");
        String head;
        try (TestRepo repo = TestRepo.init(root)) {
            head = repo.commit("one");
            repo.detachHead(head);
        }
        Map<String, String> env = Map.of(
                "GITHUB_ACTIONS", "true",
                "GITHUB_REF", "refs/heads/release/1.x",
                "GITHUB_SHA", head,
                "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "org/app",
                "GITHUB_RUN_ID", "77",
                "GITHUB_RUN_NUMBER", "5");

        BuildInformation info = collect(root, env, Overrides.none()).buildInformation();

        assertThat(info.buildEnvironment()).isEqualTo("GitHub Actions");
        assertThat(info.branch()).contains("release/1.x");
        assertThat(info.buildNumber()).contains("5");
        assertThat(info.buildUrl()).contains("https://github.com/org/app/actions/runs/77");
        assertThat(info.vcsRoot()).contains("https://github.com/org/app");
        assertThat(info.vcsCommitNumber()).contains(head);
    }

    @Test
    void hasNoBranchWhenDetachedOutsideCi() throws IOException {
        Path root = temp.resolve("project");
        try (TestRepo repo = TestRepo.init(root)) {
            repo.detachHead(repo.commit("one"));
        }

        assertThat(collect(root, Map.of(), Overrides.none()).buildInformation().branch())
                .isEmpty();
    }

    @Test
    void letsOverridesWinForEveryField() throws IOException {
        Path root = temp.resolve("project");
        try (TestRepo repo = TestRepo.init(root)) {
            repo.commit("one");
            repo.addRemote("origin", "git@github.com:org/app.git");
        }
        Map<String, String> env = Map.of(
                "JENKINS_URL", "https://jenkins.example/",
                "BUILD_NUMBER", "9",
                "BUILD_URL", "https://jenkins.example/job/app/9/",
                "GIT_BRANCH", "origin/main",
                "GIT_COMMIT", "0123456789abcdef0123456789abcdef01234567");
        Overrides overrides = Overrides.builder()
                .buildEnvironment("Custom CI")
                .buildNumber("2026.1")
                .buildUrl("https://bob:" + SECRET + "@ci.example/run/1")
                .branch("release")
                .vcsType("TFVC")
                .vcsRoot("https://bob:" + SECRET + "@git.example/team/app.git")
                .vcsCommitNumber("abcdef0")
                .build();

        BuildInformation info = collect(root, env, overrides).buildInformation();

        assertThat(info.buildEnvironment()).isEqualTo("Custom CI");
        assertThat(info.buildNumber()).contains("2026.1");
        assertThat(info.buildUrl()).contains("https://ci.example/run/1");
        assertThat(info.branch()).contains("release");
        assertThat(info.vcsType()).contains("TFVC");
        assertThat(info.vcsRoot()).contains("https://git.example/team/app");
        assertThat(info.vcsCommitNumber()).contains("abcdef0");
    }

    @Test
    void treatsBlankOverridesAsNotSet() throws IOException {
        Path root = temp.resolve("project");
        try (TestRepo repo = TestRepo.init(root)) {
            repo.commit("one");
        }

        BuildInformation info = collect(
                        root,
                        Map.of(),
                        Overrides.builder().branch(" ").buildEnvironment("").build())
                .buildInformation();

        assertThat(info.branch()).contains("main");
        assertThat(info.buildEnvironment()).isEqualTo("Maven");
    }

    @Test
    void anchorsOnTheServersLatestBuildInformation() throws IOException {
        Path root = temp.resolve("project");
        String c2;
        String c3;
        try (TestRepo repo = TestRepo.init(root)) {
            repo.commit("one");
            c2 = repo.commit("two");
            c3 = repo.commit("three");
        }

        CollectedBuildInformation collected =
                collector.collect(root, Map.of(), Overrides.none(), Optional.of(c2), 100, Optional.empty());

        assertThat(collected.buildInformation().commits())
                .extracting(Commit::id)
                .containsExactly(c3);
        assertThat(collected.commitRange().orElseThrow().anchorSource()).isEqualTo(CommitRange.AnchorSource.SERVER);
    }

    @Test
    void anchorsOnTheCiPreviousCommit() throws IOException {
        Path root = temp.resolve("project");
        String c1;
        String c2;
        try (TestRepo repo = TestRepo.init(root)) {
            c1 = repo.commit("one");
            c2 = repo.commit("two");
        }
        Map<String, String> env = Map.of("GITLAB_CI", "true", "CI_COMMIT_BEFORE_SHA", c1);

        List<Commit> commits =
                collect(root, env, Overrides.none()).buildInformation().commits();

        assertThat(commits).extracting(Commit::id).containsExactly(c2);
    }

    @Test
    void prefersTheCiRepositoryOverTheRemoteAndTheRemoteOverTheScmUrl() throws IOException {
        Path root = temp.resolve("project");
        try (TestRepo repo = TestRepo.init(root)) {
            repo.commit("one");
            repo.addRemote("origin", "git@github.com:mirror/app.git");
        }
        Optional<String> scm = Optional.of("scm:git:https://github.com/pom/app.git");

        String withCi = collector
                .collect(
                        root,
                        Map.of("CIRCLECI", "true", "CIRCLE_REPOSITORY_URL", "git@github.com:canonical/app.git"),
                        Overrides.none(),
                        Optional.empty(),
                        100,
                        scm)
                .buildInformation()
                .vcsRoot()
                .orElseThrow();
        String withoutCi = collector
                .collect(root, Map.of(), Overrides.none(), Optional.empty(), 100, scm)
                .buildInformation()
                .vcsRoot()
                .orElseThrow();

        assertThat(withCi).isEqualTo("https://github.com/canonical/app");
        assertThat(withoutCi).isEqualTo("https://github.com/mirror/app");
    }

    @Test
    void neverLetsASecretFromTheEnvironmentTheRemoteOrThePomIntoTheRecord() throws IOException {
        Path root = temp.resolve("project");
        try (TestRepo repo = TestRepo.init(root)) {
            repo.commit("one");
            repo.addRemote("origin", "https://x-access-token:" + SECRET + "@github.com/org/app.git");
        }
        Map<String, String> env = new HashMap<>();
        env.put("GITLAB_CI", "true");
        env.put("CI_JOB_TOKEN", SECRET);
        env.put("CI_REPOSITORY_URL", "https://gitlab-ci-token:" + SECRET + "@gitlab.example/org/app.git");
        env.put("CI_PIPELINE_URL", "https://ci:" + SECRET + "@gitlab.example/org/app/-/pipelines/1");
        env.put("GITHUB_TOKEN", SECRET);
        env.put("OCTOPUS_API_KEY", "API-" + SECRET);
        env.put("GIT_URL", "https://jenkins:" + SECRET + "@github.com/org/app.git");
        Optional<String> scm = Optional.of("https://dev:" + SECRET + "@github.com/org/app");

        CollectedBuildInformation collected =
                collector.collect(root, env, Overrides.none(), Optional.empty(), 100, scm);
        String json = new BuildInformationRequest(
                        "app", "1.0.0", OverwriteMode.FailIfExists, collected.buildInformation())
                .toJson();

        assertThat(json).doesNotContain(SECRET).contains("\"VcsRoot\":\"https://github.com/org/app\"");
        assertThat(String.join("\n", collected.warnings())).doesNotContain(SECRET);
        assertThat(collected.buildInformation().toString()).doesNotContain(SECRET);
    }

    @Test
    void carriesOnWithoutCommitsWhenTheRepositoryCannotBeRead() throws IOException {
        Path root = temp.resolve("project");
        try (TestRepo repo = TestRepo.init(root)) {
            repo.commit("one");
        }
        // The unparsable config also holds a credential that must not surface whatever JGit's message says.
        Files.writeString(
                root.resolve(".git/config"),
                "[remote \"origin\"]\n\turl = https://bob:" + SECRET + "@github.com/org/app.git\n[broken\n",
                java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        CollectedBuildInformation collected = collect(root, Map.of(), Overrides.none());

        assertThat(collected.warnings()).hasSize(1);
        assertThat(collected.warnings().get(0))
                .startsWith("Cannot read the git repository for " + root)
                .endsWith("build information will list no commits.")
                .doesNotContain(SECRET);
        assertThat(collected.buildInformation().commits()).isEmpty();
    }

    @Test
    void rejectsNonPositiveMaxCommits() {
        assertThatThrownBy(() ->
                        collector.collect(temp, Map.of(), Overrides.none(), Optional.empty(), 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxCommits must be at least 1, was 0");
    }
}

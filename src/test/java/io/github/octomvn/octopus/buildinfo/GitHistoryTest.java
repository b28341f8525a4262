package io.github.octomvn.octopus.buildinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git is read once per build: the modules of one working copy share what the first of them read. */
class GitHistoryTest {
    @TempDir
    Path temp;

    private static CollectedBuildInformation collect(GitHistory build, Path module, int maxCommits) {
        return new BuildInformationCollector(build)
                .collect(module, Map.of(), Overrides.none(), Optional.empty(), maxCommits, Optional.empty());
    }

    @Test
    void theModulesOfOneWorkingCopyReadGitOncePerBuild() throws IOException {
        Path root = temp.resolve("reactor");
        Path api = Files.createDirectories(root.resolve("api"));
        Path web = Files.createDirectories(root.resolve("web"));
        String first;
        String later;
        GitHistory build = new GitHistory();
        try (TestRepo repo = TestRepo.init(root)) {
            first = repo.commit("one");
            assertThat(collect(build, api, 100).buildInformation().vcsCommitNumber())
                    .contains(first);
            // a commit made behind the build's back: a second read would see it
            later = repo.commit("two");
        }

        assertThat(collect(build, web, 100).buildInformation().vcsCommitNumber())
                .contains(first);
        assertThat(build.reads()).isEqualTo(1);
        assertThat(collect(new GitHistory(), web, 100).buildInformation().vcsCommitNumber())
                .as("the next build")
                .contains(later);
    }

    @Test
    void anotherQuestionOfTheSameRepositoryIsReadAnew() throws IOException {
        Path root = temp.resolve("project");
        GitHistory build = new GitHistory();
        try (TestRepo repo = TestRepo.init(root)) {
            repo.commit("one");
            repo.commit("two");
        }

        assertThat(collect(build, root, 100).buildInformation().commits()).hasSize(2);
        assertThat(collect(build, root, 1).buildInformation().commits()).hasSize(1);
        assertThat(build.reads()).isEqualTo(2);
    }

    @Test
    void aProjectOutsideAnyRepositoryWarnsWithItsOwnDirectory() throws IOException {
        Path a = Files.createDirectories(temp.resolve("a"));
        Path b = Files.createDirectories(temp.resolve("b"));
        GitHistory build = new GitHistory();

        assertThat(collect(build, a, 100).warnings()).singleElement().asString().contains(a.toString());
        assertThat(collect(build, b, 100).warnings()).singleElement().asString().contains(b.toString());
    }

    @Test
    void readingAheadKeepsNothingSoTheReadProperSeesTheRepositoryAsItIsThen() throws Exception {
        Path root = temp.resolve("project");
        GitHistory build = new GitHistory();
        try (TestRepo repo = TestRepo.init(root)) {
            repo.commit("one");
            build.readAhead(List.of(root)).get(30, TimeUnit.SECONDS);
            String later = repo.commit("two");

            assertThat(collect(build, root, 100).buildInformation().vcsCommitNumber())
                    .contains(later);
        }
        assertThat(build.reads()).isEqualTo(1);
    }

    @Test
    void readingAheadWhereThereIsNoRepositoryOrABrokenOneEndsQuietly() throws Exception {
        Path none = Files.createDirectories(temp.resolve("none"));
        Path broken = Files.createDirectories(temp.resolve("broken/.git"));
        Files.writeString(broken.resolve("HEAD"), "not a ref\n");

        new GitHistory().readAhead(List.of(none, broken.getParent())).get(30, TimeUnit.SECONDS);
    }
}

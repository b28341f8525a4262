package io.github.octomvn.octopus.ci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VcsUrlsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "git@github.com:org/repo.git, https://github.com/org/repo",
        "ssh://git@host:7999/org/repo.git, https://host/org/repo",
        "https://user:token@github.com/org/repo.git, https://github.com/org/repo",
        "https://github.com/org/repo.git/, https://github.com/org/repo",
        "https://github.com/org/repo/, https://github.com/org/repo",
        "https://x-access-token:ghs_abc@github.com/org/repo, https://github.com/org/repo",
        "https://gitlab-ci-token:glcbt-XYZ@gitlab.example.com/group/sub/proj.git, https://gitlab.example.com/group/sub/proj",
        "https://git.corp.example:8443/team/app.git, https://git.corp.example:8443/team/app",
        "http://bitbucket.org/workspace/repo, http://bitbucket.org/workspace/repo",
        "git://example.org/pub/tool.git, https://example.org/pub/tool",
        "ssh://git@github.com/org/repo.git, https://github.com/org/repo",
        "git+ssh://git@github.com/org/repo.git, https://github.com/org/repo",
        "HTTPS://GitHub.com/Org/Repo.git, https://GitHub.com/Org/Repo",
        "scm:git:https://github.com/org/repo.git, https://github.com/org/repo",
        "scm:git:git@github.com:org/repo.git, https://github.com/org/repo",
        "https://github.com/org/repo.git?private_token=abc#readme, https://github.com/org/repo",
        "https://myorg@dev.azure.com/myorg/My%20Project/_git/app, https://dev.azure.com/myorg/My%20Project/_git/app",
        "git@ssh.dev.azure.com:v3/myorg/proj/app, https://dev.azure.com/myorg/proj/_git/app",
        "myorg@vs-ssh.visualstudio.com:v3/myorg/proj/app, https://myorg.visualstudio.com/proj/_git/app",
        "github.com:org/repo.git, https://github.com/org/repo"
    })
    void makesCloneUrlsBrowsable(String cloneUrl, String expected) {
        assertThat(VcsUrls.browsable(cloneUrl)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///srv/git/repo.git",
                "/srv/git/repo.git",
                "../repo",
                "C:\\work\\repo",
                "C:/work/repo",
                "https://github.com/",
                "svn+ssh://svn.example.org/repo",
                "not a url at all"
            })
    void hasNoBrowsableUrlForLocalOrUnknownLocations(String location) {
        assertThat(VcsUrls.browsable(location)).isEmpty();
    }

    @Test
    void stripsCredentialsButKeepsQueryOfBuildUrls() {
        assertThat(VcsUrls.withoutCredentials("https://bob:s3cret@ci.example/job/app/42/?view=log"))
                .isEqualTo("https://ci.example/job/app/42/?view=log");
    }

    @Test
    void stripsCredentialsContainingAtSigns() {
        assertThat(VcsUrls.withoutCredentials("https://bob:p@ss@ci.example/job/1"))
                .isEqualTo("https://ci.example/job/1");
    }

    @Test
    void leavesUrlsWithoutCredentialsAlone() {
        assertThat(VcsUrls.withoutCredentials("https://dev.azure.com/org/proj/_build/results?buildId=7"))
                .isEqualTo("https://dev.azure.com/org/proj/_build/results?buildId=7");
        assertThat(VcsUrls.withoutCredentials("plain text")).isEqualTo("plain text");
    }

    @Test
    void redactsCredentialsOfEveryUrlInFreeText() {
        String message = "Invalid line: url = https://user:tok3n@github.com/org/repo.git and ssh://me:pw@h/x";

        assertThat(VcsUrls.redactCredentials(message))
                .isEqualTo("Invalid line: url = https://github.com/org/repo.git and ssh://h/x")
                .doesNotContain("tok3n")
                .doesNotContain("pw");
    }
}

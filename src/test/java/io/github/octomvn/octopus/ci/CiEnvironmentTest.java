package io.github.octomvn.octopus.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Variable names are the ones each CI server documents for its default environment. */
class CiEnvironmentTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final String PREVIOUS = "89abcdef0123456789abcdef0123456789abcdef";

    @Test
    void isALocalMavenBuildWithoutCiVariables() {
        CiEnvironment ci = CiEnvironment.detect(Map.of("HOME", "/home/ann", "PATH", "/usr/bin"));

        assertThat(ci.isLocal()).isTrue();
        assertThat(ci.buildEnvironment()).isEqualTo("Maven");
        assertThat(ci.buildNumber()).isEmpty();
        assertThat(ci.buildUrl()).isEmpty();
        assertThat(ci.branch()).isEmpty();
        assertThat(ci.commit()).isEmpty();
        assertThat(ci.previousCommit()).isEmpty();
    }

    @Test
    void treatsAnUnknownCiServerAsLocal() {
        assertThat(CiEnvironment.detect(Map.of("CI", "true")).isLocal()).isTrue();
    }

    @Test
    void readsGitHubActionsPushBuild() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "GITHUB_ACTIONS", "true",
                "GITHUB_RUN_NUMBER", "17",
                "GITHUB_RUN_ID", "9876543210",
                "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "octo-org/web-app",
                "GITHUB_SHA", SHA,
                "GITHUB_REF", "refs/heads/main",
                "GITHUB_HEAD_REF", "",
                "GITHUB_TOKEN", "ghs_secret"));

        assertThat(ci.buildEnvironment()).isEqualTo("GitHub Actions");
        assertThat(ci.buildNumber()).contains("17");
        assertThat(ci.buildUrl()).contains("https://github.com/octo-org/web-app/actions/runs/9876543210");
        assertThat(ci.branch()).contains("main");
        assertThat(ci.commit()).contains(SHA);
        assertThat(ci.vcsRoot()).contains("https://github.com/octo-org/web-app");
        assertThat(ci.previousCommit()).isEmpty();
    }

    @Test
    void takesGitHubPullRequestSourceBranchFromGithubHeadRef() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "GITHUB_ACTIONS", "true",
                "GITHUB_REF", "refs/pull/42/merge",
                "GITHUB_HEAD_REF", "feature/login"));

        assertThat(ci.branch()).contains("feature/login");
    }

    @Test
    void keepsGitHubTagRefsAsTheyAre() {
        CiEnvironment ci = CiEnvironment.detect(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REF", "refs/tags/v1.2.0"));

        assertThat(ci.branch()).contains("refs/tags/v1.2.0");
    }

    @Test
    void readsGitLabPipeline() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "GITLAB_CI", "true",
                "CI_PIPELINE_ID", "5512",
                "CI_PIPELINE_URL", "https://gitlab.example.com/group/app/-/pipelines/5512",
                "CI_COMMIT_BRANCH", "develop",
                "CI_COMMIT_REF_NAME", "develop",
                "CI_COMMIT_SHA", SHA,
                "CI_COMMIT_BEFORE_SHA", PREVIOUS,
                "CI_PROJECT_URL", "https://gitlab.example.com/group/app"));

        assertThat(ci.buildEnvironment()).isEqualTo("GitLabCI");
        assertThat(ci.buildNumber()).contains("5512");
        assertThat(ci.buildUrl()).contains("https://gitlab.example.com/group/app/-/pipelines/5512");
        assertThat(ci.branch()).contains("develop");
        assertThat(ci.commit()).contains(SHA);
        assertThat(ci.vcsRoot()).contains("https://gitlab.example.com/group/app");
        assertThat(ci.previousCommit()).contains(PREVIOUS);
    }

    @Test
    void ignoresGitLabAllZeroBeforeSha() {
        CiEnvironment ci = CiEnvironment.detect(
                Map.of("GITLAB_CI", "true", "CI_COMMIT_BEFORE_SHA", "0000000000000000000000000000000000000000"));

        assertThat(ci.previousCommit()).isEmpty();
    }

    @Test
    void takesGitLabMergeRequestSourceBranch() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "GITLAB_CI", "true",
                "CI_COMMIT_REF_NAME", "refs/merge-requests/3/head",
                "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "fix/typo"));

        assertThat(ci.branch()).contains("fix/typo");
    }

    @Test
    void neverReadsGitLabRepositoryUrlWhichEmbedsTheJobToken() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "GITLAB_CI", "true",
                "CI_JOB_TOKEN", "glcbt-SECRET",
                "CI_REPOSITORY_URL", "https://gitlab-ci-token:glcbt-SECRET@gitlab.example.com/group/app.git"));

        assertThat(ci.vcsRoot()).isEmpty();
        assertThat(ci.toString()).doesNotContain("SECRET");
    }

    @Test
    void readsAzureDevOpsBuild() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "TF_BUILD", "True",
                "BUILD_BUILDNUMBER", "20260105.3",
                "BUILD_BUILDID", "812",
                "SYSTEM_COLLECTIONURI", "https://dev.azure.com/contoso/",
                "SYSTEM_TEAMPROJECT", "Web Shop",
                "BUILD_SOURCEBRANCH", "refs/heads/release/2.0",
                "BUILD_SOURCEVERSION", SHA,
                "BUILD_REPOSITORY_URI", "https://contoso@dev.azure.com/contoso/Web%20Shop/_git/shop"));

        assertThat(ci.buildEnvironment()).isEqualTo("Azure DevOps");
        assertThat(ci.buildNumber()).contains("20260105.3");
        assertThat(ci.buildUrl()).contains("https://dev.azure.com/contoso/Web%20Shop/_build/results?buildId=812");
        assertThat(ci.branch()).contains("release/2.0");
        assertThat(ci.commit()).contains(SHA);
        assertThat(ci.vcsRoot()).contains("https://dev.azure.com/contoso/Web%20Shop/_git/shop");
        assertThat(ci.previousCommit()).isEmpty();
    }

    @Test
    void takesAzurePullRequestSourceBranch() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "TF_BUILD", "True",
                "BUILD_SOURCEBRANCH", "refs/pull/12/merge",
                "SYSTEM_PULLREQUEST_SOURCEBRANCH", "refs/heads/feature/cart"));

        assertThat(ci.branch()).contains("feature/cart");
    }

    @Test
    void readsJenkinsFreestyleJobWithGitPlugin() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "JENKINS_URL", "https://jenkins.example/",
                "BUILD_NUMBER", "153",
                "BUILD_URL", "https://jenkins.example/job/app/153/",
                "GIT_BRANCH", "origin/main",
                "GIT_COMMIT", SHA,
                "GIT_URL", "https://deploy:hunter2@github.com/org/app.git",
                "GIT_PREVIOUS_SUCCESSFUL_COMMIT", PREVIOUS,
                "GIT_PREVIOUS_COMMIT", "1111111111111111111111111111111111111111"));

        assertThat(ci.buildEnvironment()).isEqualTo("Jenkins");
        assertThat(ci.buildNumber()).contains("153");
        assertThat(ci.buildUrl()).contains("https://jenkins.example/job/app/153/");
        assertThat(ci.branch()).contains("main");
        assertThat(ci.commit()).contains(SHA);
        assertThat(ci.vcsRoot()).contains("https://github.com/org/app");
        assertThat(ci.previousCommit()).contains(PREVIOUS);
        assertThat(ci.toString()).doesNotContain("hunter2");
    }

    @Test
    void takesJenkinsMultibranchChangeBranchOverPrNumber() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "JENKINS_URL", "https://jenkins.example/",
                "BRANCH_NAME", "PR-24",
                "CHANGE_BRANCH", "feature/search",
                "GIT_PREVIOUS_COMMIT", PREVIOUS));

        assertThat(ci.branch()).contains("feature/search");
        assertThat(ci.previousCommit()).contains(PREVIOUS);
    }

    @Test
    void readsTeamCityDefaultEnvironment() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "TEAMCITY_VERSION", "2025.11 (build 197398)",
                "BUILD_NUMBER", "88",
                "BUILD_VCS_NUMBER", SHA));

        assertThat(ci.buildEnvironment()).isEqualTo("TeamCity");
        assertThat(ci.buildNumber()).contains("88");
        assertThat(ci.commit()).contains(SHA);
        assertThat(ci.buildUrl()).isEmpty();
        assertThat(ci.branch()).isEmpty();
    }

    @Test
    void readsBambooVariables() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "bamboo_buildKey", "APP-MAIN-JOB1",
                "bamboo_buildNumber", "229",
                "bamboo_buildResultsUrl", "https://bamboo.example/browse/APP-MAIN-JOB1-229",
                "bamboo_planRepository_branchName", "main",
                "bamboo_planRepository_revision", SHA,
                "bamboo_planRepository_repositoryUrl", "ssh://git@bitbucket.example:7999/app/repo.git",
                "bamboo_planRepository_previousRevision", PREVIOUS));

        assertThat(ci.buildEnvironment()).isEqualTo("Bamboo");
        assertThat(ci.buildNumber()).contains("229");
        assertThat(ci.buildUrl()).contains("https://bamboo.example/browse/APP-MAIN-JOB1-229");
        assertThat(ci.branch()).contains("main");
        assertThat(ci.commit()).contains(SHA);
        assertThat(ci.vcsRoot()).contains("https://bitbucket.example/app/repo");
        assertThat(ci.previousCommit()).contains(PREVIOUS);
    }

    @Test
    void takesBambooPullRequestSourceBranch() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "bamboo_planKey", "APP-PR",
                "bamboo_planRepository_branchName", "pr-branch",
                "bamboo_repository_pr_sourceBranch", "feature/x"));

        assertThat(ci.branch()).contains("feature/x");
    }

    @Test
    void readsCircleCiJob() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "CIRCLECI", "true",
                "CIRCLE_BUILD_NUM", "4021",
                "CIRCLE_BUILD_URL", "https://circleci.com/gh/org/app/4021",
                "CIRCLE_BRANCH", "main",
                "CIRCLE_SHA1", SHA,
                "CIRCLE_REPOSITORY_URL", "git@github.com:org/app.git"));

        assertThat(ci.buildEnvironment()).isEqualTo("CircleCI");
        assertThat(ci.buildNumber()).contains("4021");
        assertThat(ci.buildUrl()).contains("https://circleci.com/gh/org/app/4021");
        assertThat(ci.branch()).contains("main");
        assertThat(ci.commit()).contains(SHA);
        assertThat(ci.vcsRoot()).contains("https://github.com/org/app");
        assertThat(ci.previousCommit()).isEmpty();
    }

    @Test
    void readsBitbucketPipelinesBuild() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "CI", "true",
                "BITBUCKET_BUILD_NUMBER", "23704",
                "BITBUCKET_COMMIT", SHA,
                "BITBUCKET_BRANCH", "feature/pay",
                "BITBUCKET_PR_ID", "7",
                "BITBUCKET_GIT_HTTP_ORIGIN", "http://bitbucket.org/acme/shop"));

        assertThat(ci.buildEnvironment()).isEqualTo("BitbucketPipelines");
        assertThat(ci.buildNumber()).contains("23704");
        assertThat(ci.buildUrl()).contains("http://bitbucket.org/acme/shop/pipelines/results/23704");
        assertThat(ci.branch()).contains("feature/pay");
        assertThat(ci.commit()).contains(SHA);
        assertThat(ci.vcsRoot()).contains("http://bitbucket.org/acme/shop");
    }

    @Test
    void readsTravisBuildWithCommitRange() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(
                "TRAVIS", "true",
                "TRAVIS_BUILD_NUMBER", "60",
                "TRAVIS_BUILD_WEB_URL", "https://app.travis-ci.com/org/app/builds/46812085",
                "TRAVIS_BRANCH", "master",
                "TRAVIS_PULL_REQUEST_BRANCH", "",
                "TRAVIS_COMMIT", SHA,
                "TRAVIS_COMMIT_RANGE", "0ee91f38f189...e7090ffc4ef8"));

        assertThat(ci.buildEnvironment()).isEqualTo("TravisCI");
        assertThat(ci.buildNumber()).contains("60");
        assertThat(ci.buildUrl()).contains("https://app.travis-ci.com/org/app/builds/46812085");
        assertThat(ci.branch()).contains("master");
        assertThat(ci.commit()).contains(SHA);
        assertThat(ci.previousCommit()).contains("0ee91f38f189");
        assertThat(ci.vcsRoot()).isEmpty();
    }

    @Test
    void takesTravisPullRequestSourceBranchNotTarget() {
        CiEnvironment ci = CiEnvironment.detect(
                Map.of("TRAVIS", "true", "TRAVIS_BRANCH", "master", "TRAVIS_PULL_REQUEST_BRANCH", "feature/y"));

        assertThat(ci.branch()).contains("feature/y");
    }

    @Test
    void ignoresEmptyTravisCommitRangeOfAFirstPush() {
        CiEnvironment ci = CiEnvironment.detect(Map.of("TRAVIS", "true", "TRAVIS_COMMIT_RANGE", ""));

        assertThat(ci.previousCommit()).isEmpty();
    }

    @Test
    void stripsCredentialsFromEveryUrlItReads() {
        Map<String, String> env = new HashMap<>();
        env.put("JENKINS_URL", "https://jenkins.example/");
        env.put("BUILD_URL", "https://admin:t0ken@jenkins.example/job/app/1/");
        env.put("GIT_URL", "https://admin:t0ken@github.com/org/app.git");

        CiEnvironment ci = CiEnvironment.detect(env);

        assertThat(ci.buildUrl()).contains("https://jenkins.example/job/app/1/");
        assertThat(ci.vcsRoot()).contains("https://github.com/org/app");
        assertThat(ci.toString()).doesNotContain("t0ken");
    }

    @Test
    void normalisesOnlyBranchRefs() {
        assertThat(CiEnvironment.normaliseBranch("refs/heads/main")).isEqualTo("main");
        assertThat(CiEnvironment.normaliseBranch("refs/heads/feature/a")).isEqualTo("feature/a");
        assertThat(CiEnvironment.normaliseBranch("main")).isEqualTo("main");
        assertThat(CiEnvironment.normaliseBranch("refs/tags/v1")).isEqualTo("refs/tags/v1");
    }

    @Test
    void namesTheCiServerItRecognised() {
        assertThat(CiEnvironment.detect(Map.of("GITHUB_ACTIONS", "true")).server())
                .isEqualTo(CiServer.GITHUB_ACTIONS);
        assertThat(CiEnvironment.detect(Map.of("GITLAB_CI", "true")).server()).isEqualTo(CiServer.GITLAB_CI);
        assertThat(CiEnvironment.detect(Map.of("TF_BUILD", "True")).server()).isEqualTo(CiServer.AZURE_PIPELINES);
        assertThat(CiEnvironment.detect(Map.of("JENKINS_URL", "https://ci/")).server())
                .isEqualTo(CiServer.JENKINS);
        assertThat(CiEnvironment.detect(Map.of("TEAMCITY_VERSION", "2025.11")).server())
                .isEqualTo(CiServer.TEAMCITY);
        assertThat(CiEnvironment.detect(Map.of("HOME", "/home/ann")).server()).isEqualTo(CiServer.NONE);
    }
}

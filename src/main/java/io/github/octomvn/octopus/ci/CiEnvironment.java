package io.github.octomvn.octopus.ci;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The CI server a build runs on and what it says about the build, read from environment variables.
 *
 * <p>Only the variables named in this class are ever read, so tokens that CI servers put in the environment
 * (e.g. {@code CI_JOB_TOKEN}, {@code CI_REPOSITORY_URL}, {@code GITHUB_TOKEN}) cannot leak into build
 * information; URLs that are read lose their user information.
 */
public final class CiEnvironment {
    /** The build environment Octopus shows for a build outside any CI server. */
    public static final String LOCAL_BUILD_ENVIRONMENT = "Maven";

    private static final String ZERO_SHA = "0000000000000000000000000000000000000000";

    private static final List<Function<Env, Optional<CiEnvironment>>> DETECTORS = List.of(
            CiEnvironment::gitHubActions,
            CiEnvironment::gitLab,
            CiEnvironment::azureDevOps,
            CiEnvironment::jenkins,
            CiEnvironment::teamCity,
            CiEnvironment::bamboo,
            CiEnvironment::circleCi,
            CiEnvironment::bitbucketPipelines,
            CiEnvironment::travis);

    private final CiServer server;
    private final String buildEnvironment;
    private final String buildNumber;
    private final String buildUrl;
    private final String branch;
    private final String commit;
    private final String vcsRoot;
    private final String previousCommit;

    private CiEnvironment(
            CiServer server,
            String buildEnvironment,
            String buildNumber,
            String buildUrl,
            String branch,
            String commit,
            String vcsRoot,
            String previousCommit) {
        this.server = server;
        this.buildEnvironment = buildEnvironment;
        this.buildNumber = buildNumber;
        this.buildUrl = buildUrl;
        this.branch = branch;
        this.commit = commit;
        this.vcsRoot = vcsRoot;
        this.previousCommit = previousCommit;
    }

    /** Detects the CI server from the given environment; a local build when none is recognised. */
    public static CiEnvironment detect(Map<String, String> environment) {
        Env env = new Env(Objects.requireNonNull(environment, "environment"));
        for (Function<Env, Optional<CiEnvironment>> detector : DETECTORS) {
            Optional<CiEnvironment> found = detector.apply(env);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return local();
    }

    /** A build on a developer's machine: environment {@code Maven}, nothing else known. */
    public static CiEnvironment local() {
        return new CiEnvironment(CiServer.NONE, LOCAL_BUILD_ENVIRONMENT, null, null, null, null, null, null);
    }

    /** Which CI server this is; {@link CiServer#NONE} for a local build. */
    public CiServer server() {
        return server;
    }

    /** The name Octopus integrations use for this build server, e.g. {@code GitHub Actions}, or {@code Maven}. */
    public String buildEnvironment() {
        return buildEnvironment;
    }

    public boolean isLocal() {
        return buildEnvironment.equals(LOCAL_BUILD_ENVIRONMENT);
    }

    public Optional<String> buildNumber() {
        return Optional.ofNullable(buildNumber);
    }

    /** Link to the build on the CI server, without credentials. */
    public Optional<String> buildUrl() {
        return Optional.ofNullable(buildUrl);
    }

    /** The branch built; for pull/merge request builds, the source branch. */
    public Optional<String> branch() {
        return Optional.ofNullable(branch);
    }

    /** The commit the CI server says it built. */
    public Optional<String> commit() {
        return Optional.ofNullable(commit);
    }

    /** Browsable repository URL when the CI server names the repository. */
    public Optional<String> vcsRoot() {
        return Optional.ofNullable(vcsRoot);
    }

    /** The commit the CI server considers the previous build's (possibly abbreviated), when it exposes one. */
    public Optional<String> previousCommit() {
        return Optional.ofNullable(previousCommit);
    }

    @Override
    public String toString() {
        return "CiEnvironment{" + server + ", " + buildEnvironment + ", buildNumber=" + buildNumber + ", buildUrl="
                + buildUrl
                + ", branch=" + branch + ", commit=" + commit + ", vcsRoot=" + vcsRoot + ", previousCommit="
                + previousCommit + "}";
    }

    // GitHub Actions "Variables reference": GITHUB_ACTIONS, GITHUB_RUN_NUMBER, GITHUB_RUN_ID, GITHUB_SERVER_URL,
    // GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_REF, GITHUB_HEAD_REF (set only for pull_request events). The push event's
    // "before" commit is only in the event payload, not the environment.
    private static Optional<CiEnvironment> gitHubActions(Env env) {
        if (!env.isTrue("GITHUB_ACTIONS")) {
            return Optional.empty();
        }
        Optional<String> server = env.url("GITHUB_SERVER_URL").map(VcsUrls::withoutCredentials);
        Optional<String> repository = env.get("GITHUB_REPOSITORY");
        String root =
                server.isPresent() && repository.isPresent() ? trimSlash(server.get()) + "/" + repository.get() : null;
        String buildUrl = root != null && env.get("GITHUB_RUN_ID").isPresent()
                ? root + "/actions/runs/" + env.get("GITHUB_RUN_ID").get()
                : null;
        String branch = env.get("GITHUB_HEAD_REF")
                .or(() -> env.get("GITHUB_REF"))
                .map(CiEnvironment::normaliseBranch)
                .orElse(null);
        return Optional.of(new CiEnvironment(
                CiServer.GITHUB_ACTIONS,
                "GitHub Actions",
                env.get("GITHUB_RUN_NUMBER").orElse(null),
                buildUrl,
                branch,
                env.get("GITHUB_SHA").orElse(null),
                root == null ? null : VcsUrls.browsable(root).orElse(null),
                null));
    }

    // GitLab "Predefined CI/CD variables reference": GITLAB_CI, CI_PIPELINE_ID, CI_PIPELINE_URL, CI_COMMIT_BRANCH
    // (absent in merge request pipelines), CI_MERGE_REQUEST_SOURCE_BRANCH_NAME, CI_COMMIT_REF_NAME, CI_COMMIT_SHA,
    // CI_PROJECT_URL and CI_COMMIT_BEFORE_SHA (all zeros for new branches, merge requests, schedules and manual
    // runs). CI_REPOSITORY_URL is deliberately never read: it embeds the job token.
    private static Optional<CiEnvironment> gitLab(Env env) {
        if (!env.isTrue("GITLAB_CI")) {
            return Optional.empty();
        }
        String branch = env.get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME")
                .or(() -> env.get("CI_COMMIT_BRANCH"))
                .or(() -> env.get("CI_COMMIT_REF_NAME"))
                .map(CiEnvironment::normaliseBranch)
                .orElse(null);
        return Optional.of(new CiEnvironment(
                CiServer.GITLAB_CI,
                "GitLabCI",
                env.get("CI_PIPELINE_ID").orElse(null),
                env.url("CI_PIPELINE_URL").orElse(null),
                branch,
                env.get("CI_COMMIT_SHA").orElse(null),
                env.browsable("CI_PROJECT_URL").orElse(null),
                env.get("CI_COMMIT_BEFORE_SHA")
                        .filter(sha -> !sha.equals(ZERO_SHA))
                        .orElse(null)));
    }

    // Azure Pipelines "Use predefined variables": TF_BUILD, BUILD_BUILDNUMBER, BUILD_BUILDID, SYSTEM_COLLECTIONURI
    // (older agents: SYSTEM_TEAMFOUNDATIONCOLLECTIONURI), SYSTEM_TEAMPROJECT, BUILD_SOURCEBRANCH (refs/heads/...),
    // SYSTEM_PULLREQUEST_SOURCEBRANCH, BUILD_SOURCEVERSION and BUILD_REPOSITORY_URI (Azure Repos put the
    // organisation in its user information). There is no previous-commit variable.
    private static Optional<CiEnvironment> azureDevOps(Env env) {
        if (!env.isTrue("TF_BUILD")) {
            return Optional.empty();
        }
        Optional<String> collection = env.url("SYSTEM_COLLECTIONURI")
                .or(() -> env.url("SYSTEM_TEAMFOUNDATIONCOLLECTIONURI"))
                .map(VcsUrls::withoutCredentials);
        Optional<String> project = env.get("SYSTEM_TEAMPROJECT");
        Optional<String> buildId = env.get("BUILD_BUILDID");
        String buildUrl = collection.isPresent() && project.isPresent() && buildId.isPresent()
                ? trimSlash(collection.get()) + "/" + pathSegment(project.get()) + "/_build/results?buildId="
                        + buildId.get()
                : null;
        String branch = env.get("SYSTEM_PULLREQUEST_SOURCEBRANCH")
                .or(() -> env.get("BUILD_SOURCEBRANCH"))
                .map(CiEnvironment::normaliseBranch)
                .orElse(null);
        return Optional.of(new CiEnvironment(
                CiServer.AZURE_PIPELINES,
                "Azure DevOps",
                env.get("BUILD_BUILDNUMBER").orElse(null),
                buildUrl,
                branch,
                env.get("BUILD_SOURCEVERSION").orElse(null),
                env.browsable("BUILD_REPOSITORY_URI").orElse(null),
                null));
    }

    // Jenkins core and git plugin variables: JENKINS_URL, BUILD_NUMBER, BUILD_URL, CHANGE_BRANCH (multibranch pull
    // requests: the source branch, while BRANCH_NAME is "PR-24"), BRANCH_NAME, GIT_BRANCH ("origin/main" in
    // freestyle jobs), GIT_COMMIT, GIT_URL, GIT_PREVIOUS_SUCCESSFUL_COMMIT and GIT_PREVIOUS_COMMIT.
    private static Optional<CiEnvironment> jenkins(Env env) {
        if (env.get("JENKINS_URL").isEmpty()) {
            return Optional.empty();
        }
        String branch = env.get("CHANGE_BRANCH")
                .or(() -> env.get("BRANCH_NAME"))
                .or(() -> env.get("GIT_BRANCH").map(CiEnvironment::withoutRemoteName))
                .map(CiEnvironment::normaliseBranch)
                .orElse(null);
        return Optional.of(new CiEnvironment(
                CiServer.JENKINS,
                "Jenkins",
                env.get("BUILD_NUMBER").orElse(null),
                env.url("BUILD_URL").orElse(null),
                branch,
                env.get("GIT_COMMIT").orElse(null),
                env.browsable("GIT_URL").orElse(null),
                env.get("GIT_PREVIOUS_SUCCESSFUL_COMMIT")
                        .or(() -> env.get("GIT_PREVIOUS_COMMIT"))
                        .orElse(null)));
    }

    // TeamCity "List of predefined build parameters": TEAMCITY_VERSION, BUILD_NUMBER and BUILD_VCS_NUMBER are
    // environment variables by default; the build URL and branch are configuration parameters a build must export
    // itself (then they can be given as overrides).
    private static Optional<CiEnvironment> teamCity(Env env) {
        if (env.get("TEAMCITY_VERSION").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CiEnvironment(
                CiServer.TEAMCITY,
                "TeamCity",
                env.get("BUILD_NUMBER").orElse(null),
                null,
                null,
                env.get("BUILD_VCS_NUMBER").orElse(null),
                null,
                null));
    }

    // Bamboo exports its variables as bamboo_<name with dots as underscores>: bamboo_buildKey, bamboo_buildNumber,
    // bamboo_buildResultsUrl (alias bamboo_resultsUrl), bamboo_repository_pr_sourceBranch,
    // bamboo_planRepository_branchName, bamboo_planRepository_revision, bamboo_planRepository_repositoryUrl and
    // bamboo_planRepository_previousRevision.
    private static Optional<CiEnvironment> bamboo(Env env) {
        if (env.get("bamboo_buildKey").isEmpty() && env.get("bamboo_planKey").isEmpty()) {
            return Optional.empty();
        }
        String branch = env.get("bamboo_repository_pr_sourceBranch")
                .or(() -> env.get("bamboo_planRepository_branchName"))
                .or(() -> env.get("bamboo_planRepository_branch"))
                .map(CiEnvironment::normaliseBranch)
                .orElse(null);
        return Optional.of(new CiEnvironment(
                CiServer.BAMBOO,
                "Bamboo",
                env.get("bamboo_buildNumber").orElse(null),
                env.url("bamboo_buildResultsUrl")
                        .or(() -> env.url("bamboo_resultsUrl"))
                        .orElse(null),
                branch,
                env.get("bamboo_planRepository_revision").orElse(null),
                env.browsable("bamboo_planRepository_repositoryUrl").orElse(null),
                env.get("bamboo_planRepository_previousRevision").orElse(null)));
    }

    // CircleCI "Project values and variables": CIRCLECI, CIRCLE_BUILD_NUM, CIRCLE_BUILD_URL, CIRCLE_BRANCH,
    // CIRCLE_SHA1 and CIRCLE_REPOSITORY_URL (usually an ssh URL). CircleCI 2.x exposes no previous commit
    // (CIRCLE_COMPARE_URL is gone; pipeline.git.base_revision is a pipeline value, not an environment variable).
    private static Optional<CiEnvironment> circleCi(Env env) {
        if (!env.isTrue("CIRCLECI")) {
            return Optional.empty();
        }
        return Optional.of(new CiEnvironment(
                CiServer.CIRCLECI,
                "CircleCI",
                env.get("CIRCLE_BUILD_NUM").orElse(null),
                env.url("CIRCLE_BUILD_URL").orElse(null),
                env.get("CIRCLE_BRANCH").map(CiEnvironment::normaliseBranch).orElse(null),
                env.get("CIRCLE_SHA1").orElse(null),
                env.browsable("CIRCLE_REPOSITORY_URL").orElse(null),
                null));
    }

    // Bitbucket Pipelines "Variables and secrets": BITBUCKET_BUILD_NUMBER, BITBUCKET_COMMIT, BITBUCKET_BRANCH (the
    // source branch, also in pull request pipelines) and BITBUCKET_GIT_HTTP_ORIGIN; the results page lives at
    // <origin>/pipelines/results/<build number>. No previous-commit variable.
    private static Optional<CiEnvironment> bitbucketPipelines(Env env) {
        Optional<String> number = env.get("BITBUCKET_BUILD_NUMBER");
        if (number.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> root = env.browsable("BITBUCKET_GIT_HTTP_ORIGIN");
        return Optional.of(new CiEnvironment(
                CiServer.BITBUCKET_PIPELINES,
                "BitbucketPipelines",
                number.get(),
                root.map(r -> r + "/pipelines/results/" + number.get()).orElse(null),
                env.get("BITBUCKET_BRANCH").map(CiEnvironment::normaliseBranch).orElse(null),
                env.get("BITBUCKET_COMMIT").orElse(null),
                root.orElse(null),
                null));
    }

    // Travis CI "Default environment variables": TRAVIS, TRAVIS_BUILD_NUMBER, TRAVIS_BUILD_WEB_URL, TRAVIS_BRANCH
    // (the target branch in pull request builds), TRAVIS_PULL_REQUEST_BRANCH (the source branch, empty otherwise),
    // TRAVIS_COMMIT and TRAVIS_COMMIT_RANGE ("abc123...def456", abbreviated, empty on a branch's first push).
    // TRAVIS_REPO_SLUG names no host, so the repository URL comes from git instead.
    private static Optional<CiEnvironment> travis(Env env) {
        if (!env.isTrue("TRAVIS")) {
            return Optional.empty();
        }
        String branch = env.get("TRAVIS_PULL_REQUEST_BRANCH")
                .or(() -> env.get("TRAVIS_BRANCH"))
                .map(CiEnvironment::normaliseBranch)
                .orElse(null);
        String previous = env.get("TRAVIS_COMMIT_RANGE")
                .map(range -> range.split("\\.\\.\\.?", 2)[0])
                .filter(s -> !s.isBlank())
                .orElse(null);
        return Optional.of(new CiEnvironment(
                CiServer.TRAVIS_CI,
                "TravisCI",
                env.get("TRAVIS_BUILD_NUMBER").orElse(null),
                env.url("TRAVIS_BUILD_WEB_URL").orElse(null),
                branch,
                env.get("TRAVIS_COMMIT").orElse(null),
                null,
                previous));
    }

    /** {@code refs/heads/main} becomes {@code main}; other refs (tags, pull request refs) stay as they are. */
    static String normaliseBranch(String ref) {
        return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
    }

    private static String withoutRemoteName(String gitBranch) {
        if (gitBranch.startsWith("refs/remotes/origin/")) {
            return gitBranch.substring("refs/remotes/origin/".length());
        }
        if (gitBranch.startsWith("origin/")) {
            return gitBranch.substring("origin/".length());
        }
        return gitBranch;
    }

    private static String trimSlash(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    private static String pathSegment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Reads whitelisted variables only; blank values count as absent. */
    private static final class Env {
        private final Map<String, String> variables;

        Env(Map<String, String> variables) {
            this.variables = variables;
        }

        Optional<String> get(String name) {
            String value = variables.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        boolean isTrue(String name) {
            return get(name).map(v -> v.toLowerCase(Locale.ROOT).equals("true")).orElse(false);
        }

        Optional<String> url(String name) {
            return get(name).map(VcsUrls::withoutCredentials);
        }

        Optional<String> browsable(String name) {
            return get(name).flatMap(VcsUrls::browsable);
        }
    }
}

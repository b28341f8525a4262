package io.github.octomvn.octopus.maven;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.StoredBuildInformation;
import io.github.octomvn.octopus.testserver.TaskScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

/**
 * The CI recipes: {@code octopus:push} fed the variables each CI server sets, against the test server. Each case
 * checks the build information Octopus gets (number, link, branch, commit) and the outputs that CI gets.
 */
@MojoTest
class CiRecipesTest {
    private static final String SHA = "3f786850e387550fdab836ed7e6dc881de23001b";

    @TempDir
    Path basedir;

    @Inject
    MavenSession session;

    private final Map<String, String> variables = new HashMap<>();
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());
    private final RecordingLog log = new RecordingLog();
    private MavenProject project;
    private OctopusTestServer server;

    @Provides
    MavenProject project() throws IOException {
        project = TestProject.copyOf("jar-project", basedir);
        return project;
    }

    @Provides
    ProcessEnvironment environment() {
        return new LiveEnvironment(variables, console::add);
    }

    @Provides
    Log log() {
        return log;
    }

    @BeforeEach
    void start() throws IOException {
        server = OctopusTestServer.start();
        variables.put("OCTOPUS_API_KEY", server.apiKey());
        TestProject.fakePackage(basedir, "greeter.1.4.2.zip");
        TestSession.oneOnlineBuild(session);
        Mockito.doReturn(List.of(project)).when(session).getProjects();
        Mockito.doReturn(project).when(session).getTopLevelProject();
        Mockito.doReturn(List.of("octopus:push")).when(session).getGoals();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void push(PushMojo mojo) throws Exception {
        MojoExtension.setVariableValueToObject(mojo, "serverUrl", server.url().toString());
        MojoExtension.setVariableValueToObject(mojo, "packages", List.of("target/octopus/greeter.1.4.2.zip"));
        mojo.execute();
    }

    private StoredBuildInformation buildInformation() {
        assertThat(server.buildInformation()).hasSize(1);
        return server.buildInformation().get(0);
    }

    private String packageLink() {
        return server.url() + "/app#/Spaces-1/library/builtinrepository/versions/greeter";
    }

    @Test
    void gitHubActions(@InjectMojo(goal = "push") PushMojo mojo) throws Exception {
        Path summary = basedir.resolve("runner/step_summary");
        Path output = basedir.resolve("runner/output");
        Files.createDirectories(summary.getParent());
        variables.putAll(Map.of(
                "GITHUB_ACTIONS", "true",
                "GITHUB_STEP_SUMMARY", summary.toString(),
                "GITHUB_OUTPUT", output.toString(),
                "GITHUB_REF", "refs/heads/main",
                "GITHUB_REF_NAME", "main",
                "GITHUB_SHA", SHA,
                "GITHUB_RUN_NUMBER", "42",
                "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "acme/greeter",
                "GITHUB_RUN_ID", "7654321"));

        push(mojo);

        StoredBuildInformation info = buildInformation();
        assertThat(info.buildEnvironment()).contains("GitHub Actions");
        assertThat(info.buildNumber()).contains("42");
        assertThat(info.buildUrl()).contains("https://github.com/acme/greeter/actions/runs/7654321");
        assertThat(info.branch()).contains("main");
        assertThat(info.vcsCommitNumber()).contains(SHA);
        assertThat(Files.readString(output, UTF_8))
                .isEqualTo("package-ids=greeter\npackage-versions=1.4.2\nversion=1.4.2\n");
        assertThat(Files.readString(summary, UTF_8))
                .startsWith("### Octopus Deploy: push ([" + server.url() + "](" + server.url() + "))\n\n")
                .contains("| [greeter](" + packageLink() + ") | 1.4.2 | 13 B | uploaded |\n")
                .contains("| [greeter](")
                .contains(") | 1.4.2 | 0 | created |\n");
        assertThat(console).isEmpty();
    }

    @Test
    void gitHubActionsFailureIsAnErrorAnnotationWithTheBuildsMessage(@InjectMojo(goal = "push") PushMojo mojo)
            throws Exception {
        Path output = basedir.resolve("output");
        variables.putAll(Map.of(
                "GITHUB_ACTIONS", "true",
                "GITHUB_OUTPUT", output.toString(),
                "OCTOPUS_API_KEY", "API-WRONGKEY7Q3ZP0C9XKD2M"));

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> push(mojo));

        assertThat(console).containsExactly("::error::" + e.getMessage().replace("%", "%25"));
        assertThat(e.getMessage()).contains("401").doesNotContain("WRONGKEY7Q3ZP0C9XKD2M");
        assertThat(output).doesNotExist();
    }

    @Test
    void gitLabCi(@InjectMojo(goal = "push") PushMojo mojo) throws Exception {
        variables.putAll(Map.of(
                "GITLAB_CI", "true",
                "CI_PIPELINE_ID", "901",
                "CI_PIPELINE_URL", "https://gitlab.com/acme/greeter/-/pipelines/901",
                "CI_COMMIT_BRANCH", "main",
                "CI_COMMIT_REF_NAME", "main",
                "CI_COMMIT_SHA", SHA,
                "CI_PROJECT_URL", "https://gitlab.com/acme/greeter",
                "CI_COMMIT_BEFORE_SHA", "0000000000000000000000000000000000000000",
                "CI_JOB_TOKEN", "glcbt-s3cret",
                "CI_REPOSITORY_URL", "https://gitlab-ci-token:glcbt-s3cret@gitlab.com/acme/greeter.git"));

        push(mojo);

        StoredBuildInformation info = buildInformation();
        assertThat(info.buildEnvironment()).contains("GitLabCI");
        assertThat(info.buildNumber()).contains("901");
        assertThat(info.buildUrl()).contains("https://gitlab.com/acme/greeter/-/pipelines/901");
        assertThat(info.branch()).contains("main");
        assertThat(info.vcsCommitNumber()).contains(SHA);
        assertThat(Files.readString(basedir.resolve("target/octopus/octopus.env"), UTF_8))
                .isEqualTo("OCTOPUS_PACKAGE_IDS=greeter\nOCTOPUS_PACKAGE_VERSIONS=1.4.2\nOCTOPUS_VERSION=1.4.2\n");
        assertThat(console).isEmpty();
    }

    @Test
    void jenkinsGetsBuildInformationButHasNoJobPage(@InjectMojo(goal = "push") PushMojo mojo) throws Exception {
        variables.putAll(Map.of(
                "JENKINS_URL", "https://jenkins.example.com/",
                "BUILD_NUMBER", "77",
                "BUILD_URL", "https://jenkins.example.com/job/greeter/77/",
                "GIT_BRANCH", "origin/main",
                "GIT_COMMIT", SHA));

        push(mojo);

        StoredBuildInformation info = buildInformation();
        assertThat(info.buildEnvironment()).contains("Jenkins");
        assertThat(info.buildNumber()).contains("77");
        assertThat(info.buildUrl()).contains("https://jenkins.example.com/job/greeter/77/");
        assertThat(info.branch()).contains("main");
        assertThat(info.vcsCommitNumber()).contains(SHA);
        assertThat(console).isEmpty();
        assertThat(basedir.resolve("target/octopus/octopus.env")).doesNotExist();
    }

    @Test
    void azurePipelines(@InjectMojo(goal = "push") PushMojo mojo) throws Exception {
        variables.putAll(Map.of(
                "TF_BUILD", "True",
                "BUILD_BUILDNUMBER", "20261130.3",
                "BUILD_BUILDID", "555",
                "SYSTEM_COLLECTIONURI", "https://dev.azure.com/acme/",
                "SYSTEM_TEAMPROJECT", "Greeter",
                "BUILD_SOURCEBRANCH", "refs/heads/main",
                "BUILD_SOURCEVERSION", SHA));

        push(mojo);

        StoredBuildInformation info = buildInformation();
        assertThat(info.buildEnvironment()).contains("Azure DevOps");
        assertThat(info.buildNumber()).contains("20261130.3");
        assertThat(info.buildUrl()).contains("https://dev.azure.com/acme/Greeter/_build/results?buildId=555");
        assertThat(info.branch()).contains("main");
        assertThat(info.vcsCommitNumber()).contains(SHA);
        Path summary = basedir.resolve("target/octopus/octopus-summary-1.md");
        assertThat(console)
                .containsExactly(
                        "##vso[task.setvariable variable=OCTOPUS_PACKAGE_IDS]greeter",
                        "##vso[task.setvariable variable=OCTOPUS_PACKAGE_VERSIONS]1.4.2",
                        "##vso[task.setvariable variable=OCTOPUS_VERSION]1.4.2",
                        "##vso[task.uploadsummary]" + summary);
        assertThat(Files.readString(summary, UTF_8)).contains("| 1.4.2 | 13 B | uploaded |");
    }

    @Test
    void teamCity(@InjectMojo(goal = "push") PushMojo mojo) throws Exception {
        variables.putAll(
                Map.of("TEAMCITY_VERSION", "2025.11 (build 197398)", "BUILD_NUMBER", "31", "BUILD_VCS_NUMBER", SHA));

        push(mojo);

        StoredBuildInformation info = buildInformation();
        assertThat(info.buildEnvironment()).contains("TeamCity");
        assertThat(info.buildNumber()).contains("31");
        assertThat(info.vcsCommitNumber()).contains(SHA);
        assertThat(console)
                .containsExactly(
                        "##teamcity[setParameter name='env.OCTOPUS_PACKAGE_IDS' value='greeter']",
                        "##teamcity[setParameter name='env.OCTOPUS_PACKAGE_VERSIONS' value='1.4.2']",
                        "##teamcity[setParameter name='env.OCTOPUS_VERSION' value='1.4.2']");
    }

    @Test
    void ciIntegrationFalseWritesNothing(@InjectMojo(goal = "push") PushMojo mojo) throws Exception {
        Path output = basedir.resolve("output");
        variables.putAll(Map.of("GITHUB_ACTIONS", "true", "GITHUB_OUTPUT", output.toString()));
        MojoExtension.setVariableValueToObject(mojo, "ciIntegration", false);

        push(mojo);

        assertThat(server.packages()).hasSize(1);
        assertThat(output).doesNotExist();
        assertThat(console).isEmpty();
    }

    @Test
    void teamCityGetsTheReleaseVersionTheDeploymentStateAndABuildProblem(
            @InjectMojo(goal = "create-release") CreateReleaseMojo create,
            @InjectMojo(goal = "deploy-release") DeployReleaseMojo deploy)
            throws Exception {
        server.addProject("Billing").packageStep("Deploy web", "Billing.Web");
        server.addEnvironment("Dev");
        server.scriptTasks("Dev", TaskScript.queued(0).thenFails("The step 'Deploy web' failed"));
        variables.putAll(Map.of("TEAMCITY_VERSION", "2025.11", "BUILD_NUMBER", "31"));
        Mockito.doReturn(List.of("octopus:create-release", "octopus:deploy-release"))
                .when(session)
                .getGoals();
        MojoExtension.setVariableValueToObject(create, "serverUrl", server.url().toString());
        MojoExtension.setVariableValueToObject(create, "octopusProject", "Billing");
        MojoExtension.setVariableValueToObject(create, "releaseVersion", "1.4.0");
        MojoExtension.setVariableValueToObject(create, "releasePackages", List.of("Billing.Web:1.4.0"));
        MojoExtension.setVariableValueToObject(deploy, "serverUrl", server.url().toString());
        MojoExtension.setVariableValueToObject(deploy, "environments", List.of("Dev"));

        create.execute();
        MojoFailureException e = assertThrows(MojoFailureException.class, deploy::execute);

        assertThat(e.getMessage()).startsWith("Deployment to Dev ended Failed: The step 'Deploy web' failed");
        assertThat(console)
                .hasSize(4)
                .startsWith(
                        "##teamcity[setParameter name='env.OCTOPUS_RELEASE_VERSION' value='1.4.0']",
                        "##teamcity[setParameter name='env.OCTOPUS_RELEASE_VERSION' value='1.4.0']",
                        "##teamcity[setParameter name='env.OCTOPUS_DEPLOYMENT_STATE' value='Failed']");
        assertThat(console.get(3))
                .startsWith(
                        "##teamcity[buildProblem description='Deployment to Dev ended Failed: The step |'Deploy web|'"
                                + " failed")
                .doesNotContain("\n")
                .contains("|nTask: ");
    }
}

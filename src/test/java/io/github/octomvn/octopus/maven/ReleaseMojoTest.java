package io.github.octomvn.octopus.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.octomvn.octopus.testserver.OctopusTestServer;
import java.io.IOException;
import java.nio.file.Path;
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
 * {@code create-release} and {@code deploy-release} run through the Maven Plugin Testing Harness against the test
 * server: what a dry run prints and that it sends nothing, and a deployment the server refuses.
 */
@MojoTest
class ReleaseMojoTest {
    private static final String SECRET = "s3cret-db-password";

    @TempDir
    Path basedir;

    @Inject
    MavenSession session;

    private final RecordingLog log = new RecordingLog();
    private final Map<String, String> variables = new HashMap<>();
    private MavenProject project;
    private OctopusTestServer server;

    @Provides
    MavenProject project() throws IOException {
        project = TestProject.copyOf("jar-project", basedir);
        return project;
    }

    @Provides
    ProcessEnvironment environment() {
        return new LiveEnvironment(variables);
    }

    @Provides
    Log log() {
        return log;
    }

    @BeforeEach
    void start() throws IOException {
        server = OctopusTestServer.start();
        server.addProject("Billing").packageStep("Deploy web", "Billing.Web");
        server.addEnvironment("Dev", "Test");
        variables.put("OCTOPUS_API_KEY", server.apiKey());
        variables.put("DB_PASSWORD", SECRET);
        TestSession.oneOnlineBuild(session);
        Mockito.doReturn(List.of(project)).when(session).getProjects();
        Mockito.doReturn(project).when(session).getTopLevelProject();
        Mockito.doReturn(List.of("octopus:create-release", "octopus:deploy-release"))
                .when(session)
                .getGoals();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void dryRunPrintsTheExactRequestsWithoutSecretsAndPostsNothing(
            @InjectMojo(goal = "create-release") CreateReleaseMojo create,
            @InjectMojo(goal = "deploy-release") DeployReleaseMojo deploy)
            throws Exception {
        MojoExtension.setVariableValueToObject(create, "serverUrl", server.url().toString());
        MojoExtension.setVariableValueToObject(create, "octopusProject", "Billing");
        MojoExtension.setVariableValueToObject(create, "releaseVersion", "1.4.0");
        MojoExtension.setVariableValueToObject(create, "releasePackages", List.of("Billing.Web:1.4.0"));
        MojoExtension.setVariableValueToObject(create, "releaseNotes", "Fix the invoice total");
        MojoExtension.setVariableValueToObject(create, "dryRun", true);
        MojoExtension.setVariableValueToObject(deploy, "serverUrl", server.url().toString());
        MojoExtension.setVariableValueToObject(deploy, "octopusProject", "Billing");
        MojoExtension.setVariableValueToObject(deploy, "environments", List.of("Dev"));
        MojoExtension.setVariableValueToObject(
                deploy, "variablesFromEnvironment", Map.of("Db.Password", "DB_PASSWORD"));
        MojoExtension.setVariableValueToObject(deploy, "dryRun", true);

        create.execute();
        deploy.execute(); // deploys the version the dry run of create-release would have made

        String output = String.join("\n", log.lines());
        assertThat(output)
                .contains("[INFO] Dry run: would send POST /api/Spaces-1/releases/create/v1\n{")
                .contains("\"ReleaseVersion\" : \"1.4.0\"")
                .contains("\"Billing.Web:1.4.0\"")
                .contains("[INFO] Dry run: would send POST /api/Spaces-1/deployments/create/untenanted/v1\n{")
                .contains("\"EnvironmentNames\" : [ \"Dev\" ]")
                .contains("\"Db.Password\" : \"****\"")
                .doesNotContain(SECRET)
                .doesNotContain(server.apiKey());
        assertThat(server.requests("POST", ".")).as("POSTed").isEmpty();
        assertThat(server.releases()).isEmpty();
        assertThat(server.deployments()).isEmpty();
        assertThat(basedir.resolve("target/octopus/release-report.json")).doesNotExist();
    }

    @Test
    void aDeploymentToAnUnknownEnvironmentFailsWithTheServersMessageAndDeploysNothing(
            @InjectMojo(goal = "deploy-release") DeployReleaseMojo deploy) throws Exception {
        server.seedRelease("Billing", "1.4.0");
        MojoExtension.setVariableValueToObject(deploy, "serverUrl", server.url().toString());
        MojoExtension.setVariableValueToObject(deploy, "octopusProject", "Billing");
        MojoExtension.setVariableValueToObject(deploy, "releaseVersion", "1.4.0");
        MojoExtension.setVariableValueToObject(deploy, "environments", List.of("Staging"));

        Exception failure = assertThrows(Exception.class, deploy::execute);

        assertThat(failure.getMessage()).contains("Environment 'Staging' could not be found.");
        assertThat(failure.getMessage()).doesNotContain("\n").doesNotContain(server.apiKey());
        assertThat(failure).isInstanceOf(MojoFailureException.class);
        assertThat(server.deployments()).isEmpty();
    }
}

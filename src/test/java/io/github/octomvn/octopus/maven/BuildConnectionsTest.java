package io.github.octomvn.octopus.maven;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goals of one build ask a server for its root document and its space once, through the Maven Plugin Testing
 * Harness against the test server: two modules that push and a create-release after them share the answers; a
 * second server of the same build is asked for its own.
 */
@MojoTest
class BuildConnectionsTest {
    @TempDir
    Path basedir;

    @Inject
    MavenSession session;

    private final RecordingLog log = new RecordingLog();
    private final Map<String, String> variables = new HashMap<>();
    private OctopusTestServer server;
    private OctopusTestServer other;

    @Provides
    MavenProject project() throws IOException {
        return TestProject.copyOf("jar-project", basedir);
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
        other = OctopusTestServer.builder().apiKey(server.apiKey()).start();
        other.addProject("Billing").packageStep("Deploy web", "Billing.Web");
        variables.put("OCTOPUS_API_KEY", server.apiKey());
        for (String name : List.of("Billing.Web.1.4.0.zip", "Billing.Api.1.4.0.zip")) {
            TestProject.fakePackage(basedir, name);
        }
        // one session for all the goals below: one build, as Maven runs it
        TestSession.oneOnlineBuild(session);
    }

    @AfterEach
    void stop() {
        server.close();
        other.close();
    }

    /** A module's push: what it packed goes at once (as with pushAtEnd=false). */
    private void module(PushMojo push, String file) throws IllegalAccessException {
        MojoExtension.setVariableValueToObject(push, "serverUrl", server.url().toString());
        MojoExtension.setVariableValueToObject(push, "packages", List.of("target/octopus/" + file));
    }

    private void release(CreateReleaseMojo create, OctopusTestServer to) throws IllegalAccessException {
        MojoExtension.setVariableValueToObject(create, "serverUrl", to.url().toString());
        MojoExtension.setVariableValueToObject(create, "octopusProject", "Billing");
        MojoExtension.setVariableValueToObject(create, "releaseVersion", "1.4.0");
        MojoExtension.setVariableValueToObject(create, "releasePackages", List.of("Billing.Web:1.4.0"));
    }

    private static int rootReads(OctopusTestServer server) {
        return server.requests("GET", "^/api$").size();
    }

    private static int spaceLookups(OctopusTestServer server) {
        return server.requests("GET", "^/api/spaces/").size();
    }

    @Test
    void twoModulesAndACreateReleaseReadTheRootDocumentAndTheSpaceOnce(
            @InjectMojo(goal = "push") PushMojo web,
            @InjectMojo(goal = "push") PushMojo api,
            @InjectMojo(goal = "create-release") CreateReleaseMojo create)
            throws Exception {
        module(web, "Billing.Web.1.4.0.zip");
        module(api, "Billing.Api.1.4.0.zip");
        release(create, server);

        web.execute();
        api.execute();
        create.execute();

        assertThat(server.storedPackage("Billing.Web", "1.4.0")).isPresent();
        assertThat(server.storedPackage("Billing.Api", "1.4.0")).isPresent();
        assertThat(server.release("Billing", "1.4.0")).isPresent();
        assertThat(rootReads(server)).isEqualTo(1);
        assertThat(spaceLookups(server)).isEqualTo(1);
    }

    @Test
    void aSecondServerOfTheBuildIsAskedForItself(
            @InjectMojo(goal = "push") PushMojo web,
            @InjectMojo(goal = "push") PushMojo api,
            @InjectMojo(goal = "create-release") CreateReleaseMojo create)
            throws Exception {
        module(web, "Billing.Web.1.4.0.zip");
        module(api, "Billing.Api.1.4.0.zip");
        MojoExtension.setVariableValueToObject(api, "serverUrl", other.url().toString());
        release(create, server);

        web.execute();
        api.execute();
        create.execute();

        assertThat(server.storedPackage("Billing.Api", "1.4.0")).isEmpty();
        assertThat(other.storedPackage("Billing.Api", "1.4.0")).isPresent();
        assertThat(server.release("Billing", "1.4.0")).isPresent();
        assertThat(List.of(rootReads(server), rootReads(other))).containsExactly(1, 1);
        assertThat(List.of(spaceLookups(server), spaceLookups(other))).containsExactly(1, 1);
    }
}

package io.github.octomvn.octopus.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.octomvn.octopus.testserver.OctopusTestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.inject.Inject;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real goal run tells the build log, through the Maven Plugin Testing Harness against the test server:
 * the warnings of the client and its features (retries, a record the server kept) and where the credentials
 * came from.
 */
@MojoTest
class BuildLogTest {
    @TempDir
    Path basedir;

    @Inject
    MavenSession session;

    private final RecordingLog log = new RecordingLog();
    private final Map<String, String> variables = new java.util.HashMap<>();
    private final Properties userProperties = new Properties();
    private final Settings settings = new Settings();
    private OctopusTestServer server;

    @Provides
    MavenProject project() throws IOException {
        MavenProject project = TestProject.copyOf("jar-project", basedir);
        TestProject.buildJar(project);
        return project;
    }

    @Provides
    ProcessEnvironment environment() {
        return new LiveEnvironment(variables);
    }

    /** Replaces the harness's log, which goes to SLF4J, so tests can read what the goal logged. */
    @Provides
    Log log() {
        return log;
    }

    @BeforeEach
    void start() throws IOException {
        server = OctopusTestServer.start();
        TestProject.fakePackage(basedir, "greeter.1.4.2.zip");
        TestSession.oneOnlineBuild(session, settings, userProperties);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void pointAtServer(PushMojo mojo) throws IllegalAccessException {
        MojoExtension.setVariableValueToObject(mojo, "serverUrl", server.url().toString());
        MojoExtension.setVariableValueToObject(mojo, "packages", List.of("target/octopus/greeter.1.4.2.zip"));
    }

    @Test
    @InjectMojo(goal = "push")
    void retryNoticesAndAKeptRecordReachTheBuildLog(PushMojo mojo) throws Exception {
        pointAtServer(mojo);
        MojoExtension.setVariableValueToObject(mojo, "buildInformationOverwriteMode", "IgnoreIfExists");
        MojoExtension.setVariableValueToObject(mojo, "buildNumber", "2");
        variables.put("OCTOPUS_API_KEY", server.apiKey());
        server.seedBuildInformation("greeter", "1.4.2", Map.of("BuildEnvironment", "Jenkins", "BuildNumber", "1"));
        server.failNext("GET", 1, 503, "^/api$", 0);

        mojo.execute();

        assertThat(log.lines())
                .anyMatch(line -> line.startsWith("[WARNING] Connecting to Octopus at " + server.url())
                        && line.contains("503")
                        && line.contains("retrying in"))
                .anyMatch(line -> line.startsWith("[WARNING] Build information for greeter 1.4.2 already exists on ")
                        && line.endsWith("kept the server's record (IgnoreIfExists)"));
        assertThat(server.storedPackage("greeter", "1.4.2")).isPresent();
    }

    @Test
    @InjectMojo(goal = "push")
    void endsThePushWithASummaryLine(PushMojo mojo) throws Exception {
        pointAtServer(mojo);
        variables.put("OCTOPUS_API_KEY", server.apiKey());

        mojo.execute();

        assertThat(log.lines()).last().isEqualTo("[INFO] 1 package: 1 uploaded, 0 identical, 0 failed");
    }

    @Test
    @InjectMojo(goal = "push")
    void saysWhichCredentialIsUsedAndWhichAreIgnored(PushMojo mojo) throws Exception {
        pointAtServer(mojo);
        Server entry = new Server();
        entry.setId("octopus");
        entry.setPassword("API-STALEKEY000");
        settings.addServer(entry);
        userProperties.setProperty("octopus.apiKey", server.apiKey());
        variables.put("OCTOPUS_API_KEY", server.apiKey());

        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, mojo::execute);

        assertThat(log.lines())
                .contains("[INFO] Octopus API key from settings.xml <server> octopus")
                .contains("[WARNING] Octopus credentials in -Doctopus.apiKey and the OCTOPUS_API_KEY variable differ"
                        + " from those in settings.xml <server> octopus and are ignored: settings.xml <server>,"
                        + " -Doctopus.apiKey, -Doctopus.accessToken, OIDC (-Doctopus.serviceAccountId or"
                        + " OCTOPUS_SERVICE_ACCOUNT_ID), OCTOPUS_API_KEY and OCTOPUS_ACCESS_TOKEN are tried in this"
                        + " order.");
        assertThat(failure.getMessage())
                .contains("HTTP 401")
                .contains("Check the API key (API-****) from settings.xml <server> octopus")
                .doesNotContain("STALEKEY")
                .doesNotContain(server.apiKey());
        assertThat(String.join("\n", log.lines())).doesNotContain("STALEKEY").doesNotContain(server.apiKey());
    }

    @Test
    @InjectMojo(goal = "push")
    void namesTheEnvironmentVariableWhenItIsTheOnlySource(PushMojo mojo) throws Exception {
        pointAtServer(mojo);
        variables.put("OCTOPUS_API_KEY", server.apiKey());

        mojo.execute();

        assertThat(log.lines())
                .contains("[INFO] Octopus API key from the OCTOPUS_API_KEY variable")
                .noneMatch(line -> line.startsWith("[WARNING] Octopus credentials"));
    }
}

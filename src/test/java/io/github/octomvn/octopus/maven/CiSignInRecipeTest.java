package io.github.octomvn.octopus.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
 * The sign-in of each CI recipe in the README: {@code octopus:push} is given exactly the variables that CI server
 * sets (plus what the recipe adds to the job), and must sign in with the credential the recipe intends, push the
 * package, name the credential's source in the log and never print a token.
 */
@MojoTest
class CiSignInRecipeTest {
    private static final String SERVICE_ACCOUNT = "2b9c6f0e-3d4a-4e8b-9f1c-7a6b5c4d3e2f";
    private static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImNpIn0.eyJhdWQiOiIyYjljNmYwZSJ9.c2lnbmVk";
    private static final String GITHUB_REQUEST_TOKEN = "ghs_JobRequestToken0123456789abcdef";

    @TempDir
    Path basedir;

    @Inject
    MavenSession session;

    private final RecordingLog log = new RecordingLog();
    private final Map<String, String> variables = new HashMap<>();
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

    @Provides
    Log log() {
        return log;
    }

    @BeforeEach
    void start() throws IOException {
        server = OctopusTestServer.builder()
                .serviceAccount(SERVICE_ACCOUNT, ID_TOKEN)
                .start();
        TestProject.fakePackage(basedir, "greeter.1.4.2.zip");
        TestSession.oneOnlineBuild(session, settings, new Properties());
        // every recipe gives the server by variable, so that the pom stays the same on every CI server
        variables.put("OCTOPUS_URL", server.url().toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void pushes(PushMojo mojo, String credentialLine) throws Exception {
        MojoExtension.setVariableValueToObject(mojo, "packages", List.of("target/octopus/greeter.1.4.2.zip"));

        mojo.execute();

        assertThat(server.storedPackage("greeter", "1.4.2")).isPresent();
        assertThat(log.lines()).contains("[INFO] " + credentialLine);
        String all = String.join("\n", log.lines());
        for (String secret : secrets()) {
            assertThat(all).doesNotContain(secret);
        }
        // nor in any file the goal wrote (push-report.json, build-information.json, ...)
        List<Path> written;
        try (java.util.stream.Stream<Path> files = Files.walk(basedir.resolve("target"))) {
            written = files.filter(Files::isRegularFile).collect(java.util.stream.Collectors.toList());
        }
        assertThat(written).anyMatch(file -> file.endsWith("push-report.json"));
        for (Path file : written) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : secrets()) {
                assertThat(bytes).as("%s", file).doesNotContain(secret);
            }
        }
    }

    private List<String> secrets() {
        List<String> secrets = new java.util.ArrayList<>(server.issuedAccessTokens());
        secrets.addAll(List.of(ID_TOKEN, GITHUB_REQUEST_TOKEN, server.apiKey()));
        return secrets;
    }

    /** Every API request carried the access token of the exchange, and no API key. */
    private void signedInWithOidc() {
        assertThat(server.tokenExchanges()).isEqualTo(1);
        String token = server.issuedAccessTokens().iterator().next();
        List<RecordedRequest> api = server.requests().stream()
                .filter(r -> r.path().startsWith("/api"))
                .collect(java.util.stream.Collectors.toList());
        assertThat(api).isNotEmpty().allSatisfy(r -> {
            assertThat(r.header("Authorization")).contains("Bearer " + token);
            assertThat(r.header("X-Octopus-ApiKey")).isEmpty();
        });
    }

    private void signedInWithTheApiKey() {
        assertThat(server.tokenExchanges()).isZero();
        assertThat(server.requests().stream().filter(r -> r.path().startsWith("/api")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("X-Octopus-ApiKey")).contains(server.apiKey()));
    }

    @Test
    @InjectMojo(goal = "push")
    void gitHubActionsWithIdTokenWritePermission(PushMojo mojo) throws Exception {
        String url = server.serveGitHubIdTokens(GITHUB_REQUEST_TOKEN);
        variables.putAll(Map.of(
                "GITHUB_ACTIONS", "true",
                "CI", "true",
                "GITHUB_REPOSITORY", "acme/greeter",
                "GITHUB_RUN_ID", "9876543210",
                "GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567",
                "ACTIONS_ID_TOKEN_REQUEST_URL", url,
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", GITHUB_REQUEST_TOKEN,
                // the recipe's env: block
                "OCTOPUS_SERVICE_ACCOUNT_ID", SERVICE_ACCOUNT));

        pushes(
                mojo,
                "Octopus access token from OIDC as service account " + SERVICE_ACCOUNT
                        + " (ID token from GitHub Actions)");

        signedInWithOidc();
        assertThat(server.gitHubIdTokenRequests()).isEqualTo(1);
    }

    @Test
    @InjectMojo(goal = "push")
    void gitLabCiWithAnIdTokensEntryNamedOctopusIdToken(PushMojo mojo) throws Exception {
        variables.putAll(Map.of(
                "GITLAB_CI", "true",
                "CI", "true",
                "CI_PIPELINE_ID", "4711",
                "CI_COMMIT_SHA", "0123456789abcdef0123456789abcdef01234567",
                "CI_PROJECT_URL", "https://gitlab.example.com/acme/greeter",
                // id_tokens: OCTOPUS_ID_TOKEN: aud: <service account id>
                "OCTOPUS_ID_TOKEN", ID_TOKEN,
                "OCTOPUS_SERVICE_ACCOUNT_ID", SERVICE_ACCOUNT));

        pushes(
                mojo,
                "Octopus access token from OIDC as service account " + SERVICE_ACCOUNT
                        + " (ID token from the OCTOPUS_ID_TOKEN variable)");

        signedInWithOidc();
    }

    @Test
    @InjectMojo(goal = "push")
    void gitLabCiWithACustomIdTokenName(PushMojo mojo) throws Exception {
        variables.putAll(Map.of(
                "GITLAB_CI", "true",
                "CI_PIPELINE_ID", "4712",
                // id_tokens: GITLAB_OIDC_TOKEN: ..., and -Doctopus.idTokenVariable=GITLAB_OIDC_TOKEN
                "GITLAB_OIDC_TOKEN", ID_TOKEN));
        MojoExtension.setVariableValueToObject(mojo, "serviceAccountId", SERVICE_ACCOUNT);
        MojoExtension.setVariableValueToObject(mojo, "idTokenVariable", "GITLAB_OIDC_TOKEN");

        pushes(
                mojo,
                "Octopus access token from OIDC as service account " + SERVICE_ACCOUNT
                        + " (ID token from the GITLAB_OIDC_TOKEN variable)");

        signedInWithOidc();
    }

    @Test
    @InjectMojo(goal = "push")
    void jenkinsWithTheApiKeyInSettingsXml(PushMojo mojo) throws Exception {
        variables.putAll(Map.of(
                "JENKINS_URL", "https://jenkins.example.com/",
                "BUILD_NUMBER", "42",
                "BUILD_URL", "https://jenkins.example.com/job/greeter/42/"));
        Server entry = new Server();
        entry.setId("octopus");
        entry.setPassword(server.apiKey()); // the config file provider's settings.xml
        settings.addServer(entry);

        pushes(mojo, "Octopus API key from settings.xml <server> octopus");

        signedInWithTheApiKey();
    }

    @Test
    @InjectMojo(goal = "push")
    void jenkinsWithTheApiKeyFromWithCredentials(PushMojo mojo) throws Exception {
        variables.putAll(Map.of(
                "JENKINS_URL", "https://jenkins.example.com/",
                "BUILD_NUMBER", "43",
                // withCredentials([string(credentialsId: 'octopus-api-key', variable: 'OCTOPUS_API_KEY')])
                "OCTOPUS_API_KEY", server.apiKey()));

        pushes(mojo, "Octopus API key from the OCTOPUS_API_KEY variable");

        signedInWithTheApiKey();
    }

    @Test
    @InjectMojo(goal = "push")
    void azureDevOpsWithTheApiKeyMappedIntoTheEnvironment(PushMojo mojo) throws Exception {
        variables.putAll(Map.of(
                "TF_BUILD", "True",
                "BUILD_BUILDID", "321",
                "BUILD_SOURCEVERSION", "0123456789abcdef0123456789abcdef01234567",
                // env: OCTOPUS_API_KEY: $(OctopusApiKey), a secret variable
                "OCTOPUS_API_KEY", server.apiKey()));

        pushes(mojo, "Octopus API key from the OCTOPUS_API_KEY variable");

        signedInWithTheApiKey();
    }

    @Test
    @InjectMojo(goal = "push")
    void azureDevOpsWithAnIdTokenVariable(PushMojo mojo) throws Exception {
        variables.putAll(Map.of(
                "TF_BUILD",
                "True",
                "BUILD_BUILDID",
                "322",
                // a step before asked System.OidcRequestUri for a token and set it as OCTOPUS_ID_TOKEN
                "OCTOPUS_ID_TOKEN",
                ID_TOKEN,
                "OCTOPUS_SERVICE_ACCOUNT_ID",
                SERVICE_ACCOUNT));

        pushes(
                mojo,
                "Octopus access token from OIDC as service account " + SERVICE_ACCOUNT
                        + " (ID token from the OCTOPUS_ID_TOKEN variable)");

        signedInWithOidc();
    }

    @Test
    @InjectMojo(goal = "push")
    void teamCityWithTheApiKeyFromAnEnvParameter(PushMojo mojo) throws Exception {
        variables.putAll(Map.of(
                "TEAMCITY_VERSION", "2025.07",
                "BUILD_NUMBER", "17",
                // parameter env.OCTOPUS_API_KEY of type password
                "OCTOPUS_API_KEY", server.apiKey()));

        pushes(mojo, "Octopus API key from the OCTOPUS_API_KEY variable");

        signedInWithTheApiKey();
    }

    @Test
    @InjectMojo(goal = "push")
    void teamCityWithAnIdTokenVariable(PushMojo mojo) throws Exception {
        variables.putAll(Map.of(
                "TEAMCITY_VERSION", "2025.07",
                "BUILD_NUMBER", "18",
                "OCTOPUS_ID_TOKEN", ID_TOKEN,
                "OCTOPUS_SERVICE_ACCOUNT_ID", SERVICE_ACCOUNT,
                // a stale key left in the project is ignored, with a warning
                "OCTOPUS_API_KEY", "API-STALEKEY0000"));

        pushes(
                mojo,
                "Octopus access token from OIDC as service account " + SERVICE_ACCOUNT
                        + " (ID token from the OCTOPUS_ID_TOKEN variable)");

        signedInWithOidc();
        assertThat(log.lines())
                .anyMatch(line -> line.startsWith("[WARNING] Octopus credentials in the OCTOPUS_API_KEY variable"))
                .noneMatch(line -> line.contains("STALEKEY"));
    }
}

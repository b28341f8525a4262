package io.github.octomvn.octopus.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.octomvn.octopus.reliability.ReliabilityDoc;
import io.github.octomvn.octopus.reliability.Row;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

/**
 * The goal-level bad-input corpus (issue 5): parameters, settings.xml and environment that {@code octopus:push},
 * {@code octopus:build-information} and {@code octopus:pack} refuse with one actionable line, wired by the Maven Plugin Testing Harness. Push cases
 * point at a running test server whose request log must stay empty: nothing is sent. One harness-made Mojo per
 * goal runs every case, its parameters reset to the plugin.xml defaults in between; the rows become the goal
 * section of docs/reliability.md.
 */
@MojoTest
class MojoInputCorpusTest {
    private static final List<String> PUSH_PARAMETERS = List.of(
            "serverUrl",
            "serverId",
            "space",
            "connectTimeout",
            "timeout",
            "uploadTimeout",
            "retries",
            "trustStore",
            "overwriteMode",
            "packages",
            "dryRun",
            "buildInformationOverwriteMode",
            "maxCommits");
    private static final List<String> BUILD_INFORMATION_PARAMETERS =
            List.of("serverUrl", "packageId", "version", "buildInformationOverwriteMode", "maxCommits", "dryRun");
    private static final List<String> PACK_PARAMETERS = List.of("packageId", "version", "formats", "fileSets");
    private static final List<String> CREATE_RELEASE_PARAMETERS =
            List.of("serverUrl", "octopusProject", "releaseVersion", "releasePackages", "releaseNotesFile", "dryRun");
    private static final List<String> DEPLOY_RELEASE_PARAMETERS = List.of(
            "serverUrl",
            "octopusProject",
            "releaseVersion",
            "environments",
            "tenants",
            "deployAt",
            "variablesFromEnvironment",
            "dryRun");

    @TempDir
    Path basedir;

    @Inject
    MavenSession session;

    private final SwitchableEnvironment environment = new SwitchableEnvironment();
    private OctopusTestServer server;
    private Path packageFile;

    /** The build's environment, replaced per case. */
    static final class SwitchableEnvironment extends ProcessEnvironment {
        private Map<String, String> variables = Map.of();

        SwitchableEnvironment() {
            super(Map.of());
        }

        void set(Map<String, String> variables) {
            this.variables = Map.copyOf(variables);
        }

        @Override
        public Map<String, String> variables() {
            return variables;
        }

        @Override
        public java.util.Optional<String> get(String name) {
            return java.util.Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
        }
    }

    private MavenProject project;

    @Provides
    MavenProject project() throws IOException {
        project = TestProject.copyOf("jar-project", basedir);
        TestProject.buildJar(project);
        return project;
    }

    @Provides
    ProcessEnvironment environment() {
        return environment;
    }

    @Provides
    Log log() {
        return new RecordingLog();
    }

    @BeforeEach
    void start() throws IOException {
        server = OctopusTestServer.start();
        packageFile = TestProject.fakePackage(basedir, "greeter.1.4.2.zip");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** What a case changes: goal parameters, environment variables, settings.xml servers, offline mode. */
    private static final class Setup {
        final Map<String, Object> parameters = new LinkedHashMap<>();
        final Map<String, String> environment = new HashMap<>();
        final List<Server> servers = new ArrayList<>();
        boolean offline;
        boolean noMainArtifact;

        Setup parameter(String name, Object value) {
            parameters.put(name, value);
            return this;
        }

        Setup env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        Setup server(String id, String password) {
            Server server = new Server();
            server.setId(id);
            server.setPassword(password);
            servers.add(server);
            return this;
        }

        Setup offline() {
            offline = true;
            return this;
        }

        /** As with {@code mvn octopus:pack} alone: the project's artifact has no file. */
        Setup noMainArtifact() {
            noMainArtifact = true;
            return this;
        }
    }

    @FunctionalInterface
    private interface Configure {
        Setup apply(Setup setup);
    }

    private static final class GoalCase {
        final String name;
        final String expected;
        final Configure configure;

        GoalCase(String name, String expected, Configure configure) {
            this.name = name;
            this.expected = expected;
            this.configure = configure;
        }
    }

    /** Push cases; {@code url} and {@code key} stand for the running test server's URL and API key. */
    private List<GoalCase> pushCases() {
        String url = server.url().toString();
        String key = server.apiKey();
        List<GoalCase> cases = new ArrayList<>();
        cases.add(new GoalCase(
                "missing server URL",
                "No Octopus server URL: set <serverUrl>, -Doctopus.serverUrl=https://octopus.example.com or the OCTOPUS_URL variable.",
                s -> s.env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "server URL without a scheme (OCTOPUS_URL)",
                "Invalid Octopus server URL 'octopus.example.com': use http(s)://host[:port][/path], e.g. https://octopus.example.com.",
                s -> s.env("OCTOPUS_URL", "octopus.example.com").env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "malformed server URL",
                "Invalid Octopus server URL 'https://octo pus.example.com': Illegal character in authority. Use e.g. https://octopus.example.com.",
                s -> s.parameter("serverUrl", "https://octo pus.example.com").env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "server URL with a password",
                "The Octopus server URL must not contain a user name or password; supply an API key instead (for example through the settings.xml server entry) (fix <serverUrl>, -Doctopus.serverUrl or OCTOPUS_URL)",
                s -> s.parameter("serverUrl", url.replace("://", "://admin:s3cret@"))
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "missing credentials",
                "No Octopus credentials: add <server><id>octopus</id><password>API-...</password></server> to settings.xml, or set the OCTOPUS_API_KEY variable (or OCTOPUS_ACCESS_TOKEN), or sign in keyless with -Doctopus.serviceAccountId (or OCTOPUS_SERVICE_ACCOUNT_ID).",
                s -> s.parameter("serverUrl", url)));
        cases.add(new GoalCase(
                "API key with a line break inside",
                "The Octopus API key from the OCTOPUS_API_KEY variable contains spaces, line breaks or non-ASCII characters: copy it again as one line, exactly as Octopus shows it.",
                s -> s.parameter("serverUrl", url).env("OCTOPUS_API_KEY", "API-ABC\nDEF")));
        cases.add(new GoalCase(
                "access token with a space inside",
                "The Octopus access token from the OCTOPUS_ACCESS_TOKEN variable contains spaces, line breaks or non-ASCII characters: copy it again as one line, exactly as Octopus shows it.",
                s -> s.parameter("serverUrl", url).env("OCTOPUS_ACCESS_TOKEN", "eyJ hbGc")));
        cases.add(new GoalCase(
                "unknown settings.xml server id",
                "settings.xml has no <server> with id 'prod-octopus'. Add <server><id>prod-octopus</id><password>API-...</password></server> to settings.xml, or fix <serverId> / -Doctopus.serverId.",
                s -> s.parameter("serverUrl", url)
                        .parameter("serverId", "prod-octopus")
                        .server("octopus", key)));
        cases.add(new GoalCase(
                "settings.xml server without a password",
                "The settings.xml <server> 'octopus' has no <password>: put the Octopus API key there (encrypt it with mvn -ep).",
                s -> s.parameter("serverUrl", url).server("octopus", null)));
        cases.add(new GoalCase(
                "negative connectTimeout",
                "Invalid <connectTimeout> -1: give a positive number of seconds (-Doctopus.connectTimeout=30).",
                s -> s.parameter("serverUrl", url)
                        .parameter("connectTimeout", -1)
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "zero timeout",
                "Invalid <timeout> 0: give a positive number of seconds (-Doctopus.timeout=60).",
                s -> s.parameter("serverUrl", url).parameter("timeout", 0).env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "negative uploadTimeout",
                "Invalid <uploadTimeout> -5: give a positive number of seconds (-Doctopus.uploadTimeout=3600).",
                s -> s.parameter("serverUrl", url)
                        .parameter("uploadTimeout", -5)
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "negative retries",
                "Invalid <retries> -1: give 0 (no retries) or more (-Doctopus.retries=3).",
                s -> s.parameter("serverUrl", url).parameter("retries", -1).env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "unknown overwrite mode",
                "Unknown overwrite mode 'Replace'; valid values are FailIfExists, OverwriteExisting, IgnoreIfExists: fix"
                        + " <overwriteMode> or -Doctopus.overwriteMode.",
                s -> s.parameter("serverUrl", url)
                        .parameter("overwriteMode", "Replace")
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "offline (-o)",
                "Maven is offline (-o), so octopus:push cannot reach http://127.0.0.1:PORT. Run without -o, or skip the goal with -Doctopus.push.skip.",
                s -> s.parameter("serverUrl", url).env("OCTOPUS_API_KEY", key).offline()));
        cases.add(new GoalCase(
                "trust store that does not exist",
                "The trust store <basedir>/missing.p12 does not exist. Fix <trustStore> or -Doctopus.trustStore.",
                s -> s.parameter("serverUrl", url)
                        .parameter("trustStore", basedir.resolve("missing.p12").toFile())
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "packages glob that matches nothing",
                "No package file matches 'target/octopus/*.tar.gz' (searched <basedir>/target/octopus). Check -Doctopus.packages, or run mvn package first.",
                s -> s.parameter("serverUrl", url)
                        .parameter("packages", List.of("target/octopus/*.tar.gz"))
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "packages naming a directory",
                "'target/octopus' is a directory: name package files, or a glob such as target/octopus/*.zip.",
                s -> s.parameter("serverUrl", url)
                        .parameter("packages", List.of("target/octopus"))
                        .env("OCTOPUS_API_KEY", key)));
        return cases;
    }

    /** Build-information cases: the same server parameters as push, plus its own. */
    private List<GoalCase> buildInformationCases() {
        String url = server.url().toString();
        String key = server.apiKey();
        List<GoalCase> cases = new ArrayList<>();
        cases.add(new GoalCase(
                "unknown build-information overwrite mode",
                "Unknown overwrite mode 'Always'; valid values are FailIfExists, OverwriteExisting, IgnoreIfExists: fix"
                        + " <buildInformationOverwriteMode> or -Doctopus.buildInformation.overwriteMode.",
                s -> s.parameter("serverUrl", url)
                        .parameter("buildInformationOverwriteMode", "Always")
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "maxCommits of 0",
                "Invalid <maxCommits> 0: give 1 or more (-Doctopus.buildInformation.maxCommits=100).",
                s -> s.parameter("serverUrl", url).parameter("maxCommits", 0).env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "invalid packageId",
                "Invalid Octopus package ID 'greeter app': the character ' ' is not allowed (only ASCII letters, digits"
                        + " and single '.', '-' or '_' between them). Use e.g. 'greeter-app' (set <packageId> or"
                        + " -Doctopus.packageId=...).",
                s -> s.parameter("serverUrl", url)
                        .parameter("packageId", "greeter app")
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "version Octopus cannot take",
                "Invalid Octopus version 'next': it must be 1 to 4 numbers separated by '.', optionally followed by"
                        + " -label and +metadata made of ASCII letters, digits and '-' in '.'-separated parts (e.g."
                        + " 1.2.3-beta.1). Set <version> or -Doctopus.version=1.2.3.",
                s -> s.parameter("serverUrl", url).parameter("version", "next").env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "missing credentials",
                "No Octopus credentials: add <server><id>octopus</id><password>API-...</password></server> to"
                        + " settings.xml, or set the OCTOPUS_API_KEY variable (or OCTOPUS_ACCESS_TOKEN), or sign in"
                        + " keyless with -Doctopus.serviceAccountId (or OCTOPUS_SERVICE_ACCOUNT_ID).",
                s -> s.parameter("serverUrl", url)));
        return cases;
    }

    private List<GoalCase> packCases() {
        List<GoalCase> cases = new ArrayList<>();
        cases.add(new GoalCase(
                "invalid packageId",
                "Invalid Octopus package ID 'greeter app': the character ' ' is not allowed (only ASCII letters, digits and single '.', '-' or '_' between them). Use e.g. 'greeter-app' (set <packageId> or -Doctopus.packageId=...).",
                s -> s.parameter("packageId", "greeter app")));
        cases.add(new GoalCase(
                "unsupported format",
                "Unknown package format 'jar': use one of zip, tar.gz (or tgz), artifact.",
                s -> s.parameter("formats", List.of("zip,jar"))));
        cases.add(new GoalCase(
                "unmappable version",
                "Invalid Octopus version 'latest': it must be 1 to 4 numbers separated by '.', optionally followed by -label and +metadata made of ASCII letters, digits and '-' in '.'-separated parts (e.g. 1.2.3-beta.1). Set <version> or -Doctopus.version=1.2.3.",
                s -> s.parameter("version", "latest")));
        cases.add(new GoalCase(
                "fileSet without a directory",
                "A <fileSet> has no <directory>. Add <directory>path/to/files</directory> to it.",
                s -> s.parameter("fileSets", List.of(fileSet(null, "")))));
        cases.add(new GoalCase(
                "fileSet outputDirectory escaping the package",
                "Invalid file set prefix '../../etc': '..' would place files outside the package's extraction directory. Use e.g. 'bin/'.",
                s -> s.parameter("fileSets", List.of(fileSet(new File("src/main/octopus"), "../../etc")))));
        cases.add(new GoalCase(
                "fileSet fileMode that is not octal",
                "Invalid file mode 'rwx': use three octal digits with an optional leading 0, e.g. 0755 or 0644.",
                s -> {
                    PackFileSet set = fileSet(new File("src/main/octopus"), "bin");
                    set.setFileMode("rwx");
                    return s.parameter("fileSets", List.of(set));
                }));
        cases.add(new GoalCase(
                "jar project packed before its jar is built (octopus:pack alone)",
                "octopus:pack found no main artifact for jar project greeter: run mvn package (or set -Doctopus.includeArtifact=false to pack without it).",
                Setup::noMainArtifact));
        return cases;
    }

    /** create-release cases: refused before the goal connects, so the server sees nothing. */
    private List<GoalCase> createReleaseCases() {
        String url = server.url().toString();
        String key = server.apiKey();
        List<GoalCase> cases = new ArrayList<>();
        cases.add(new GoalCase(
                "no project",
                "No Octopus project: set <octopusProject> or -Doctopus.project=Billing.",
                s -> s.parameter("serverUrl", url).env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "releasePackages entry without a version",
                "'greeter' is not a package version: write PackageId:Version, StepName:Version or"
                        + " StepName:PackageReferenceName:Version (a colon inside a name as \\:) (fix <releasePackages>"
                        + " or -Doctopus.releasePackages)",
                s -> s.parameter("serverUrl", url)
                        .parameter("octopusProject", "Billing")
                        .parameter("releaseVersion", "1.4.0")
                        .parameter("releasePackages", List.of("greeter"))
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "releaseNotesFile that does not exist",
                "The release notes file <basedir>/NOTES.md does not exist: fix <releaseNotesFile> or"
                        + " -Doctopus.releaseNotesFile.",
                s -> s.parameter("serverUrl", url)
                        .parameter("octopusProject", "Billing")
                        .parameter(
                                "releaseNotesFile", basedir.resolve("NOTES.md").toFile())
                        .env("OCTOPUS_API_KEY", key)));
        return cases;
    }

    /** deploy-release cases: refused before the goal connects, so the server sees nothing. */
    private List<GoalCase> deployReleaseCases() {
        String url = server.url().toString();
        String key = server.apiKey();
        List<GoalCase> cases = new ArrayList<>();
        cases.add(new GoalCase(
                "no project",
                "No Octopus project to deploy: set <octopusProject> or -Doctopus.project=...",
                s -> s.parameter("serverUrl", url)
                        .parameter("releaseVersion", "1.4.0")
                        .parameter("environments", List.of("Dev"))
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "no release version and no release made in this build",
                "No release to deploy: run create-release in the same build, or set <releaseVersion> or"
                        + " -Doctopus.releaseVersion=1.4.0.",
                s -> s.parameter("serverUrl", url)
                        .parameter("octopusProject", "Billing")
                        .parameter("environments", List.of("Dev"))
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "no environment",
                "No environment to deploy Billing 1.4.0 to: name at least one environment (see <environments>,"
                        + " <tenants>, <tenantTags>, <deployAt>, <noDeployAfter> or -Doctopus.environments)",
                s -> s.parameter("serverUrl", url)
                        .parameter("octopusProject", "Billing")
                        .parameter("releaseVersion", "1.4.0")
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "tenanted deployment to two environments",
                "A tenanted deployment goes to one environment, not 2 (Dev, Test): deploy to each environment"
                        + " separately (see <environments>, <tenants>, <tenantTags>, <deployAt>, <noDeployAfter> or"
                        + " -Doctopus.environments)",
                s -> s.parameter("serverUrl", url)
                        .parameter("octopusProject", "Billing")
                        .parameter("releaseVersion", "1.4.0")
                        .parameter("environments", List.of("Dev", "Test"))
                        .parameter("tenants", List.of("Acme"))
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "deployAt without an offset",
                "<deployAt> '2026-12-01T22:00' is not an ISO-8601 time with an offset, such as"
                        + " 2026-12-01T22:00:00+01:00 (fix -Doctopus.deployAt).",
                s -> s.parameter("serverUrl", url)
                        .parameter("octopusProject", "Billing")
                        .parameter("releaseVersion", "1.4.0")
                        .parameter("environments", List.of("Dev"))
                        .parameter("deployAt", "2026-12-01T22:00")
                        .env("OCTOPUS_API_KEY", key)));
        cases.add(new GoalCase(
                "secret variable whose environment variable is not set",
                "The environment variable DB_PASSWORD for the Octopus variable Db.Password is not set (see"
                        + " <variablesFromEnvironment>).",
                s -> s.parameter("serverUrl", url)
                        .parameter("octopusProject", "Billing")
                        .parameter("releaseVersion", "1.4.0")
                        .parameter("environments", List.of("Dev"))
                        .parameter("variablesFromEnvironment", Map.of("Db.Password", "DB_PASSWORD"))
                        .env("OCTOPUS_API_KEY", key)));
        return cases;
    }

    private static PackFileSet fileSet(File directory, String outputDirectory) {
        PackFileSet set = new PackFileSet();
        set.setDirectory(directory);
        set.setOutputDirectory(outputDirectory);
        return set;
    }

    @TestFactory
    @InjectMojo(goal = "push")
    Stream<DynamicNode> pushRefusesBadInputBeforeSendingAnything(PushMojo mojo) throws Exception {
        // Each push case names the package file, as -Doctopus.packages would, so that the goal reaches its checks.
        MojoExtension.setVariableValueToObject(mojo, "packages", List.of("target/octopus/greeter.1.4.2.zip"));
        return run(mojo, PUSH_PARAMETERS, pushCases(), "bad-input-push-goal", "octopus:push");
    }

    @TestFactory
    @InjectMojo(goal = "build-information")
    Stream<DynamicNode> buildInformationRefusesBadInputBeforeSendingAnything(BuildInformationMojo mojo)
            throws Exception {
        return run(
                mojo,
                BUILD_INFORMATION_PARAMETERS,
                buildInformationCases(),
                "bad-input-build-information-goal",
                "octopus:build-information");
    }

    @TestFactory
    @InjectMojo(goal = "pack")
    Stream<DynamicNode> packRefusesBadInputBeforeWritingAnything(PackMojo mojo) throws Exception {
        return run(mojo, PACK_PARAMETERS, packCases(), "bad-input-pack-goal", "octopus:pack");
    }

    @TestFactory
    @InjectMojo(goal = "create-release")
    Stream<DynamicNode> createReleaseRefusesBadInputBeforeSendingAnything(CreateReleaseMojo mojo) throws Exception {
        return run(
                mojo,
                CREATE_RELEASE_PARAMETERS,
                createReleaseCases(),
                "bad-input-create-release-goal",
                "octopus:create-release");
    }

    @TestFactory
    @InjectMojo(goal = "deploy-release")
    Stream<DynamicNode> deployReleaseRefusesBadInputBeforeSendingAnything(DeployReleaseMojo mojo) throws Exception {
        return run(
                mojo,
                DEPLOY_RELEASE_PARAMETERS,
                deployReleaseCases(),
                "bad-input-deploy-release-goal",
                "octopus:deploy-release");
    }

    private Stream<DynamicNode> run(
            Mojo mojo, List<String> parameters, List<GoalCase> cases, String section, String goal) throws Exception {
        Map<String, Object> defaults = new HashMap<>();
        for (String parameter : parameters) {
            defaults.put(parameter, MojoExtension.getVariableValueFromObject(mojo, parameter));
        }
        List<Row> rows = Collections.synchronizedList(new ArrayList<>());
        Stream<DynamicNode> tests = cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name, () -> {
                    Setup setup = c.configure.apply(new Setup());
                    for (String parameter : parameters) {
                        MojoExtension.setVariableValueToObject(
                                mojo, parameter, setup.parameters.getOrDefault(parameter, defaults.get(parameter)));
                    }
                    environment.set(setup.environment);
                    // The harness's session is a Mockito mock without settings.xml: give it this case's.
                    Settings settings = new Settings();
                    setup.servers.forEach(settings::addServer);
                    settings.setOffline(setup.offline);
                    Mockito.doReturn(settings).when(session).getSettings();
                    Mockito.doReturn(setup.offline).when(session).isOffline();
                    Mockito.doReturn(new DefaultMavenExecutionResult())
                            .when(session)
                            .getResult();
                    // fresh build-scoped state (the release goals act once per build), one module, run by hand
                    Mockito.doReturn(new DefaultRepositorySystemSession())
                            .when(session)
                            .getRepositorySession();
                    Mockito.doReturn(List.of(project)).when(session).getProjects();
                    Mockito.doReturn(project).when(session).getTopLevelProject();
                    Mockito.doReturn(List.of(goal)).when(session).getGoals();
                    server.clearRequests();

                    File artifactFile = project.getArtifact().getFile();
                    if (setup.noMainArtifact) {
                        project.getArtifact().setFile(null);
                    }
                    String message = null;
                    try {
                        mojo.execute();
                    } catch (MojoFailureException | MojoExecutionException e) {
                        message = e.getMessage();
                    } finally {
                        project.getArtifact().setFile(artifactFile);
                    }
                    if (message == null) {
                        fail("no error for " + c.name);
                    }
                    String line = ReliabilityDoc.normalise(message, Map.of(basedir.toString(), "<basedir>"));
                    assertThat(line)
                            .doesNotContain("\n")
                            .doesNotContain("s3cret")
                            .doesNotContain(server.apiKey());
                    assertThat(server.requests()).as("requests sent").isEmpty();
                    assertThat(packagesWritten()).as("packages written").isEmpty();
                    assertThat(line).isEqualTo(c.expected);
                    rows.add(new Row(goal, c.name, line, "nothing sent, nothing written"));
                }));
        DynamicTest render = DynamicTest.dynamicTest("docs/reliability.md shows these rows", () -> {
            assertThat(rows).as("every case passed").hasSize(cases.size());
            ReliabilityDoc.ofProject().check(section, ReliabilityDoc.table(rows));
        });
        return Stream.concat(tests, Stream.of(render));
    }

    /** Package files other than the one the push cases name. */
    private List<Path> packagesWritten() throws IOException {
        try (Stream<Path> files = Files.list(basedir.resolve("target/octopus"))) {
            return files.filter(f -> !f.equals(packageFile)).collect(Collectors.toList());
        }
    }
}

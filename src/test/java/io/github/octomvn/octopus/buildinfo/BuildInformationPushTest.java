package io.github.octomvn.octopus.buildinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.client.Credential;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ServerFixture;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.Permission;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import io.github.octomvn.octopus.testserver.StoredBuildInformation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pushing build information: outcomes, conflicts and errors against the test server. */
class BuildInformationPushTest {

    static final String HEAD = "4567def04567def04567def04567def04567def0";
    static final String PARENT = "0123abc00123abc00123abc00123abc00123abc0";

    private ServerFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    static BuildInformation info(String buildNumber, String commit, Commit... commits) {
        return BuildInformation.builder()
                .buildEnvironment("Jenkins")
                .buildNumber(buildNumber)
                .buildUrl("https://ci.example/job/app/" + buildNumber)
                .branch("main")
                .vcsType("Git")
                .vcsRoot("https://github.com/org/repo")
                .vcsCommitNumber(commit)
                .commits(List.of(commits))
                .build();
    }

    static BuildInformation headBuild(String buildNumber) {
        return info(
                buildNumber,
                HEAD,
                new Commit(HEAD, "PROJ-12 fix login\r\n\r\nLonger text"),
                new Commit(PARENT, "PROJ-11 add login"));
    }

    static BuildInformationRequest request(String version, OverwriteMode mode, BuildInformation info) {
        return new BuildInformationRequest("MyApp.Web", version, mode, info);
    }

    private BuildInformationResult push(BuildInformationRequest request) throws OctopusException {
        return push(fixture.settings().build(), request);
    }

    private BuildInformationResult push(ServerSettings settings, BuildInformationRequest request)
            throws OctopusException {
        OctopusClient client = fixture.connect(settings);
        return BuildInformationPusher.of(client).push(client.resolveSpace(Optional.empty()), request);
    }

    private void seed(String version, BuildInformation info) {
        fixture.server.seedBuildInformation("MyApp.Web", version, asMap(info));
    }

    static Map<String, Object> asMap(BuildInformation info) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body =
                (Map<String, Object>) new BuildInformationRequest("X", "1.0.0", OverwriteMode.FailIfExists, info)
                        .toJsonMap()
                        .get("OctopusBuildInformation");
        return body;
    }

    @Test
    void createsTheRecordWithTheModeInQueryAndBody() throws Exception {
        fixture = ServerFixture.start();

        BuildInformationResult result = push(request("1.2.3", OverwriteMode.FailIfExists, headBuild("42")));

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.CREATED);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.record().id()).isEqualTo("BuildInformation-1");
        assertThat(result.record().buildInformation().commits()).hasSize(2);
        assertThat(result.webUrl())
                .isEqualTo(fixture.server.url() + "/app#/Spaces-1/library/buildinformation/BuildInformation-1");
        assertThat(result.describe()).isEqualTo("Pushed build information for MyApp.Web 1.2.3");
        RecordedRequest post =
                fixture.server.requests("POST", "build-information").get(0);
        assertThat(post.path()).isEqualTo("/api/Spaces-1/build-information");
        assertThat(post.query()).isEqualTo("overwriteMode=FailIfExists");
        assertThat(post.header("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(new String(post.body().orElseThrow(), StandardCharsets.UTF_8))
                .contains("\"OverwriteMode\":\"FailIfExists\"", "\"PackageId\":\"MyApp.Web\"");
        StoredBuildInformation stored =
                fixture.server.buildInformation("MyApp.Web", "1.2.3").orElseThrow();
        assertThat(stored.vcsCommitNumber()).contains(HEAD);
        assertThat(stored.commits().get(0).comment()).contains("PROJ-12 fix login\r\n\r\nLonger text");
    }

    @Test
    void anIdenticalReRunSucceedsUnderFailIfExistsWithoutPosting() throws Exception {
        fixture = ServerFixture.start();
        push(request("1.2.3", OverwriteMode.FailIfExists, headBuild("42")));

        BuildInformationResult again = push(request("1.2.3", OverwriteMode.FailIfExists, headBuild("42")));

        assertThat(again.outcome()).isEqualTo(BuildInformationOutcome.IDENTICAL);
        assertThat(again.attempts()).isZero();
        assertThat(again.differingFields()).isEmpty();
        assertThat(fixture.server.requests("POST", "build-information")).hasSize(1);
        assertThat(fixture.server.buildInformationWriteCount("MyApp.Web", "1.2.3"))
                .isEqualTo(1);
    }

    @Test
    void aCiReRunOfTheSameCommitWithANewBuildNumberCountsAsIdentical() throws Exception {
        fixture = ServerFixture.start();
        seed("1.2.3", headBuild("42"));

        BuildInformationResult rerun = push(request("1.2.3", OverwriteMode.FailIfExists, headBuild("43")));

        assertThat(rerun.outcome()).isEqualTo(BuildInformationOutcome.IDENTICAL);
        assertThat(rerun.differingFields()).containsExactly("BuildNumber", "BuildUrl");
        assertThat(rerun.describe()).contains("same commit", "BuildNumber, BuildUrl");
        assertThat(fixture.server.requests("POST", "build-information")).isEmpty();
    }

    @Test
    void aReRunThatFoundAnotherCommitRangeKeepsTheRecordOfTheSameCommit() throws Exception {
        fixture = ServerFixture.start();
        seed("1.2.3", headBuild("42"));
        BuildInformation narrower = BuildInformation.builder()
                .buildEnvironment("Jenkins")
                .buildNumber("42")
                .buildUrl("https://ci.example/job/app/42")
                .branch("release/1.2")
                .vcsType("git")
                .vcsRoot("https://github.com/org/repo")
                .vcsCommitNumber(HEAD)
                .commits(List.of(new Commit(HEAD, "PROJ-12 fix login")))
                .build();

        BuildInformationResult rerun = push(request("1.2.3", OverwriteMode.FailIfExists, narrower));

        assertThat(rerun.outcome()).isEqualTo(BuildInformationOutcome.IDENTICAL);
        assertThat(rerun.differingFields()).containsExactly("Branch", "Commits");
        assertThat(rerun.record().buildInformation().commits()).hasSize(2);
        assertThat(fixture.server.requests("POST", "build-information")).isEmpty();
    }

    @Test
    void withoutCommitNumbersEveryFieldCounts() throws Exception {
        fixture = ServerFixture.start();
        BuildInformation noGit = BuildInformation.builder().buildNumber("1").build();
        fixture.server.seedBuildInformation("MyApp.Web", "1.2.3", asMap(noGit));

        assertThatThrownBy(() -> push(request(
                        "1.2.3",
                        OverwriteMode.FailIfExists,
                        BuildInformation.builder().buildNumber("2").build())))
                .isInstanceOfSatisfying(
                        OctopusException.class,
                        e -> assertThat(e.getMessage()).contains("BuildNumber (server 1, local 2)"));
    }

    @Test
    void failsWithOneActionableLineWhenTheStoredRecordHasAnotherCommit() throws Exception {
        fixture = ServerFixture.start();
        seed("1.2.3", info("41", PARENT, new Commit(PARENT, "PROJ-11 add login")));

        assertThatThrownBy(() -> push(request("1.2.3", OverwriteMode.FailIfExists, headBuild("42"))))
                .isInstanceOfSatisfying(OctopusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OctopusException.Kind.CONFLICT);
                    assertThat(e.getMessage())
                            .startsWith("Build information for MyApp.Web 1.2.3 already exists on "
                                    + fixture.server.url() + " (space Default (Spaces-1)) with different")
                            .contains("VcsCommitNumber (server " + PARENT + ", local " + HEAD + ")")
                            .contains("Commits (server 1 commit, local 2 commits)")
                            .contains("the build information overwrite mode OverwriteExisting")
                            .doesNotContain("\n");
                });
        assertThat(fixture.server.requests("POST", "build-information")).isEmpty();
    }

    @Test
    void keepsTheServersRecordUnderIgnoreIfExistsWithAWarning() throws Exception {
        fixture = ServerFixture.start();
        seed("1.2.3", info("41", PARENT));

        BuildInformationResult result = push(request("1.2.3", OverwriteMode.IgnoreIfExists, headBuild("42")));

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.KEPT_EXISTING);
        assertThat(result.record().buildInformation().vcsCommitNumber()).contains(PARENT);
        assertThat(result.differingFields()).contains("VcsCommitNumber", "Commits");
        assertThat(fixture.warnings).anySatisfy(w -> assertThat(w).contains("kept the server's record"));
        assertThat(fixture.server
                        .buildInformation("MyApp.Web", "1.2.3")
                        .orElseThrow()
                        .vcsCommitNumber())
                .contains(PARENT);
    }

    @Test
    void replacesUnderOverwriteExisting() throws Exception {
        fixture = ServerFixture.start();
        seed("1.2.3", info("41", PARENT));

        BuildInformationResult result = push(request("1.2.3", OverwriteMode.OverwriteExisting, headBuild("42")));

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.REPLACED);
        assertThat(result.record().buildInformation().vcsCommitNumber()).contains(HEAD);
        assertThat(fixture.server.requests("POST", "build-information").get(0).query())
                .isEqualTo("overwriteMode=OverwriteExisting");
        assertThat(fixture.server
                        .buildInformation("MyApp.Web", "1.2.3")
                        .orElseThrow()
                        .buildNumber())
                .contains("42");
    }

    @Test
    void overwriteExistingOfTheSameCommitStillSendsTheNewBuildNumber() throws Exception {
        fixture = ServerFixture.start();
        seed("1.2.3", headBuild("42"));

        BuildInformationResult result = push(request("1.2.3", OverwriteMode.OverwriteExisting, headBuild("43")));

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.REPLACED);
        assertThat(fixture.server
                        .buildInformation("MyApp.Web", "1.2.3")
                        .orElseThrow()
                        .buildNumber())
                .contains("43");
    }

    @Test
    void aPushOnlyKeyPushesWithoutTheCheckAndWarnsAboutIt() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder()
                .addApiKey("API-PUSHONLY", Permission.BuildInformationPush)
                .start());

        BuildInformationResult result = push(
                fixture.settings(Credential.apiKey("API-PUSHONLY")).build(),
                request("1.2.3", OverwriteMode.FailIfExists, headBuild("42")));

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.CREATED);
        assertThat(fixture.warnings)
                .anySatisfy(w -> assertThat(w).contains("Cannot check whether build information for MyApp.Web 1.2.3"));
    }

    @Test
    void aPushOnlyKeyConflictsWithTheServersOwnWordsWhenItCannotCompare() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder()
                .addApiKey("API-PUSHONLY", Permission.BuildInformationPush)
                .start());
        seed("1.2.3", info("41", PARENT));

        assertThatThrownBy(() -> push(
                        fixture.settings(Credential.apiKey("API-PUSHONLY")).build(),
                        request("1.2.3", OverwriteMode.FailIfExists, headBuild("42"))))
                .isInstanceOfSatisfying(OctopusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OctopusException.Kind.CONFLICT);
                    assertThat(e.status()).hasValue(409);
                    assertThat(e.getMessage())
                            .contains("Metadata for the specified Package ID and version already exists")
                            .contains("the build information overwrite mode OverwriteExisting");
                });
    }

    @Test
    void aPushOnlyKeyLearnsFromTheAnswerThatIgnoreIfExistsKeptAnotherRecord() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder()
                .addApiKey("API-PUSHONLY", Permission.BuildInformationPush)
                .start());
        seed("1.2.3", info("41", PARENT));

        BuildInformationResult result = push(
                fixture.settings(Credential.apiKey("API-PUSHONLY")).build(),
                request("1.2.3", OverwriteMode.IgnoreIfExists, headBuild("42")));

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.KEPT_EXISTING);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.record().buildInformation().vcsCommitNumber()).contains(PARENT);
        assertThat(result.describe()).startsWith("Build information for MyApp.Web 1.2.3 already existed, kept");
    }

    @Test
    void aSuccessAnsweredWithAnEmptyBodyIsCreated() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder()
                .answerBuildInformationPushesWith(200, null, "")
                .start());

        BuildInformationResult result = push(request("1.2.3", OverwriteMode.FailIfExists, headBuild("42")));

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.CREATED);
        assertThat(result.describe()).isEqualTo("Pushed build information for MyApp.Web 1.2.3");
        assertThat(result.record().buildInformation().vcsCommitNumber()).contains(HEAD);
        assertThat(result.webUrl()).isEqualTo(fixture.server.url() + "/app#/Spaces-1/library/buildinformation");
        assertThat(fixture.server.buildInformation("MyApp.Web", "1.2.3")).isPresent();
    }

    @Test
    void aReplacementAnsweredWithPlainTextIsReplaced() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder()
                .answerBuildInformationPushesWith(201, "text/plain", "Created")
                .start());
        seed("1.2.3", info("41", PARENT));

        BuildInformationResult result = push(request("1.2.3", OverwriteMode.OverwriteExisting, headBuild("42")));

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.REPLACED);
        assertThat(fixture.server
                        .buildInformation("MyApp.Web", "1.2.3")
                        .orElseThrow()
                        .vcsCommitNumber())
                .contains(HEAD);
    }

    @Test
    void namesTheAdministerPermissionWhenReplacingIsForbidden() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder()
                .addApiKey("API-PUSHONLY", Permission.BuildInformationPush, Permission.FeedView)
                .start());
        seed("1.2.3", info("41", PARENT));

        assertThatThrownBy(() -> push(
                        fixture.settings(Credential.apiKey("API-PUSHONLY")).build(),
                        request("1.2.3", OverwriteMode.OverwriteExisting, headBuild("42"))))
                .isInstanceOfSatisfying(OctopusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OctopusException.Kind.PERMISSION);
                    assertThat(e.getMessage())
                            .contains("Missing permission: BuildInformationAdminister")
                            .contains("Replacing build information needs the BuildInformationAdminister permission")
                            .contains("the build information overwrite mode IgnoreIfExists");
                });
    }

    @Test
    void namesThePushPermissionWhenPushingIsForbidden() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder()
                .addApiKey("API-VIEWONLY", Permission.FeedView)
                .start());

        assertThatThrownBy(() -> push(
                        fixture.settings(Credential.apiKey("API-VIEWONLY")).build(),
                        request("1.2.3", OverwriteMode.FailIfExists, headBuild("42"))))
                .isInstanceOfSatisfying(OctopusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OctopusException.Kind.PERMISSION);
                    assertThat(e.getMessage()).contains("needs the BuildInformationPush permission");
                });
    }

    @Test
    void reportsAnInvalidVersionWithTheServersTextAndAHint() throws Exception {
        fixture = ServerFixture.start();

        assertThatThrownBy(() -> push(request("not a version", OverwriteMode.FailIfExists, headBuild("42"))))
                .isInstanceOfSatisfying(OctopusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OctopusException.Kind.VALIDATION);
                    assertThat(e.getMessage())
                            .contains("HTTP 400")
                            .contains("The version is invalid. Please supply a valid semver version number.")
                            .contains("Check the package ID 'MyApp.Web' and the version 'not a version'");
                });
        assertThat(fixture.server.requests("POST", "build-information")).hasSize(1);
    }

    @Test
    void refusesWithoutSendingOnServersBeforeBuildInformation() throws Exception {
        fixture = new ServerFixture(
                OctopusTestServer.builder().withoutBuildInformation().start());

        assertThatThrownBy(() -> push(request("1.2.3", OverwriteMode.FailIfExists, headBuild("42"))))
                .isInstanceOfSatisfying(OctopusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OctopusException.Kind.UNSUPPORTED_SERVER);
                    assertThat(e.getMessage())
                            .contains("version 2019.8.3")
                            .contains("does not support build information, which needs Octopus 2019.9.0 or newer");
                });
        assertThat(fixture.server.requests("POST", "build-information")).isEmpty();
    }

    @Test
    void refusesOnServersWithoutSpaces() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder().legacy().start());

        assertThatThrownBy(() -> push(request("1.2.3", OverwriteMode.FailIfExists, headBuild("42"))))
                .isInstanceOfSatisfying(
                        OctopusException.class,
                        e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.UNSUPPORTED_SERVER));
        assertThat(fixture.server.requests("POST", "build-information")).isEmpty();
    }

    @Test
    void readsTheSpaceDocumentWhenNoDefaultSpaceLinksBuildInformationInTheRoot() throws Exception {
        fixture = new ServerFixture(
                OctopusTestServer.builder().space("Spaces-7", "Team C", false).start());
        OctopusClient client = fixture.connect();
        assertThat(client.capabilities().buildInformation()).isFalse();
        Space space = client.resolveSpace(Optional.of("Team C"));

        BuildInformationResult result = BuildInformationPusher.of(client)
                .push(space, request("1.2.3", OverwriteMode.FailIfExists, headBuild("42")));

        assertThat(result.outcome()).isEqualTo(BuildInformationOutcome.CREATED);
        assertThat(fixture.server.buildInformation("Spaces-7", "MyApp.Web", "1.2.3"))
                .isPresent();
    }

    @Test
    void pushesIntoTheResolvedSpace() throws Exception {
        fixture = ServerFixture.start();
        OctopusClient client = fixture.connect();

        BuildInformationPusher.of(client)
                .push(
                        client.resolveSpace(Optional.of("Team B")),
                        request("1.2.3", OverwriteMode.FailIfExists, headBuild("42")));

        assertThat(fixture.server.buildInformation("Spaces-2", "MyApp.Web", "1.2.3"))
                .isPresent();
        assertThat(fixture.server.buildInformation("MyApp.Web", "1.2.3")).isEmpty();
    }
}

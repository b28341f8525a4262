package io.github.octomvn.octopus.buildinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.client.Credential;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.ServerFixture;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.Permission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading earlier build information, the anchor of the next build's commit range. */
class BuildInformationLookupTest {

    private ServerFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void seed(String packageId, String version, String commit) {
        fixture.server.seedBuildInformation(
                packageId,
                version,
                Map.of(
                        "VcsCommitNumber",
                        commit,
                        "Branch",
                        "main",
                        "Commits",
                        List.of(Map.of("Id", commit, "Comment", "build " + version))));
    }

    private OctopusClient client() throws OctopusException {
        return fixture.connect();
    }

    @Test
    void latestIsTheHighestVersionNotTheLastPushed() throws Exception {
        fixture = ServerFixture.start();
        seed("MyApp", "1.10.0", "c110");
        seed("MyApp", "1.9.0", "c19");
        seed("MyApp", "2.0.0-beta.1", "c2b");
        seed("Other", "9.0.0", "o9");
        OctopusClient client = client();

        BuildInformationRecord latest = BuildInformationPusher.of(client)
                .latest(client.resolveSpace(Optional.empty()), "myapp")
                .orElseThrow();

        assertThat(latest.version()).isEqualTo("2.0.0-beta.1");
        assertThat(latest.buildInformation().vcsCommitNumber()).contains("c2b");
        assertThat(latest.buildInformation().branch()).contains("main");
        assertThat(latest.buildInformation().commits())
                .extracting(c -> c.comment())
                .containsExactly("build 2.0.0-beta.1");
        assertThat(fixture.server.requests("GET", "build-information").get(0).query())
                .isEqualTo("packageId=myapp&latest=true");
    }

    @Test
    void latestIsEmptyForAPackageWithoutRecords() throws Exception {
        fixture = ServerFixture.start();
        seed("Other", "1.0.0", "o1");
        OctopusClient client = client();

        assertThat(BuildInformationPusher.of(client).latest(client.resolveSpace(Optional.empty()), "MyApp"))
                .isEmpty();
    }

    @Test
    void previousSkipsTheRecordOfTheVersionBeingRebuilt() throws Exception {
        fixture = ServerFixture.start();
        seed("MyApp", "1.0.0", "c100");
        seed("MyApp", "1.1.0", "c110");
        seed("MyApp", "1.2.0", "c120");
        OctopusClient client = client();
        Space space = client.resolveSpace(Optional.empty());

        assertThat(BuildInformationPusher.of(client).previous(space, "MyApp", "1.2.0"))
                .hasValueSatisfying(
                        r -> assertThat(r.buildInformation().vcsCommitNumber()).contains("c110"));
        assertThat(BuildInformationPusher.of(client).previous(space, "MyApp", "1.3.0"))
                .hasValueSatisfying(r -> assertThat(r.version()).isEqualTo("1.2.0"));
        assertThat(BuildInformationPusher.of(client).previous(space, "MyApp", "1.0.0"))
                .isEmpty();
        assertThat(BuildInformationPusher.of(client).previous(space, "MyApp", "1.2.0-rc.1"))
                .hasValueSatisfying(r -> assertThat(r.version()).isEqualTo("1.1.0"));
    }

    @Test
    void previousPagesThroughManyRecords() throws Exception {
        fixture = ServerFixture.start();
        for (int i = 0; i < 150; i++) {
            seed("MyApp", "1.0." + i, "c" + i);
        }
        seed("MyApp", "2.0.0", "c200");
        OctopusClient client = client();

        assertThat(BuildInformationPusher.of(client)
                        .previous(client.resolveSpace(Optional.empty()), "MyApp", "1.0.149"))
                .hasValueSatisfying(
                        r -> assertThat(r.buildInformation().vcsCommitNumber()).contains("c148"));
        assertThat(fixture.server.requests("GET", "build-information"))
                .extracting(r -> r.query())
                .contains("packageId=MyApp&skip=0&take=100", "packageId=MyApp&skip=100&take=100");
    }

    @Test
    void findsTheRecordOfOneVersionComparingVersionsSemantically() throws Exception {
        fixture = ServerFixture.start();
        seed("MyApp", "1.0.0", "c100");
        seed("MyApp", "1.0.0.1", "c1001");
        OctopusClient client = client();
        Space space = client.resolveSpace(Optional.empty());

        assertThat(BuildInformationPusher.of(client).find(space, "MyApp", "1.0.0"))
                .hasValueSatisfying(
                        r -> assertThat(r.buildInformation().vcsCommitNumber()).contains("c100"));
        assertThat(BuildInformationPusher.of(client).find(space, "MyApp", "1.0"))
                .hasValueSatisfying(
                        r -> assertThat(r.buildInformation().vcsCommitNumber()).contains("c100"));
        assertThat(BuildInformationPusher.of(client).find(space, "MyApp", "3.0.0"))
                .isEmpty();
    }

    @Test
    void aKeyThatMayNotReadGetsEmptyAndAWarningInsteadOfAFailure() throws Exception {
        fixture = new ServerFixture(OctopusTestServer.builder()
                .addApiKey("API-PUSHONLY", Permission.BuildInformationPush)
                .start());
        seed("MyApp", "1.0.0", "c100");
        OctopusClient client = fixture.connect(
                fixture.settings(Credential.apiKey("API-PUSHONLY")).build());
        Space space = client.resolveSpace(Optional.empty());

        assertThat(BuildInformationPusher.of(client).latest(space, "MyApp")).isEmpty();
        assertThat(BuildInformationPusher.of(client).previous(space, "MyApp", "2.0.0"))
                .isEmpty();
        assertThat(fixture.warnings)
                .anySatisfy(w -> assertThat(w)
                        .startsWith("Cannot read earlier build information for MyApp (")
                        .contains("Missing permission: FeedView")
                        .endsWith("; continuing without it"));
    }

    @Test
    void otherLookupFailuresAreNotHidden() throws Exception {
        fixture = ServerFixture.start();
        fixture.server.failNext("GET", 1, 500, "build-information", -1);
        OctopusClient client = client();
        Space space = client.resolveSpace(Optional.empty());

        assertThatThrownBy(() -> BuildInformationPusher.of(client).latest(space, "MyApp"))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.SERVER))
                .hasMessageStartingWith("Reading the latest build information of MyApp on " + fixture.server.url());
    }

    @Test
    void aBusyServerIsAskedAgain() throws Exception {
        fixture = ServerFixture.start();
        seed("MyApp", "1.0.0", "c100");
        fixture.server.failNext("GET", 1, 503, "build-information", 1);
        OctopusClient client = client();

        assertThat(BuildInformationPusher.of(client).latest(client.resolveSpace(Optional.empty()), "MyApp"))
                .isPresent();
        assertThat(fixture.server.requests("GET", "build-information")).hasSize(2);
    }

    @Test
    void serversBeforeBuildInformationHaveNoRecordsAndAreNotAsked() throws Exception {
        fixture = new ServerFixture(
                OctopusTestServer.builder().withoutBuildInformation().start());
        OctopusClient client = client();
        Space space = client.resolveSpace(Optional.empty());

        assertThat(BuildInformationPusher.of(client).latest(space, "MyApp")).isEmpty();
        assertThat(BuildInformationPusher.of(client).find(space, "MyApp", "1.0.0"))
                .isEmpty();
        assertThat(fixture.server.requests("GET", "build-information")).isEmpty();
    }
}

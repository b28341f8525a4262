package io.github.octomvn.octopus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connections of one build share what a server said before any work: its root document and the spaces resolved
 * on it are asked for once per server and credential, never taken for another server's or another credential's.
 */
class KnownServersTest {
    private static final String OTHER_KEY = "API-OTHERKEY0000000000000000";

    private final List<ServerFixture> fixtures = new ArrayList<>();
    private final KnownServers known = new KnownServers();

    @AfterEach
    void stop() {
        fixtures.forEach(ServerFixture::close);
    }

    private ServerFixture start(OctopusTestServer.Builder builder) throws Exception {
        ServerFixture fixture = new ServerFixture(builder.start());
        fixtures.add(fixture);
        return fixture;
    }

    private static OctopusClient connect(ServerFixture fixture, ServerSettings settings, KnownServers known)
            throws OctopusException {
        return OctopusClient.connect(settings, fixture.sleeper, fixture.clock, fixture.warnings::add, known);
    }

    private static int rootReads(ServerFixture fixture) {
        return fixture.server.requests("GET", "^/api$").size();
    }

    private static int spaceLookups(ServerFixture fixture) {
        return fixture.server.requests("GET", "^/api/spaces/").size();
    }

    @Test
    void connectionsOfOneBuildReadTheRootDocumentAndResolveTheSpaceOnce() throws Exception {
        ServerFixture fixture = start(OctopusTestServer.builder());

        Space first;
        Space second;
        Space third;
        try (OctopusClient client = connect(fixture, fixture.settings().build(), known)) {
            first = client.resolveSpace(Optional.of("Team B"));
        }
        try (OctopusClient client = connect(fixture, fixture.settings().build(), known)) {
            second = client.resolveSpace(Optional.of(" Team B "));
            assertThat(client.serverVersion()).isEqualTo("2024.1.100");
            assertThat(client.capabilities().buildInformation()).isTrue();
        }
        try (OctopusClient client = connect(fixture, fixture.settings().build(), known)) {
            third = client.resolveSpace(Optional.of("Team B"));
        }

        assertThat(rootReads(fixture)).isEqualTo(1);
        assertThat(spaceLookups(fixture)).isEqualTo(1);
        assertThat(List.of(second.id(), third.id())).containsOnly(first.id()).containsOnly("Spaces-2");
    }

    @Test
    void eachSpaceIsResolvedOnceAndTheDefaultIsOneOfThem() throws Exception {
        ServerFixture fixture = start(OctopusTestServer.builder());

        for (int i = 0; i < 2; i++) {
            try (OctopusClient client = connect(fixture, fixture.settings().build(), known)) {
                assertThat(client.resolveSpace(Optional.empty()).id()).isEqualTo("Spaces-1");
                assertThat(client.resolveSpace(Optional.of("Spaces-2")).id()).isEqualTo("Spaces-2");
            }
        }

        assertThat(rootReads(fixture)).isEqualTo(1);
        assertThat(fixture.server.requests("GET", "^/api/spaces/all$")).hasSize(1);
        assertThat(fixture.server.requests("GET", "^/api/spaces/Spaces-2$")).hasSize(1);
    }

    @Test
    void anotherCredentialOnTheSameServerAsksForItself() throws Exception {
        ServerFixture fixture = start(OctopusTestServer.builder().addApiKey(OTHER_KEY, Permission.values()));

        try (OctopusClient client = connect(fixture, fixture.settings().build(), known)) {
            client.resolveSpace(Optional.empty());
        }
        try (OctopusClient client =
                connect(fixture, fixture.settings(Credential.apiKey(OTHER_KEY)).build(), known)) {
            client.resolveSpace(Optional.empty());
        }

        assertThat(rootReads(fixture)).isEqualTo(2);
        assertThat(spaceLookups(fixture)).isEqualTo(2);
        assertThat(known.size()).isEqualTo(2);
    }

    @Test
    void aWrongKeyIsNotLetInByWhatTheRightKeyWasTold() throws Exception {
        ServerFixture fixture = start(OctopusTestServer.builder());
        try (OctopusClient client = connect(fixture, fixture.settings().build(), known)) {
            client.resolveSpace(Optional.empty());
        }

        // the root document needs a valid key: the wrong one is asked for itself, and refused
        ServerSettings wrong =
                fixture.settings(Credential.apiKey("API-WRONG0000000000000000")).build();
        assertThatThrownBy(() -> connect(fixture, wrong, known))
                .isInstanceOfSatisfying(
                        OctopusException.class,
                        e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.AUTHENTICATION));

        assertThat(rootReads(fixture)).isEqualTo(2);
        assertThat(known.toString()).doesNotContain(fixture.server.apiKey()).doesNotContain("WRONG");
    }

    @Test
    void twoServersAreKeptApart() throws Exception {
        ServerFixture one = start(OctopusTestServer.builder());
        ServerFixture two = start(OctopusTestServer.builder().version("2023.4.1"));

        for (int i = 0; i < 2; i++) {
            try (OctopusClient a = connect(one, one.settings().build(), known);
                    OctopusClient b = connect(two, two.settings().build(), known)) {
                assertThat(a.serverVersion()).isEqualTo("2024.1.100");
                assertThat(b.serverVersion()).isEqualTo("2023.4.1");
                assertThat(a.resolveSpace(Optional.empty()).webUrl())
                        .startsWith(one.server.url().toString());
                assertThat(b.resolveSpace(Optional.empty()).webUrl())
                        .startsWith(two.server.url().toString());
            }
        }

        assertThat(List.of(rootReads(one), rootReads(two))).containsExactly(1, 1);
        assertThat(List.of(spaceLookups(one), spaceLookups(two))).containsExactly(1, 1);
    }

    @Test
    void aFailedReadIsNotKeptSoTheNextConnectionAsksAgain() throws Exception {
        ServerFixture fixture = start(OctopusTestServer.builder());
        fixture.server.failNext(1, 500, "^/api$");
        ServerSettings noRetries =
                fixture.settings().retryPolicy(RetryPolicy.retries(0)).build();

        assertThatThrownBy(() -> connect(fixture, noRetries, known)).isInstanceOf(OctopusException.class);
        try (OctopusClient client = connect(fixture, noRetries, known)) {
            assertThat(client.serverVersion()).isEqualTo("2024.1.100");
        }

        assertThat(rootReads(fixture)).isEqualTo(2);
    }

    @Test
    void modulesThatConnectAtOnceWaitForOneAnswer() throws Exception {
        ServerFixture fixture = start(OctopusTestServer.builder());
        int modules = 6;
        CyclicBarrier together = new CyclicBarrier(modules);
        ExecutorService pool = Executors.newFixedThreadPool(modules);
        try {
            List<Future<String>> spaces = new ArrayList<>();
            for (int i = 0; i < modules; i++) {
                Callable<String> module = () -> {
                    together.await(10, TimeUnit.SECONDS);
                    try (OctopusClient client =
                            connect(fixture, fixture.settings().build(), known)) {
                        return client.resolveSpace(Optional.empty()).id();
                    }
                };
                spaces.add(pool.submit(module));
            }
            for (Future<String> space : spaces) {
                assertThat(space.get(30, TimeUnit.SECONDS)).isEqualTo("Spaces-1");
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(rootReads(fixture)).isEqualTo(1);
        assertThat(spaceLookups(fixture)).isEqualTo(1);
    }

    @Test
    void withoutASharedMemoryEachConnectionReadsTheRootDocument() throws Exception {
        ServerFixture fixture = start(OctopusTestServer.builder());

        fixture.connect().close();
        fixture.connect().close();

        assertThat(rootReads(fixture)).isEqualTo(2);
    }
}

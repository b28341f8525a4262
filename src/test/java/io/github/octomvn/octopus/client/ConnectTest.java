package io.github.octomvn.octopus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The root document, authentication and a starting server. */
class ConnectTest {

    private ServerFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void readsTheServerVersionAndCapabilities() throws Exception {
        fixture = ServerFixture.start();

        try (OctopusClient client = fixture.connect()) {
            assertThat(client.serverVersion()).isEqualTo("2024.1.100");
            assertThat(client.capabilities().spaces()).isTrue();
            assertThat(client.capabilities().overwriteMode()).isTrue();
            assertThat(client.capabilities().buildInformation()).isTrue();
            assertThat(client.capabilities().deltaUpload()).isTrue();
        }
        RecordedRequest root = fixture.server.requests().get(0);
        assertThat(root.method()).isEqualTo("GET");
        assertThat(root.path()).isEqualTo("/api");
        assertThat(root.header("X-Octopus-ApiKey")).contains(OctopusTestServer.DEFAULT_API_KEY);
        assertThat(root.header("User-Agent")).contains("octopus-maven-plugin/test");
        assertThat(root.header("Accept")).contains("application/json");
    }

    @Test
    void closingEndsTheHttpClientsSelectorThreadSoTheJvmNeedNotWaitForIt() throws Exception {
        fixture = ServerFixture.start();
        Set<Thread> before = selectorThreads();
        Set<Thread> ours = new HashSet<>();

        try (OctopusClient client = fixture.connect()) {
            ours.addAll(selectorThreads());
            ours.removeAll(before);
            assertThat(ours).as("the client's selector thread").hasSize(1);
        }

        for (Thread thread : ours) {
            thread.join(10_000);
            assertThat(thread.isAlive()).as(thread.getName() + " still running").isFalse();
        }
    }

    /** The JDK HttpClient's selector threads: a JVM that exits waits 300 ms for one that still runs. */
    private static Set<Thread> selectorThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("HttpClient-") && thread.getName().endsWith("-SelectorManager")) {
                threads.add(thread);
            }
        }
        return threads;
    }

    @Test
    void refusesAnUnsupportedApiVersionBeforeAnyOtherRequest() throws Exception {
        fixture = new ServerFixture(
                OctopusTestServer.builder().apiVersion("4.0.0").start());

        assertThatThrownBy(fixture::connect)
                .isInstanceOfSatisfying(
                        OctopusException.class,
                        e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.UNSUPPORTED_SERVER))
                .hasMessageContaining("unsupported API version '4.0.0'");
        assertThat(fixture.server.requests()).hasSize(1);
    }

    @Test
    void failsOnABadApiKeyWithoutRetrying() throws Exception {
        fixture = ServerFixture.start();

        assertThatThrownBy(() -> fixture.connect(
                        fixture.settings(Credential.apiKey("API-BAD")).build()))
                .isInstanceOfSatisfying(OctopusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OctopusException.Kind.AUTHENTICATION);
                    assertThat(e.status()).hasValue(401);
                })
                .hasMessageContaining("HTTP 401 Unauthorized")
                .hasMessageContaining("valid API key")
                .hasMessageContaining("Check the API key (API-****)")
                .hasMessageNotContaining("API-BAD");
        assertThat(fixture.server.requests()).hasSize(1);
        assertThat(fixture.sleeper.sleeps()).isEmpty();
    }

    @Test
    void waitsForAStartingServer() throws Exception {
        fixture = ServerFixture.start();
        fixture.server.failNext(2, 503, "^/api$", -1);

        try (OctopusClient client = fixture.connect()) {
            assertThat(client.serverVersion()).isEqualTo("2024.1.100");
        }
        assertThat(fixture.server.requests())
                .extracting(RecordedRequest::status)
                .containsExactly(503, 503, 200);
        assertThat(fixture.sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
        assertThat(fixture.warnings).hasSize(2).allMatch(w -> w.contains("HTTP 503"));
    }

    @Test
    void honoursRetryAfterWhileTheServerStarts() throws Exception {
        fixture = ServerFixture.start();
        fixture.server.failNext(1, 503, "^/api$", 3);

        fixture.connect().close();

        assertThat(fixture.sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void givesUpOnAServerThatNeverFinishesStartingWithinAMinute() throws Exception {
        fixture = ServerFixture.start();
        fixture.server.failNext(1000, 503, "^/api$", 10);

        assertThatThrownBy(fixture::connect)
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("gave up after 7 attempts");
        assertThat(fixture.sleeper.total()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void triesAGatewayErrorForAboutAMinute() throws Exception {
        // A proxy answers 502 while Octopus restarts behind it.
        fixture = ServerFixture.start();
        fixture.server.failNext(1000, 502, "^/api$");

        assertThatThrownBy(fixture::connect)
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("HTTP 502 Bad Gateway")
                .hasMessageContaining("gave up after 8 attempts");
        assertThat(fixture.sleeper.sleeps())
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(15));
    }

    @Test
    void bearerTokenReplacesTheApiKeyOnEveryRequest() throws Exception {
        fixture = new ServerFixture(
                OctopusTestServer.builder().addBearerToken("t0k").start());

        try (OctopusClient client =
                fixture.connect(fixture.settings(Credential.bearerToken("t0k")).build())) {
            client.resolveSpace(java.util.Optional.empty());
        }

        List<RecordedRequest> requests = fixture.server.requests();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(2);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.header("Authorization")).contains("Bearer t0k");
            assertThat(r.headers()).doesNotContainKey("X-Octopus-ApiKey");
        });
    }

    @Test
    void namesTheUrlWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RecordingSleeper sleeper = new RecordingSleeper();
        ServerSettings settings = ServerSettings.builder(
                        "http://127.0.0.1:" + port + "/octopus", Credential.apiKey("API-X"))
                .build();

        assertThatThrownBy(() -> OctopusClient.connect(settings, sleeper, new TestClock(), w -> {}))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.NETWORK))
                .hasMessageContaining("connection refused by 127.0.0.1:" + port)
                .hasMessageContaining("Check the server URL http://127.0.0.1:" + port + "/octopus")
                .hasMessageContaining("gave up after 8 attempts");
        assertThat(sleeper.sleeps())
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(15));
    }

    @Test
    void namesAnUnknownHostWithoutRetrying() {
        RecordingSleeper sleeper = new RecordingSleeper();
        ServerSettings settings = ServerSettings.builder("http://octopus.invalid", Credential.apiKey("API-X"))
                .build();

        assertThatThrownBy(() -> OctopusClient.connect(settings, sleeper, new TestClock(), w -> {}))
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("cannot resolve host name 'octopus.invalid'");
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void explainsAUrlThatIsNotOctopus() throws Exception {
        fixture = ServerFixture.start();
        fixture.server.respondNext(1, 200, "^/api$", "text/html", "<html><body>Sign in to Jenkins</body></html>");

        assertThatThrownBy(fixture::connect)
                .isInstanceOfSatisfying(
                        OctopusException.class,
                        e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.UNSUPPORTED_SERVER))
                .hasMessageContaining("did not return an Octopus root document (Sign in to Jenkins)");
    }

    @Test
    void reportsARedirectInsteadOfFollowingIt() throws Exception {
        fixture = ServerFixture.start();
        fixture.server.respondNext(1, 301, "^/api$", "text/plain", "moved");

        assertThatThrownBy(fixture::connect)
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("was redirected (HTTP 301)");
        assertThat(fixture.server.requests()).hasSize(1);
    }

    @Test
    void pointsAtTheVirtualDirectoryOn404() throws Exception {
        fixture = ServerFixture.start();
        ServerSettings settings = ServerSettings.builder(
                        fixture.server.url() + "/octopus", Credential.apiKey(fixture.server.apiKey()))
                .build();

        assertThatThrownBy(() -> fixture.connect(settings))
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("There is no Octopus API at " + fixture.server.url() + "/octopus/api");
        assertThat(fixture.server.requests().get(0).path()).isEqualTo("/octopus/api");
    }

    @Test
    void doesNotRetryWhenRetriesAreOff() throws IOException {
        fixture = ServerFixture.start();
        fixture.server.failNext(1, 503, "^/api$");

        assertThatThrownBy(() -> fixture.connect(
                        fixture.settings().retryPolicy(RetryPolicy.none()).build()))
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("HTTP 503");
        assertThat(fixture.sleeper.sleeps()).isEmpty();
    }
}

package io.github.octomvn.octopus.client;

import static io.github.octomvn.octopus.client.ServerFixture.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.feed.BuiltInFeed;
import io.github.octomvn.octopus.feed.UploadListener;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import io.github.octomvn.octopus.testserver.TestCertificates;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-client proxies (with nonProxyHosts and Basic credentials) and TLS trust, nothing JVM-wide. */
class ProxyAndTlsTest {

    @TempDir
    static Path certificates;

    @TempDir
    Path dir;

    private static TestCertificates forLoopback;
    private static TestCertificates forOtherHost;

    private OctopusTestServer server;
    private OctopusTestServer proxy;

    @BeforeAll
    static void makeCertificates() throws Exception {
        forLoopback = TestCertificates.create(Files.createDirectory(certificates.resolve("loopback")), "ip:127.0.0.1");
        forOtherHost =
                TestCertificates.create(Files.createDirectory(certificates.resolve("other")), "dns:other.invalid");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private static OctopusClient connect(ServerSettings settings) throws OctopusException {
        return OctopusClient.connect(settings, new RecordingSleeper(), new TestClock(), w -> {});
    }

    private static ServerSettings.Builder settings(String url) {
        return ServerSettings.builder(url, Credential.apiKey(OctopusTestServer.DEFAULT_API_KEY))
                .connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(10));
    }

    @Test
    void sendsEveryRequestThroughTheProxyWithItsCredentials() throws Exception {
        // The test server answers absolute-form requests itself, so it is proxy and Octopus at once.
        server = OctopusTestServer.builder().proxyCredentials("bob", "pr0xy").start();
        ServerSettings settings = settings("http://octopus.invalid:8080/")
                .proxy(ProxySettings.builder("127.0.0.1", server.port())
                        .credentials("bob", "pr0xy")
                        .build())
                .build();

        try (OctopusClient client = connect(settings)) {
            Space space = client.resolveSpace(Optional.empty());
            BuiltInFeed.of(client)
                    .upload(
                            space,
                            file(dir, "app.1.0.0.zip", "zip"),
                            OverwriteMode.FailIfExists,
                            UploadListener.none());
        }

        assertThat(server.requests()).hasSize(4).allSatisfy(r -> {
            assertThat(r.proxied()).isTrue();
            assertThat(r.target()).startsWith("http://octopus.invalid:8080/api");
            assertThat(r.header("Proxy-Authorization")).contains("Basic Ym9iOnByMHh5");
        });
        assertThat(server.storedPackage("app", "1.0.0")).isPresent();
    }

    @Test
    void aProxyAskingForCredentialsIsAnAuthenticationFailure() throws Exception {
        server = OctopusTestServer.builder().proxyCredentials("bob", "pr0xy").start();
        ServerSettings settings = settings("http://octopus.invalid/")
                .proxy(ProxySettings.of("127.0.0.1", server.port()))
                .build();

        assertThatThrownBy(() -> connect(settings))
                .isInstanceOfSatisfying(
                        OctopusException.class,
                        e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.AUTHENTICATION))
                .hasMessageContaining("HTTP 407 Proxy Authentication Required")
                .hasMessageContaining("configure the proxy user name and password");
    }

    @Test
    void aServer401StaysReadableBehindAnAuthenticatingProxy() throws Exception {
        server = OctopusTestServer.builder().proxyCredentials("bob", "pr0xy").start();
        ServerSettings settings = ServerSettings.builder("http://octopus.invalid/", Credential.apiKey("API-WRONG"))
                .proxy(ProxySettings.builder("127.0.0.1", server.port())
                        .credentials("bob", "pr0xy")
                        .build())
                .build();

        assertThatThrownBy(() -> connect(settings))
                .isInstanceOfSatisfying(
                        OctopusException.class,
                        e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.AUTHENTICATION))
                .hasMessageContaining("HTTP 401 Unauthorized: You must be logged in")
                .hasMessageNotContaining("pr0xy");
    }

    @Test
    void reachesNonProxyHostsDirectly() throws Exception {
        server = OctopusTestServer.start();
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        ServerSettings settings = settings(server.url().toString())
                .proxy(ProxySettings.builder("127.0.0.1", deadPort)
                        .nonProxyHosts("localhost|127.*")
                        .build())
                .build();

        try (OctopusClient client = connect(settings)) {
            assertThat(client.serverVersion()).isEqualTo("2024.1.100");
        }
        assertThat(server.requests()).noneMatch(RecordedRequest::proxied);
    }

    @Test
    void namesTheProxyWhenItIsDown() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        ServerSettings settings = settings("http://octopus.invalid/")
                .proxy(ProxySettings.of("127.0.0.1", deadPort))
                .retryPolicy(RetryPolicy.none())
                .build();

        assertThatThrownBy(() -> connect(settings))
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("connection refused by proxy 127.0.0.1:" + deadPort);
    }

    @Test
    void refusesAnUntrustedCertificateWithAdvice() throws Exception {
        server = OctopusTestServer.builder()
                .tls(forLoopback.keyStore(), TestCertificates.PASSWORD)
                .start();

        assertThatThrownBy(() -> connect(settings(server.url().toString()).build()))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.TLS))
                .hasMessageContaining("the certificate of " + server.url() + " is not trusted")
                .hasMessageContaining("configure a trust store");
    }

    @Test
    void trustsAnInternalCaFromTheTrustStore() throws Exception {
        server = OctopusTestServer.builder()
                .tls(forLoopback.keyStore(), TestCertificates.PASSWORD)
                .start();
        ServerSettings settings = settings(server.url().toString())
                .trustStore(TrustStore.of(forLoopback.trustStore(), TestCertificates.PASSWORD, "PKCS12"))
                .build();

        try (OctopusClient client = connect(settings)) {
            Space space = client.resolveSpace(Optional.empty());
            BuiltInFeed.of(client)
                    .upload(
                            space,
                            file(dir, "app.1.0.0.zip", "zip"),
                            OverwriteMode.FailIfExists,
                            UploadListener.none());
        }

        assertThat(server.url().getScheme()).isEqualTo("https");
        assertThat(server.storedPackage("app", "1.0.0")).isPresent();
    }

    @Test
    void stillChecksTheHostNameWithATrustStore() throws Exception {
        server = OctopusTestServer.builder()
                .tls(forOtherHost.keyStore(), TestCertificates.PASSWORD)
                .start();
        ServerSettings settings = settings(server.url().toString())
                .trustStore(TrustStore.of(forOtherHost.trustStore(), TestCertificates.PASSWORD, "PKCS12"))
                .build();

        assertThatThrownBy(() -> connect(settings))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.TLS))
                .hasMessageContaining("does not name its host");
    }

    @Test
    void insecureTrustsAnyCertificateAndHostForThisClientOnly() throws Exception {
        server = OctopusTestServer.builder()
                .tls(forOtherHost.keyStore(), TestCertificates.PASSWORD)
                .start();

        try (OctopusClient client =
                connect(settings(server.url().toString()).insecure(true).build())) {
            assertThat(client.serverVersion()).isEqualTo("2024.1.100");
        }
        // Another client in the same JVM still verifies.
        assertThatThrownBy(() -> connect(settings(server.url().toString()).build()))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.TLS));
    }

    @Test
    void tunnelsHttpsThroughTheProxy() throws Exception {
        server = OctopusTestServer.builder()
                .tls(forLoopback.keyStore(), TestCertificates.PASSWORD)
                .start();
        proxy = OctopusTestServer.start();
        ServerSettings settings = settings(server.url().toString())
                .trustStore(TrustStore.of(forLoopback.trustStore(), TestCertificates.PASSWORD, "PKCS12"))
                .proxy(ProxySettings.of("127.0.0.1", proxy.port()))
                .build();

        try (OctopusClient client = connect(settings)) {
            assertThat(client.serverVersion()).isEqualTo("2024.1.100");
        }

        assertThat(proxy.requests())
                .extracting(r -> r.method() + " " + r.target())
                .containsExactly("CONNECT 127.0.0.1:" + server.port());
        assertThat(proxy.requests().get(0).headers()).doesNotContainKey("X-Octopus-ApiKey");
        assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/api");
    }

    @Test
    void httpsThroughAnAuthenticatingProxyNamesTheJdkSetting() throws Exception {
        server = OctopusTestServer.builder()
                .tls(forLoopback.keyStore(), TestCertificates.PASSWORD)
                .start();
        proxy = OctopusTestServer.builder().proxyCredentials("bob", "pr0xy").start();
        ServerSettings settings = settings(server.url().toString())
                .trustStore(TrustStore.of(forLoopback.trustStore(), TestCertificates.PASSWORD, "PKCS12"))
                .proxy(ProxySettings.builder("127.0.0.1", proxy.port())
                        .credentials("bob", "pr0xy")
                        .build())
                .build();

        assertThatThrownBy(() -> connect(settings))
                .isInstanceOfSatisfying(
                        OctopusException.class,
                        e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.AUTHENTICATION))
                .hasMessageContaining("HTTP 407 Proxy Authentication Required")
                .hasMessageContaining("-Djdk.http.auth.tunneling.disabledSchemes=")
                .hasMessageNotContaining("pr0xy");
        assertThat(proxy.requests()).extracting(RecordedRequest::method).containsExactly("CONNECT");
    }

    @Test
    void explainsAnUnreadableTrustStore() throws Exception {
        Path bogus = Files.writeString(dir.resolve("trust.p12"), "not a key store");
        ServerSettings settings = settings("https://127.0.0.1:1")
                .trustStore(TrustStore.of(bogus, "x", "PKCS12"))
                .build();

        assertThatThrownBy(() -> connect(settings))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.TLS))
                .hasMessageContaining("Cannot read the trust store " + bogus)
                .hasMessageNotContaining("password x");
    }
}

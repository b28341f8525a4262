package io.github.octomvn.octopus.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.ProxySettings;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.client.Sleeper;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * How the server goals read Maven's world: settings.xml servers (decrypted) and proxies, the environment and
 * properties, in that order. Credentials are proven by connecting to the test server, which knows one key.
 */
class ServerConnectionTest {
    private static final String ENCRYPTED = "{c2VjcmV0}";

    private final Settings settings = new Settings();
    private final Properties userProperties = new Properties();
    private final MavenSession session = Mockito.mock(MavenSession.class);
    private OctopusTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = OctopusTestServer.start();
        Mockito.when(session.getSettings()).thenReturn(settings);
        Mockito.when(session.getUserProperties()).thenReturn(userProperties);
        Mockito.when(session.getSystemProperties()).thenReturn(new Properties());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** "Decrypts" the one encrypted value these tests use into the test server's key, as Maven would. */
    private final SettingsDecrypter decrypter = new SettingsDecrypter() {
        @Override
        public SettingsDecryptionResult decrypt(SettingsDecryptionRequest request) {
            List<Server> servers = new ArrayList<>();
            for (Server s : request.getServers()) {
                Server copy = s.clone();
                if (ENCRYPTED.equals(copy.getPassword())) {
                    copy.setPassword(server.apiKey());
                }
                servers.add(copy);
            }
            List<Proxy> proxies = new ArrayList<>(request.getProxies());
            return new SettingsDecryptionResult() {
                @Override
                public Server getServer() {
                    return servers.isEmpty() ? null : servers.get(0);
                }

                @Override
                public List<Server> getServers() {
                    return servers;
                }

                @Override
                public Proxy getProxy() {
                    return proxies.isEmpty() ? null : proxies.get(0);
                }

                @Override
                public List<Proxy> getProxies() {
                    return proxies;
                }

                @Override
                public List<SettingsProblem> getProblems() {
                    return List.of();
                }
            };
        }
    };

    private ServerSettings settingsFor(Map<String, String> environment) throws MojoFailureException {
        PushMojo mojo = new PushMojo(decrypter, new ProcessEnvironment(environment) {});
        mojo.serverUrl = server.url().toString();
        mojo.serverId = ServerConnection.DEFAULT_SERVER_ID;
        mojo.connectTimeout = 30;
        mojo.timeout = 60;
        mojo.uploadTimeout = 3600;
        mojo.retries = 0;
        mojo.trustStoreType = "PKCS12";
        mojo.plugin = new PluginDescriptor();
        mojo.plugin.setVersion("1.2.3");
        return new ServerConnection(session, decrypter, mojo.environment)
                .settings(mojo.serverParameters(), "push", new RecordingLog());
    }

    private static Server server(String id, String password) {
        Server s = new Server();
        s.setId(id);
        s.setPassword(password);
        return s;
    }

    private static Proxy proxy(String id, String protocol, boolean active) {
        Proxy p = new Proxy();
        p.setId(id);
        p.setProtocol(protocol);
        p.setHost(id + ".example.com");
        p.setPort(3128);
        p.setActive(active);
        return p;
    }

    /** Connects with the settings, the proof that the credential chosen is the one the server knows. */
    private void connects(ServerSettings chosen) throws OctopusException {
        try (OctopusClient client =
                OctopusClient.connect(chosen, Sleeper.system(), java.time.Clock.systemUTC(), message -> {})) {
            assertThat(client.serverVersion()).isNotBlank();
        }
    }

    @Test
    void takesTheDecryptedSettingsXmlPasswordBeforeTheEnvironment() throws Exception {
        settings.addServer(server("octopus", ENCRYPTED));

        ServerSettings chosen = settingsFor(Map.of("OCTOPUS_API_KEY", "API-NOTTHEONE"));

        assertThat(chosen.credential().isApiKey()).isTrue();
        connects(chosen);
    }

    @Test
    void takesTheApiKeyPropertyBeforeTheEnvironmentVariable() throws Exception {
        userProperties.setProperty("octopus.apiKey", server.apiKey());

        connects(settingsFor(Map.of("OCTOPUS_API_KEY", "API-NOTTHEONE")));
    }

    @Test
    void takesAnApiKeyBeforeAnAccessToken() throws Exception {
        ServerSettings chosen =
                settingsFor(Map.of("OCTOPUS_API_KEY", server.apiKey(), "OCTOPUS_ACCESS_TOKEN", "eyJ.not.used"));

        assertThat(chosen.credential().isApiKey()).isTrue();
        connects(chosen);
    }

    @Test
    void takesAnAccessTokenAsABearerToken() throws Exception {
        ServerSettings chosen = settingsFor(Map.of("OCTOPUS_ACCESS_TOKEN", "eyJ.a.token"));

        assertThat(chosen.credential().isApiKey()).isFalse();
        assertThat(chosen.credential().masked()).isEqualTo("Bearer ****");
    }

    @Test
    void takesTheServerUrlFromTheEnvironmentWhenNoParameterIsSet() throws Exception {
        PushMojo mojo = new PushMojo(
                decrypter,
                new ProcessEnvironment(
                        Map.of("OCTOPUS_URL", server.url().toString(), "OCTOPUS_API_KEY", server.apiKey())) {});
        mojo.serverId = ServerConnection.DEFAULT_SERVER_ID;
        mojo.connectTimeout = 30;
        mojo.timeout = 60;
        mojo.uploadTimeout = 3600;
        mojo.trustStoreType = "PKCS12";
        mojo.plugin = new PluginDescriptor();
        mojo.plugin.setVersion("1.2.3");

        ServerSettings chosen = new ServerConnection(session, decrypter, mojo.environment)
                .settings(mojo.serverParameters(), "push", new RecordingLog());

        assertThat(chosen.serverUrl().toString()).startsWith(server.url().toString());
        connects(chosen);
    }

    @Test
    void usesTheActiveSettingsXmlProxyForTheServersSchemeWithItsLoginAndExceptions() throws Exception {
        settings.addServer(server("octopus", ENCRYPTED));
        settings.addProxy(proxy("inactive", "http", false));
        Proxy active = proxy("corporate", "http", true);
        active.setUsername("builder");
        active.setPassword("proxy-pass");
        active.setNonProxyHosts("*.internal|localhost");
        settings.addProxy(active);

        ProxySettings chosen = settingsFor(Map.of()).proxy().orElseThrow();

        assertThat(chosen.host()).isEqualTo("corporate.example.com");
        assertThat(chosen.port()).isEqualTo(3128);
        assertThat(chosen.username()).contains("builder");
        assertThat(chosen.bypasses("octopus.internal")).isTrue();
        assertThat(chosen.bypasses("octopus.example.com")).isFalse();
    }

    @Test
    void usesNoProxyWhenNoneIsActive() throws Exception {
        settings.addServer(server("octopus", ENCRYPTED));
        settings.addProxy(proxy("inactive", "http", false));

        assertThat(settingsFor(Map.of()).proxy()).isEmpty();
    }

    @Test
    void failsOfflineBeforeAnythingIsSent() {
        settings.addServer(server("octopus", ENCRYPTED));
        Mockito.when(session.isOffline()).thenReturn(true);

        assertThatThrownBy(() -> settingsFor(Map.of()))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Maven is offline (-o), so octopus:push cannot reach");
        assertThat(server.requests()).isEmpty();
    }
}

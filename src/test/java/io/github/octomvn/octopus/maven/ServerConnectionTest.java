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
        return settingsFor(environment, null, new RecordingLog());
    }

    private ServerSettings settingsFor(Map<String, String> environment, String serviceAccountId, RecordingLog log)
            throws MojoFailureException {
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
        mojo.serviceAccountId = serviceAccountId;
        mojo.idTokenVariable = "OCTOPUS_ID_TOKEN";
        return new ServerConnection(session, decrypter, mojo.environment)
                .settings(mojo.serverParameters(), "push", log);
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

    // ---------------------------------------------------------------------------------------------- OIDC

    private static final String SERVICE_ACCOUNT = "7d1e4c2a-5b6f-4a3e-9c8d-0e1f2a3b4c5d";
    private static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqZW5raW5zIn0.aWQtdG9rZW4";

    @Test
    void signsInKeylessAsTheServiceAccountBeforeTheEnvironmentsApiKey() throws Exception {
        server.addServiceAccount(SERVICE_ACCOUNT, ID_TOKEN);
        RecordingLog log = new RecordingLog();

        ServerSettings chosen = settingsFor(
                Map.of(
                        "OCTOPUS_SERVICE_ACCOUNT_ID", SERVICE_ACCOUNT,
                        "OCTOPUS_ID_TOKEN", ID_TOKEN,
                        "OCTOPUS_API_KEY", "API-NOTTHEONE"),
                null,
                log);

        assertThat(chosen.credential().isOidc()).isTrue();
        assertThat(log.lines())
                .contains("[INFO] Octopus access token from OIDC as service account " + SERVICE_ACCOUNT
                        + " (ID token from the OCTOPUS_ID_TOKEN variable)")
                .anyMatch(line -> line.startsWith("[WARNING] Octopus credentials in the OCTOPUS_API_KEY variable"
                        + " differ from those in OIDC as service account " + SERVICE_ACCOUNT + " and are ignored"));
        assertThat(String.join("\n", log.lines())).doesNotContain(ID_TOKEN);
        connects(chosen);
        assertThat(server.tokenExchanges()).isEqualTo(1);
    }

    @Test
    void namesGitHubActionsAsTheIdTokenSourceInTheLog() throws Exception {
        server.addServiceAccount(SERVICE_ACCOUNT, ID_TOKEN);
        String url = server.serveGitHubIdTokens("ghs_request");
        RecordingLog log = new RecordingLog();

        ServerSettings chosen = settingsFor(
                Map.of(
                        "GITHUB_ACTIONS", "true",
                        "ACTIONS_ID_TOKEN_REQUEST_URL", url,
                        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ghs_request"),
                SERVICE_ACCOUNT,
                log);

        assertThat(log.lines())
                .containsExactly("[INFO] Octopus access token from OIDC as service account " + SERVICE_ACCOUNT
                        + " (ID token from GitHub Actions)");
        connects(chosen);
    }

    @Test
    void theServiceAccountParameterWinsOverItsVariable() throws Exception {
        RecordingLog log = new RecordingLog();

        settingsFor(
                Map.of(
                        "OCTOPUS_SERVICE_ACCOUNT_ID",
                        "11111111-2222-3333-4444-555555555555",
                        "OCTOPUS_ID_TOKEN",
                        "x.y.z"),
                SERVICE_ACCOUNT,
                log);

        assertThat(log.lines()).first().asString().contains("as service account " + SERVICE_ACCOUNT);
    }

    @Test
    void explicitKeysAndTokensComeBeforeTheServiceAccount() throws Exception {
        Map<String, String> environment =
                Map.of("OCTOPUS_SERVICE_ACCOUNT_ID", SERVICE_ACCOUNT, "OCTOPUS_ID_TOKEN", ID_TOKEN);
        settings.addServer(server("octopus", ENCRYPTED));
        RecordingLog log = new RecordingLog();

        ServerSettings fromSettingsXml = settingsFor(environment, null, log);

        assertThat(fromSettingsXml.credential().isApiKey()).isTrue();
        assertThat(log.lines())
                .contains("[INFO] Octopus API key from settings.xml <server> octopus")
                .anyMatch(line -> line.contains("in OIDC as service account " + SERVICE_ACCOUNT + " differ from"));
        settings.getServers().clear();

        userProperties.setProperty("octopus.accessToken", "eyJ.explicit.token");
        assertThat(settingsFor(environment).credential().isOidc()).isFalse();
        userProperties.clear();

        userProperties.setProperty("octopus.apiKey", server.apiKey());
        ServerSettings fromProperty = settingsFor(environment);
        assertThat(fromProperty.credential().isApiKey()).isTrue();
        connects(fromProperty);
        assertThat(server.tokenExchanges()).isZero();
    }

    @Test
    void aServiceAccountWithoutAnIdTokenFailsBeforeAnyRequest() {
        assertThatThrownBy(() -> settingsFor(
                        Map.of("JENKINS_URL", "https://ci.example.com/"), SERVICE_ACCOUNT, new RecordingLog()))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("the variable OCTOPUS_ID_TOKEN is not set")
                .hasMessageEndingWith("(<idTokenVariable> or -Doctopus.idTokenVariable=NAME)");
        assertThat(server.requests()).isEmpty();
    }
}

package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.client.KnownServers;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.client.Sleeper;
import java.io.File;
import java.time.Clock;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Parameters of the goals that talk to an Octopus server. The API key, access token and trust store password
 * are deliberately not {@code @Parameter}s: Maven prints every parameter's value under {@code -X}, so they are
 * read only from settings.xml, the environment and the {@code octopus.apiKey} / {@code octopus.accessToken} /
 * {@code octopus.trustStorePassword} properties.
 */
abstract class AbstractServerMojo extends AbstractOctopusMojo {

    /**
     * The Octopus server, e.g. {@code https://octopus.example.com}; default: the {@code OCTOPUS_URL} variable.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.serverUrl")
    protected String serverUrl;

    /**
     * The id of the settings.xml {@code <server>} whose {@code <password>} is the Octopus API key (encrypted
     * passwords are decrypted). Without such a server, the first of these signs in: {@code -Doctopus.apiKey},
     * an access token from {@code -Doctopus.accessToken}, OIDC as the {@code serviceAccountId}, the
     * {@code OCTOPUS_API_KEY} variable, an access token from {@code OCTOPUS_ACCESS_TOKEN}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.serverId", defaultValue = ServerConnection.DEFAULT_SERVER_ID)
    protected String serverId;

    /**
     * The id (a GUID) of the Octopus service account to sign in as with OpenID Connect, without an API key: an ID
     * token from the CI server is exchanged for a short-lived Octopus access token. Default: the
     * {@code OCTOPUS_SERVICE_ACCOUNT_ID} variable. A settings.xml server, {@code -Doctopus.apiKey} and
     * {@code -Doctopus.accessToken} still come first; the {@code OCTOPUS_API_KEY} and {@code OCTOPUS_ACCESS_TOKEN}
     * variables come after it. The ID token comes from the variable named by {@code idTokenVariable}, else on
     * GitHub Actions from its token service (the job needs {@code permissions: id-token: write}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.serviceAccountId")
    protected String serviceAccountId;

    /**
     * The environment variable that holds the OIDC ID token for the {@code serviceAccountId} sign-in, e.g. the
     * name of a GitLab {@code id_tokens:} entry. Its audience must be the service account id. On GitHub Actions,
     * when this variable is not set, the token is requested from GitHub instead.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.idTokenVariable", defaultValue = "OCTOPUS_ID_TOKEN")
    protected String idTokenVariable;

    /**
     * The space, by name (case-insensitive) or id ({@code Spaces-2}); default: the {@code OCTOPUS_SPACE}
     * variable, else the server's default space.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.space")
    protected String space;

    /**
     * Seconds to wait for a connection to the server.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.connectTimeout", defaultValue = "30")
    protected int connectTimeout;

    /**
     * Seconds to wait for the answer to an API call (uploads have {@code uploadTimeout}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.timeout", defaultValue = "60")
    protected int timeout;

    /**
     * Seconds an upload may take, from its first byte to the server's answer.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.uploadTimeout", defaultValue = "3600")
    protected int uploadTimeout;

    /**
     * How many times a request is retried after a connection failure or a 408, 429, 502, 503 or 504
     * answer, pausing 1, 2, 4, 8 s and then 15 s between tries (longer when the server's {@code Retry-After}
     * asks): the default 7 retries ride out about a minute of outage, such as a restarting server or proxy.
     * 0 turns retries off.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.retries", defaultValue = "7")
    protected int retries;

    /**
     * A trust store (PKCS12 or JKS) with the certificate authority of an Octopus server with an internal certificate.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.trustStore")
    protected File trustStore;

    /**
     * The trust store's type: {@code PKCS12} or {@code JKS}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.trustStoreType", defaultValue = "PKCS12")
    protected String trustStoreType;

    /**
     * Trusts any certificate and host name of the Octopus server. Only for a test server: the connection can
     * be intercepted. Logged as a warning.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.insecure", defaultValue = "false")
    protected boolean insecure;

    /**
     * Resolves the server, space and credentials and reports what would be sent, without sending it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /**
     * On a CI server, shows this goal's results where its users look and hands them to the next steps: on GitHub
     * Actions the job summary, the step outputs {@code package-ids}, {@code package-versions}, {@code version},
     * {@code release-version} and {@code deployment-state}, and a failure as an error annotation; on GitLab CI the
     * same values as {@code OCTOPUS_*} in {@code target/octopus/octopus.env} for a dotenv report; on TeamCity and Azure
     * Pipelines as build parameters / pipeline variables and a build problem / error issue. False writes none of it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.ciIntegration", defaultValue = "true")
    protected boolean ciIntegration;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    /** This execution's results for the CI's job page; the goal adds to it as it goes. */
    CiJob ci;

    protected final SettingsDecrypter settingsDecrypter;
    protected final ProcessEnvironment environment;

    protected AbstractServerMojo(SettingsDecrypter settingsDecrypter, ProcessEnvironment environment) {
        this.settingsDecrypter = settingsDecrypter;
        this.environment = environment;
    }

    /** The server parameters of this goal, as one value. */
    ServerParameters serverParameters() {
        return new ServerParameters(
                serverUrl,
                serverId,
                connectTimeout,
                timeout,
                uploadTimeout,
                retries,
                trustStore == null ? null : trustStore.toPath(),
                trustStoreType,
                insecure,
                plugin.getVersion(),
                serviceAccountId,
                idTokenVariable);
    }

    /** The server settings from parameters, settings.xml and the environment; fails on bad input before any request. */
    protected ServerSettings serverSettings(String goal) throws MojoFailureException {
        return new ServerConnection(session, settingsDecrypter, environment)
                .settings(serverParameters(), goal, getLog());
    }

    /**
     * Connects with real sleeping between retries; every warning of the connection and the features on it (retries,
     * kept records, unreadable history) goes to the build log. The server's root document and spaces are read once
     * per build: every goal and module that connects to the same server with the same credential reuses them.
     */
    protected OctopusClient connect(ServerSettings settings) throws MojoExecutionException, MojoFailureException {
        if (settings.insecure()) {
            getLog().warn("octopus.insecure is set: the certificate and host name of " + settings.serverUrl()
                    + " are NOT checked, so the API key and packages can be intercepted. Use <trustStore> instead.");
        }
        try {
            return OctopusClient.connect(settings, Sleeper.system(), Clock.systemUTC(), getLog()::warn, knownServers());
        } catch (OctopusException e) {
            throw ErrorTranslator.of(e);
        }
    }

    /** What the servers of this build said before any work, shared by its goals and modules (and the threads of -T). */
    private KnownServers knownServers() {
        return BuildScoped.get(session, KnownServers.class.getName(), KnownServers.class, KnownServers::new);
    }

    /** The space parameter, else {@code OCTOPUS_SPACE}. */
    protected Optional<String> space() {
        return Optional.ofNullable(space).filter(s -> !s.isBlank()).or(() -> environment.get("OCTOPUS_SPACE"));
    }

    /**
     * Runs the goal, then shows what it did (and the error it failed with, the same words the build prints) where the
     * CI's users look; a goal that did nothing shows nothing.
     */
    protected void reportingToCi(String goal, Goal body) throws MojoExecutionException, MojoFailureException {
        ci = new CiJob(goal, dryRun, getLog());
        try {
            body.run();
        } catch (MojoExecutionException | MojoFailureException e) {
            ci.failed(e.getMessage());
            throw e;
        } finally {
            CiJob.reporter(session, project, environment, ciIntegration, getLog())
                    .publish(ci.finish());
        }
    }

    /** A goal's work, for {@link #reportingToCi}. */
    @FunctionalInterface
    protected interface Goal {
        void run() throws MojoExecutionException, MojoFailureException;
    }
}

package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.client.Credential;
import io.github.octomvn.octopus.client.IdTokenSource;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.ProxySettings;
import io.github.octomvn.octopus.client.RetryPolicy;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.client.Setting;
import io.github.octomvn.octopus.client.TrustStore;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Reads where and how to reach Octopus from Maven's world: the goal's parameters, settings.xml servers and
 * proxies (decrypted), the environment, and offline mode.
 */
final class ServerConnection {
    static final String DEFAULT_SERVER_ID = "octopus";
    private static final String ACCESS_TOKEN_PROPERTY = "-Doctopus.accessToken";
    private static final String ACCESS_TOKEN_VARIABLE = "the OCTOPUS_ACCESS_TOKEN variable";
    static final String SERVICE_ACCOUNT_VARIABLE = "OCTOPUS_SERVICE_ACCOUNT_ID";
    // Stands for the OIDC exchange among the secrets; never equal to a trimmed key or token (those have no NUL).
    private static final String OIDC_MARKER = "\u0000oidc";

    private final MavenSession session;
    private final SettingsDecrypter decrypter;
    private final ProcessEnvironment environment;

    ServerConnection(MavenSession session, SettingsDecrypter decrypter, ProcessEnvironment environment) {
        this.session = session;
        this.decrypter = decrypter;
        this.environment = environment;
    }

    ServerSettings settings(ServerParameters parameters, String goal, Log log) throws MojoFailureException {
        String url = Optional.ofNullable(parameters.serverUrl)
                .filter(u -> !u.isBlank())
                .or(() -> environment.get("OCTOPUS_URL"))
                .orElseThrow(() -> new MojoFailureException("No Octopus server URL: set <serverUrl>,"
                        + " -Doctopus.serverUrl=https://octopus.example.com or the OCTOPUS_URL variable."));
        URI uri = parseUrl(url.trim());
        if (session.isOffline()) {
            throw new MojoFailureException("Maven is offline (-o), so octopus:" + goal + " cannot reach " + uri
                    + ". Run without -o, or skip the goal with -D" + skipProperty(goal) + ".");
        }
        ServerSettings.Builder builder;
        try {
            builder = ServerSettings.builder(url.trim(), credential(parameters, log));
        } catch (IllegalArgumentException e) {
            // the client's reasons are about the URL: say where it came from
            throw ErrorTranslator.invalid(Setting.SERVER_URL, e);
        }
        builder.connectTimeout(seconds("connectTimeout", parameters.connectTimeout, 30))
                .requestTimeout(seconds("timeout", parameters.timeout, 60))
                .uploadTimeout(seconds("uploadTimeout", parameters.uploadTimeout, 3600))
                .retryPolicy(retryPolicy(parameters.retries))
                .insecure(parameters.insecure)
                .userAgent("octopus-maven-plugin/" + parameters.pluginVersion);
        if (parameters.trustStore != null) {
            if (!Files.isRegularFile(parameters.trustStore)) {
                throw new MojoFailureException("The trust store " + parameters.trustStore
                        + " does not exist. Fix <trustStore> or -Doctopus.trustStore.");
            }
            // a secret like the API key: never a parameter, which -X would print
            String password = property("octopus.trustStorePassword")
                    .or(() -> environment.get("OCTOPUS_TRUST_STORE_PASSWORD"))
                    .orElse(null);
            builder.trustStore(TrustStore.of(parameters.trustStore, password, parameters.trustStoreType));
        }
        proxy(uri).ifPresent(builder::proxy);
        return builder.build();
    }

    private static URI parseUrl(String url) throws MojoFailureException {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new MojoFailureException("Invalid Octopus server URL '" + url
                        + "': use http(s)://host[:port][/path], e.g. https://octopus.example.com.");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new MojoFailureException("Invalid Octopus server URL '" + url + "': " + e.getReason()
                    + ". Use e.g. https://octopus.example.com.");
        }
    }

    /**
     * The first of: the settings.xml server, {@code -Doctopus.apiKey}, {@code -Doctopus.accessToken}, OIDC as the
     * service account of {@code serviceAccountId} / {@code OCTOPUS_SERVICE_ACCOUNT_ID}, {@code OCTOPUS_API_KEY},
     * {@code OCTOPUS_ACCESS_TOKEN}: what the build's own configuration says before what the environment offers.
     * Logs which one is used (never the secret) and warns about the others that hold a different secret, so a
     * stale entry cannot silently win.
     */
    private Credential credential(ServerParameters parameters, Log log) throws MojoFailureException {
        String serverId = parameters.serverId;
        String id = serverId == null || serverId.isBlank() ? DEFAULT_SERVER_ID : serverId.trim();
        // source -> secret, in the order they are tried; access tokens and OIDC are marked by their source
        Map<String, String> found = new LinkedHashMap<>();
        Server server = session.getSettings().getServer(id);
        if (server != null) {
            Server decrypted = decrypt(server);
            if (decrypted.getPassword() == null || decrypted.getPassword().isBlank()) {
                throw new MojoFailureException("The settings.xml <server> '" + id
                        + "' has no <password>: put the Octopus API key there (encrypt it with mvn -ep).");
            }
            found.put("settings.xml <server> " + id, decrypted.getPassword().trim());
        } else if (!DEFAULT_SERVER_ID.equals(id)) {
            throw new MojoFailureException("settings.xml has no <server> with id '" + id
                    + "'. Add <server><id>" + id + "</id><password>API-...</password></server> to settings.xml,"
                    + " or fix <serverId> / -Doctopus.serverId.");
        }
        property("octopus.apiKey").ifPresent(key -> found.put("-Doctopus.apiKey", key.trim()));
        property("octopus.accessToken").ifPresent(token -> found.put(ACCESS_TOKEN_PROPERTY, token.trim()));
        Optional<String> serviceAccount = Optional.ofNullable(parameters.serviceAccountId)
                .filter(v -> !v.isBlank())
                .or(() -> environment.get(SERVICE_ACCOUNT_VARIABLE))
                .map(String::trim);
        String oidc = serviceAccount
                .map(account -> "OIDC as service account " + account)
                .orElse(null);
        serviceAccount.ifPresent(account -> found.put(oidc, OIDC_MARKER));
        environment.get("OCTOPUS_API_KEY").ifPresent(key -> found.put("the OCTOPUS_API_KEY variable", key.trim()));
        environment.get("OCTOPUS_ACCESS_TOKEN").ifPresent(token -> found.put(ACCESS_TOKEN_VARIABLE, token.trim()));
        if (found.isEmpty()) {
            throw new MojoFailureException(
                    "No Octopus credentials: add <server><id>octopus</id><password>API-...</password>"
                            + "</server> to settings.xml, or set the OCTOPUS_API_KEY variable (or OCTOPUS_ACCESS_TOKEN),"
                            + " or sign in keyless with -Doctopus.serviceAccountId (or OCTOPUS_SERVICE_ACCOUNT_ID).");
        }
        String source = found.keySet().iterator().next();
        String secret = found.get(source);
        Credential credential;
        if (source.equals(oidc)) {
            credential = oidc(serviceAccount.get(), parameters.idTokenVariable);
        } else {
            boolean token = source.equals(ACCESS_TOKEN_PROPERTY) || source.equals(ACCESS_TOKEN_VARIABLE);
            try {
                credential = (token ? Credential.bearerToken(secret) : Credential.apiKey(secret)).from(source);
            } catch (IllegalArgumentException e) {
                // never the server URL's fault, and never echo the value
                throw new MojoFailureException("The Octopus " + (token ? "access token" : "API key") + " from "
                        + source + " contains spaces, line breaks or non-ASCII characters: copy it again as one"
                        + " line, exactly as Octopus shows it.");
            }
        }
        log.info("Octopus " + credential.kind() + " from " + credential.source().orElse(source));
        List<String> ignored = new ArrayList<>();
        found.forEach((other, value) -> {
            if (!value.equals(secret)) {
                ignored.add(other);
            }
        });
        if (!ignored.isEmpty()) {
            log.warn("Octopus credentials in " + String.join(" and ", ignored) + " differ from those in " + source
                    + " and are ignored: settings.xml <server>, -Doctopus.apiKey, -Doctopus.accessToken, OIDC"
                    + " (-Doctopus.serviceAccountId or OCTOPUS_SERVICE_ACCOUNT_ID), OCTOPUS_API_KEY and"
                    + " OCTOPUS_ACCESS_TOKEN are tried in this order.");
        }
        return credential;
    }

    /** The OIDC credential: the service account and where its ID token comes from, checked before any request. */
    private Credential oidc(String serviceAccountId, String idTokenVariable) throws MojoFailureException {
        try {
            return Credential.oidc(
                    serviceAccountId, IdTokenSource.fromEnvironment(environment.variables(), idTokenVariable));
        } catch (OctopusException e) {
            throw ErrorTranslator.failure(e);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("The Octopus service account id contains spaces, line breaks or non-ASCII"
                    + " characters: copy the Service Account Id (a GUID)"
                    + " from the service account's OpenID Connect identity in Octopus into <serviceAccountId>,"
                    + " -Doctopus.serviceAccountId or OCTOPUS_SERVICE_ACCOUNT_ID.");
        }
    }

    /** The decrypted password of a settings.xml {@code <server>}; empty when there is no such server or password. */
    Optional<String> serverPassword(String id) throws MojoFailureException {
        Server server = session.getSettings().getServer(id);
        if (server == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(decrypt(server).getPassword()).filter(p -> !p.isBlank());
    }

    /** The property that skips just {@code goal}, as each goal's {@code *Skip} parameter declares it. */
    private static String skipProperty(String goal) {
        switch (goal) {
            case "build-information":
                return "octopus.buildInformation.skip";
            case "create-release":
                return "octopus.createRelease.skip";
            case "deploy-release":
                return "octopus.deployRelease.skip";
            default:
                return "octopus." + goal + ".skip";
        }
    }

    private Optional<String> property(String name) {
        String value = session.getUserProperties()
                .getProperty(name, session.getSystemProperties().getProperty(name));
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private Server decrypt(Server server) throws MojoFailureException {
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        failOnProblems(result.getProblems(), "<server> '" + server.getId() + "'");
        return result.getServer();
    }

    /** The active settings.xml proxy for the server's scheme (an http proxy also serves https, as is usual). */
    private Optional<ProxySettings> proxy(URI uri) throws MojoFailureException {
        List<Proxy> proxies = session.getSettings().getProxies();
        Optional<Proxy> chosen = proxies.stream()
                .filter(Proxy::isActive)
                .filter(p -> uri.getScheme().equalsIgnoreCase(p.getProtocol()))
                .findFirst()
                .or(() -> proxies.stream()
                        .filter(Proxy::isActive)
                        .filter(p -> "http".equalsIgnoreCase(p.getProtocol()))
                        .findFirst());
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(chosen.get()));
        failOnProblems(result.getProblems(), "<proxy> '" + chosen.get().getId() + "'");
        Proxy proxy = result.getProxy();
        ProxySettings.Builder settings = ProxySettings.builder(proxy.getHost(), proxy.getPort());
        if (proxy.getUsername() != null && !proxy.getUsername().isBlank()) {
            settings.credentials(proxy.getUsername(), proxy.getPassword() == null ? "" : proxy.getPassword());
        }
        if (proxy.getNonProxyHosts() != null) {
            settings.nonProxyHosts(proxy.getNonProxyHosts());
        }
        return Optional.of(settings.build());
    }

    private static void failOnProblems(List<SettingsProblem> problems, String what) throws MojoFailureException {
        for (SettingsProblem problem : problems) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoFailureException("Could not decrypt the settings.xml " + what + ": "
                        + problem.getMessage() + ". Check settings-security.xml and re-encrypt with mvn -ep.");
            }
        }
    }

    /** {@code usual} is the parameter's default, the value the hint suggests. */
    private static Duration seconds(String parameter, int value, int usual) throws MojoFailureException {
        if (value <= 0) {
            throw new MojoFailureException("Invalid <" + parameter + "> " + value
                    + ": give a positive number of seconds (-Doctopus." + parameter + "=" + usual + ").");
        }
        return Duration.ofSeconds(value);
    }

    private static RetryPolicy retryPolicy(int retries) throws MojoFailureException {
        if (retries < 0) {
            throw new MojoFailureException(
                    "Invalid <retries> " + retries + ": give 0 (no retries) or more (-Doctopus.retries=3).");
        }
        return RetryPolicy.retries(retries);
    }
}

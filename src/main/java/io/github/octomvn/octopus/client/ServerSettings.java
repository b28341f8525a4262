package io.github.octomvn.octopus.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Everything needed to reach one Octopus server: address, credential, timeouts, retries, proxy and TLS. */
public final class ServerSettings {

    private final URI serverUrl;
    private final Credential credential;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration uploadTimeout;
    private final RetryPolicy retryPolicy;
    private final ProxySettings proxy;
    private final TrustStore trustStore;
    private final boolean insecure;
    private final String userAgent;

    private ServerSettings(Builder b) {
        this.serverUrl = b.serverUrl;
        this.credential = b.credential;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.uploadTimeout = b.uploadTimeout;
        this.retryPolicy = b.retryPolicy;
        this.proxy = b.proxy;
        this.trustStore = b.trustStore;
        this.insecure = b.insecure;
        this.userAgent = b.userAgent;
    }

    /**
     * Starts settings for {@code serverUrl}, which may be given as {@code https://host},
     * {@code https://host/}, {@code https://host/api} or with a virtual directory {@code https://host/octopus/}.
     */
    public static Builder builder(String serverUrl, Credential credential) {
        return new Builder(normalise(serverUrl), credential);
    }

    /**
     * The application base URL: scheme, authority and any virtual directory, without {@code /api} and
     * without a trailing slash, e.g. {@code https://host/octopus}.
     */
    public URI serverUrl() {
        return serverUrl;
    }

    public Credential credential() {
        return credential;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Timeout of one JSON request, until the response headers arrive. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Timeout of one package upload, body included, until the response headers arrive. */
    public Duration uploadTimeout() {
        return uploadTimeout;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Optional<ProxySettings> proxy() {
        return Optional.ofNullable(proxy);
    }

    public Optional<TrustStore> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /** True when certificates and host names are not checked (for this client only). */
    public boolean insecure() {
        return insecure;
    }

    public String userAgent() {
        return userAgent;
    }

    /** The URL of a client-built path such as {@code /api/spaces/all}, below the application base. */
    URI resolve(String pathAndQuery) {
        return URI.create(serverUrl + pathAndQuery);
    }

    @Override
    public String toString() {
        return "ServerSettings[" + serverUrl + ", " + credential + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", uploadTimeout=" + uploadTimeout + ", " + retryPolicy
                + (proxy == null ? "" : ", " + proxy) + (trustStore == null ? "" : ", " + trustStore)
                + (insecure ? ", insecure" : "") + ", userAgent=" + userAgent + "]";
    }

    static URI normalise(String serverUrl) {
        Objects.requireNonNull(serverUrl, "serverUrl");
        String text = serverUrl.trim();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The Octopus server URL '" + text + "' is not a valid URL: "
                    + e.getReason() + "; expected e.g. https://octopus.example.com");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("The Octopus server URL '" + text
                    + "' must start with https:// or http://, e.g. https://octopus.example.com");
        }
        if (uri.getRawUserInfo() != null) {
            // Never echo the URL here: the user info is probably a password.
            throw new IllegalArgumentException("The Octopus server URL must not contain a user name or password;"
                    + " supply an API key instead (for example through the settings.xml server entry)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The Octopus server URL '" + text + "' has no host name");
        }
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException("The Octopus server URL '" + text
                    + "' must not have a query string; expected e.g. https://octopus.example.com");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        // A URL copied from the browser ("https://host/app#/Spaces-1/...") names the web UI, not the API.
        if (uri.getRawFragment() != null && path.toLowerCase(Locale.ROOT).endsWith("/app")) {
            path = path.substring(0, path.length() - "/app".length());
        }
        path = stripTrailingSlashes(path);
        String lower = path.toLowerCase(Locale.ROOT);
        int api = lower.lastIndexOf("/api/");
        if (api >= 0) {
            path = path.substring(0, api);
        } else if (lower.endsWith("/api")) {
            path = path.substring(0, path.length() - "/api".length());
        }
        path = stripTrailingSlashes(path);
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    private static String stripTrailingSlashes(String path) {
        String result = path;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /** Builds {@link ServerSettings}; every value but the URL and the credential has a default. */
    public static final class Builder {
        private final URI serverUrl;
        private final Credential credential;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration uploadTimeout = Duration.ofHours(1);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private ProxySettings proxy;
        private TrustStore trustStore;
        private boolean insecure;
        private String userAgent = "octopus-maven-plugin";

        private Builder(URI serverUrl, Credential credential) {
            this.serverUrl = serverUrl;
            this.credential = Objects.requireNonNull(credential, "credential");
        }

        /** Default 30 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Default 60 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** Default 1 hour. */
        public Builder uploadTimeout(Duration timeout) {
            this.uploadTimeout = positive(timeout, "uploadTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        public Builder proxy(ProxySettings proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        public Builder trustStore(TrustStore trustStore) {
            this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
            return this;
        }

        /** Trust every certificate and host name, for this client only; the caller warns the user. */
        public Builder insecure(boolean insecure) {
            this.insecure = insecure;
            return this;
        }

        /** E.g. {@code octopus-maven-plugin/1.2.0}. */
        public Builder userAgent(String userAgent) {
            Objects.requireNonNull(userAgent, "userAgent");
            if (userAgent.trim().isEmpty() || userAgent.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException("The user agent must be non-empty printable ASCII");
            }
            this.userAgent = userAgent.trim();
            return this;
        }

        public ServerSettings build() {
            return new ServerSettings(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}

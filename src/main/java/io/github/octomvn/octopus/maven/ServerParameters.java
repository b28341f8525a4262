package io.github.octomvn.octopus.maven;

import java.nio.file.Path;

/** The server parameters of one goal execution, read once from the Mojo: where and how to reach Octopus. */
final class ServerParameters {
    final String serverUrl;
    final String serverId;
    final int connectTimeout;
    final int timeout;
    final int uploadTimeout;
    final int retries;
    /** Null when not set. */
    final Path trustStore;

    final String trustStoreType;
    final boolean insecure;
    final String pluginVersion;
    /** Null when not set (then {@code OCTOPUS_SERVICE_ACCOUNT_ID} may give it). */
    final String serviceAccountId;
    /** The variable that holds the OIDC ID token; null for the default {@code OCTOPUS_ID_TOKEN}. */
    final String idTokenVariable;

    ServerParameters(
            String serverUrl,
            String serverId,
            int connectTimeout,
            int timeout,
            int uploadTimeout,
            int retries,
            Path trustStore,
            String trustStoreType,
            boolean insecure,
            String pluginVersion,
            String serviceAccountId,
            String idTokenVariable) {
        this.serverUrl = serverUrl;
        this.serverId = serverId;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.uploadTimeout = uploadTimeout;
        this.retries = retries;
        this.trustStore = trustStore;
        this.trustStoreType = trustStoreType;
        this.insecure = insecure;
        this.pluginVersion = pluginVersion;
        this.serviceAccountId = serviceAccountId;
        this.idTokenVariable = idTokenVariable;
    }
}

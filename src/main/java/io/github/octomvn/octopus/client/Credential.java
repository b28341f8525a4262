package io.github.octomvn.octopus.client;

import java.net.http.HttpRequest;
import java.util.Objects;
import java.util.Optional;

/** The secret that authenticates every request: an Octopus API key or a bearer access token. */
public final class Credential {

    private enum Scheme {
        API_KEY,
        BEARER_TOKEN
    }

    private final Scheme scheme;
    private final String secret;
    private final String source;

    private Credential(Scheme scheme, String secret, String source) {
        this.scheme = scheme;
        this.secret = secret;
        this.source = source;
    }

    private Credential(Scheme scheme, String secret) {
        this(scheme, secret, null);
    }

    /**
     * The same secret, remembering where it was read from (e.g. a configuration entry or an environment variable),
     * so that a rejected credential names its source. The source is a description, never the secret.
     */
    public Credential from(String source) {
        return new Credential(scheme, secret, Objects.requireNonNull(source, "source"));
    }

    /** Where the secret was read from, if the caller said so. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** An API key sent as {@code X-Octopus-ApiKey}, e.g. {@code API-ABC123}. */
    public static Credential apiKey(String apiKey) {
        return new Credential(Scheme.API_KEY, checked(apiKey, "API key"));
    }

    /** An access token (for example from an OIDC exchange) sent as {@code Authorization: Bearer}. */
    public static Credential bearerToken(String token) {
        return new Credential(Scheme.BEARER_TOKEN, checked(token, "bearer token"));
    }

    private static String checked(String value, String what) {
        Objects.requireNonNull(value, what);
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("The Octopus " + what + " is empty");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            // A secret pasted with a line break would otherwise split the header; never echo it.
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("The Octopus " + what
                        + " contains whitespace or non-ASCII characters; check how it is supplied");
            }
        }
        return trimmed;
    }

    /** True for an API key, false for a bearer token. */
    public boolean isApiKey() {
        return scheme == Scheme.API_KEY;
    }

    /** Adds exactly one authentication header to the request. */
    void applyTo(HttpRequest.Builder request) {
        if (scheme == Scheme.API_KEY) {
            request.header("X-Octopus-ApiKey", secret);
        } else {
            request.header("Authorization", "Bearer " + secret);
        }
    }

    /** The raw secret, for redacting it from text that came back from a server. */
    String secret() {
        return secret;
    }

    /** What the secret is, for messages: {@code API key} or {@code access token}. */
    public String kind() {
        return scheme == Scheme.API_KEY ? "API key" : "access token";
    }

    /** A form safe to print: {@code API-****} or {@code Bearer ****}. */
    public String masked() {
        return scheme == Scheme.API_KEY ? "API-****" : "Bearer ****";
    }

    @Override
    public String toString() {
        return masked();
    }
}

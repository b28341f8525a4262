package io.github.octomvn.octopus.client;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;

/**
 * What authenticates every request: an Octopus API key, a bearer access token, or an OIDC service account whose
 * access token is obtained by exchanging an ID token (and exchanged again before it runs out).
 */
public final class Credential {

    private enum Scheme {
        API_KEY,
        BEARER_TOKEN,
        OIDC
    }

    private final Scheme scheme;
    private final String secret;
    private final String source;
    private final IdTokenSource idTokenSource;

    private Credential(Scheme scheme, String secret, String source, IdTokenSource idTokenSource) {
        this.scheme = scheme;
        this.secret = secret;
        this.source = source;
        this.idTokenSource = idTokenSource;
    }

    private Credential(Scheme scheme, String secret) {
        this(scheme, secret, null, null);
    }

    /**
     * The same secret, remembering where it was read from (e.g. a configuration entry or an environment variable),
     * so that a rejected credential names its source. The source is a description, never the secret.
     */
    public Credential from(String source) {
        return new Credential(scheme, secret, Objects.requireNonNull(source, "source"), idTokenSource);
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

    /**
     * An OIDC service account: before the first request, an ID token from {@code idToken} is exchanged for an
     * access token for {@code serviceAccountId} (the service account's id, a GUID, which is also the ID token's
     * audience); the access token is sent as {@code Authorization: Bearer} and exchanged again shortly before it
     * expires.
     */
    public static Credential oidc(String serviceAccountId, IdTokenSource idToken) {
        String id = checked(serviceAccountId, "service account id");
        return new Credential(
                Scheme.OIDC,
                id,
                "OIDC as service account " + id + " (ID token from " + idToken.describe() + ")",
                Objects.requireNonNull(idToken, "idToken"));
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

    /** True for an API key, false for a bearer token or an OIDC service account. */
    public boolean isApiKey() {
        return scheme == Scheme.API_KEY;
    }

    /** True for an OIDC service account, whose access token the client obtains itself. */
    public boolean isOidc() {
        return scheme == Scheme.OIDC;
    }

    /** The service account id of an OIDC credential. */
    public Optional<String> serviceAccountId() {
        return scheme == Scheme.OIDC ? Optional.of(secret) : Optional.empty();
    }

    /** Where an OIDC credential's ID token comes from. */
    public Optional<IdTokenSource> idTokenSource() {
        return Optional.ofNullable(idTokenSource);
    }

    /** Adds exactly one authentication header to the request (an OIDC access token is added by the client). */
    void applyTo(HttpRequest.Builder request) {
        if (scheme == Scheme.API_KEY) {
            request.header("X-Octopus-ApiKey", secret);
        } else if (scheme == Scheme.BEARER_TOKEN) {
            request.header("Authorization", "Bearer " + secret);
        } else {
            throw new IllegalStateException("An OIDC access token is added by the client's token exchange");
        }
    }

    /** The raw secret, for redacting it from text that came back from a server; empty for OIDC (no secret here). */
    Optional<String> secret() {
        return scheme == Scheme.OIDC ? Optional.empty() : Optional.of(secret);
    }

    /**
     * Which credential this is, as a digest that reveals nothing of the secret: equal for the same kind and secret
     * (or service account), so that what one credential was told is never taken for another's.
     */
    String identity() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((scheme + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b & 0xff));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
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

package io.github.octomvn.octopus.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The access token of an OIDC service account on one connection: an ID token exchanged for an Octopus access
 * token before the first request, exchanged again shortly before it runs out (by the injected clock), and once
 * more when the server stops accepting a token it accepted before. Thread-safe; connections to one server as one
 * service account may share their {@link Tokens}, so that a build exchanges once. Every token it sees is handed to
 * {@link Failures} for redaction; none is ever part of a message.
 */
final class OidcSession {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String SUBJECT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    private static final Duration SHORTEST_MARGIN = Duration.ofSeconds(60);
    private static final Pattern GUID =
            Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String EXCHANGING = "Exchanging the ID token for an Octopus access token";

    private final HttpClient http;
    private final ServerSettings settings;
    private final Clock clock;
    private final Failures failures;
    private final String serviceAccountId;
    private final IdTokenSource idTokens;
    private final Consumer<String> warnings;

    private final Tokens tokens;

    OidcSession(HttpClient http, ServerSettings settings, Clock clock, Failures failures, Consumer<String> warnings) {
        this(http, settings, clock, failures, warnings, new Tokens());
    }

    /**
     * A session on one connection that shares {@code tokens} with the other connections to the same server as the
     * same service account (see {@link KnownServers}): the first exchange serves them all, and so does each renewal.
     */
    OidcSession(
            HttpClient http,
            ServerSettings settings,
            Clock clock,
            Failures failures,
            Consumer<String> warnings,
            Tokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.http = http;
        this.settings = settings;
        this.clock = clock;
        this.failures = failures;
        this.warnings = warnings;
        Credential credential = settings.credential();
        this.serviceAccountId = credential.serviceAccountId().orElseThrow();
        this.idTokens = credential.idTokenSource().orElseThrow();
        idTokens.fixedToken().ifPresent(failures::remember);
        idTokens.githubRequestToken().ifPresent(failures::remember);
    }

    /**
     * The access token of a service account on a server and what is known of it; guarded by itself. Shared by the
     * sessions of one build's connections, never printed (it has no {@code toString} that shows the token).
     */
    static final class Tokens {
        private URI tokenEndpoint;
        private String accessToken;
        private Instant expiresAt;
        private Duration lifetime;
        private boolean accepted;
        private boolean renewalFailed;

        @Override
        public String toString() {
            return "Tokens[" + (accessToken == null ? "none" : "until " + expiresAt) + "]";
        }
    }

    /** The access token to send now, exchanging first when there is none or it is about to run out. */
    String accessToken() throws OctopusException {
        synchronized (tokens) {
            String token = currentToken();
            // every connection that shares the tokens redacts them from its own messages
            failures.remember(token);
            return token;
        }
    }

    private String currentToken() throws OctopusException {
        if (tokens.accessToken == null) {
            exchange();
        } else if (refreshDue()) {
            try {
                exchange();
            } catch (OctopusException e) {
                if (!clock.instant().isBefore(tokens.expiresAt)) {
                    throw e;
                }
                // The token still works for a while: a passing failure (a restarting server, an ID token that
                // expired in the meantime) need not end a long wait before it must.
                if (!tokens.renewalFailed) {
                    tokens.renewalFailed = true;
                    warnings.accept("Renewing the Octopus access token failed (" + e.getMessage() + "); the current"
                            + " one is used until it expires at " + tokens.expiresAt);
                }
            }
        }
        return tokens.accessToken;
    }

    /** The server answered a request sent with {@code token} with something other than 401. */
    void accepted(String token) {
        synchronized (tokens) {
            acceptedLocked(token);
        }
    }

    private void acceptedLocked(String token) {
        if (token.equals(tokens.accessToken)) {
            tokens.accepted = true;
        }
    }

    /**
     * The server answered 401 to a request sent with {@code token}: true (and a new access token is ready) when it
     * had accepted that token before, so that it has expired or been revoked on the server since; the request is
     * then sent once more. A token refused from the start is not exchanged again: a new one would fare no better.
     */
    boolean renewAfterRejection(String token) throws OctopusException {
        synchronized (tokens) {
            return renewAfterRejectionLocked(token);
        }
    }

    private boolean renewAfterRejectionLocked(String token) throws OctopusException {
        if (!token.equals(tokens.accessToken)) {
            return tokens.accessToken != null; // another request renewed it meanwhile
        }
        if (!tokens.accepted) {
            return false;
        }
        exchange();
        return true;
    }

    private boolean refreshDue() {
        if (tokens.expiresAt == null) {
            return false;
        }
        // Less than 10 % of the lifetime (at least 60 s, at most half of it) left: exchange before a request fails.
        Duration margin = tokens.lifetime.dividedBy(10);
        if (margin.compareTo(SHORTEST_MARGIN) < 0) {
            margin = SHORTEST_MARGIN;
        }
        if (margin.compareTo(tokens.lifetime.dividedBy(2)) > 0) {
            margin = tokens.lifetime.dividedBy(2);
        }
        return !clock.instant().isBefore(tokens.expiresAt.minus(margin));
    }

    private void exchange() throws OctopusException {
        String idToken = idToken();
        URI endpoint = tokenEndpoint();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", GRANT_TYPE);
        body.put("audience", serviceAccountId);
        body.put("subject_token", idToken);
        body.put("subject_token_type", SUBJECT_TOKEN_TYPE);
        byte[] bytes = Json.bytes(body);
        HttpRequest request = plain(endpoint)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        Instant sent = clock.instant();
        HttpResponse<byte[]> response = send(request, EXCHANGING);
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw exchangeFailure(endpoint, response);
        }
        JsonNode answer = Json.parse(response.body()).filter(JsonNode::isObject).orElse(null);
        Optional<String> token = Json.text(answer, "access_token");
        if (token.isEmpty()) {
            throw new OctopusException(
                    OctopusException.Kind.SERVER,
                    EXCHANGING + " failed: " + endpoint + " answered HTTP " + status + " without an access_token."
                            + " Check that the server URL points to Octopus Deploy");
        }
        failures.remember(token.get());
        OptionalLong expiresIn = Json.number(answer, "expires_in");
        tokens.accessToken = token.get();
        tokens.accepted = false;
        tokens.renewalFailed = false;
        if (expiresIn.isPresent() && expiresIn.getAsLong() > 0) {
            tokens.lifetime = Duration.ofSeconds(expiresIn.getAsLong());
            tokens.expiresAt = sent.plus(tokens.lifetime);
        } else {
            tokens.lifetime = null;
            tokens.expiresAt = null;
        }
    }

    private OctopusException exchangeFailure(URI endpoint, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode answer = Json.parse(response.body()).filter(JsonNode::isObject).orElse(null);
        Optional<String> error = Json.text(answer, "error");
        String text = Json.text(answer, "error_description")
                .map(Failures::collapse)
                .orElseGet(() -> Failures.serverText(response.headers(), response.body()));
        String said = error.map(e -> text.isEmpty() ? e : e + ": " + text).orElse(text);
        String answered = "HTTP " + status + (said.isEmpty() ? "" : ": " + said);
        String server = failures.server();
        String lower = said.toLowerCase(Locale.ROOT);
        boolean guid = GUID.matcher(serviceAccountId).matches();
        if (status == 404 && error.isEmpty() && !lower.contains("service account")) {
            return message(
                    OctopusException.Kind.UNSUPPORTED_SERVER,
                    EXCHANGING + " failed: Octopus at " + server + " has no token exchange at " + endpoint + " ("
                            + answered + "). This Octopus version may predate OIDC for service accounts; sign in"
                            + " with an API key instead",
                    status);
        }
        if (status >= 500 || status == 408 || status == 429) {
            return failures.fromResponse(EXCHANGING, status, response.headers(), response.body(), null);
        }
        boolean unknownAccount = lower.contains("service account")
                && (lower.contains("not found")
                        || lower.contains("no service account")
                        || lower.contains("does not exist")
                        || lower.contains("unknown"));
        if (unknownAccount || !guid) {
            return message(
                            OctopusException.Kind.VALIDATION,
                            EXCHANGING + " failed: Octopus at " + server + " refused the service account id '"
                                    + serviceAccountId + "' (" + answered + ")"
                                    + (guid ? "" : "; a service account id is a GUID")
                                    + ". Set the service account id to the Service Account Id shown on the OpenID"
                                    + " Connect identity of the Octopus service account",
                            status)
                    .blaming(Setting.SERVICE_ACCOUNT_ID, null);
        }
        if (status == 400 || status == 401 || status == 403 || error.isPresent()) {
            return message(
                    OctopusException.Kind.AUTHENTICATION,
                    EXCHANGING + " failed: Octopus at " + server + " refused the ID token from "
                            + idTokens.describe() + " for service account " + serviceAccountId + " (" + answered
                            + "). Check the service account's OpenID Connect identity: its issuer and subject must"
                            + " match the ID token's (the subject is case-sensitive), and the ID token's audience"
                            + " must be the service account id",
                    status);
        }
        return failures.fromResponse(EXCHANGING, status, response.headers(), response.body(), null);
    }

    private OctopusException message(OctopusException.Kind kind, String text, int status) {
        return new OctopusException(kind, Failures.collapse(failures.redact(text)), status, false, false, null, null);
    }

    /** {@code token_endpoint} of the discovery document, else {@code /token/v1} as the official GitHub login does. */
    private URI tokenEndpoint() throws OctopusException {
        if (tokens.tokenEndpoint != null) {
            return tokens.tokenEndpoint;
        }
        URI discovery = settings.resolve("/.well-known/openid-configuration");
        HttpRequest request = plain(discovery).GET().build();
        HttpResponse<byte[]> response = send(request, "Reading the OpenID configuration of " + failures.server());
        Optional<String> endpoint = Optional.empty();
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            endpoint = Json.parse(response.body())
                    .flatMap(document -> Json.text(document, "token_endpoint"))
                    .map(String::trim);
        }
        URI chosen = settings.resolve("/token/v1");
        if (endpoint.isPresent()) {
            try {
                URI given = URI.create(endpoint.get());
                if (given.isAbsolute()
                        && given.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
                    chosen = given;
                }
            } catch (IllegalArgumentException e) {
                // a document we cannot use: the documented endpoint below the server URL will do
            }
        }
        tokens.tokenEndpoint = chosen;
        return chosen;
    }

    private String idToken() throws OctopusException {
        Optional<String> fixed = idTokens.fixedToken();
        if (fixed.isPresent()) {
            return fixed.get();
        }
        String action = "Requesting an ID token from GitHub Actions";
        URI uri = idTokens.githubUrl(serviceAccountId);
        HttpRequest request = plain(uri)
                .header(
                        "Authorization",
                        "bearer " + idTokens.githubRequestToken().orElseThrow())
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // not Failures.fromIOException: its advice is about the Octopus server, and this is GitHub's
            throw new OctopusException(
                    OctopusException.Kind.NETWORK,
                    Failures.collapse(failures.redact(action + " failed: cannot reach " + uri.getHost() + " ("
                            + Failures.describe(e) + "). Check the runner's network and proxy settings")),
                    0,
                    true,
                    false,
                    null,
                    e);
        } catch (InterruptedException e) {
            throw failures.interrupted(action, e);
        }
        int status = response.statusCode();
        String text = Failures.serverText(response.headers(), response.body());
        if (status == 401 || status == 403) {
            throw message(
                    OctopusException.Kind.AUTHENTICATION,
                    action + " failed: HTTP " + status + (text.isEmpty() ? "" : ": " + text) + ". The job needs"
                            + " permissions: id-token: write, and ACTIONS_ID_TOKEN_REQUEST_TOKEN is only valid in"
                            + " the job that received it",
                    status);
        }
        if (status < 200 || status >= 300) {
            throw message(
                    OctopusException.Kind.SERVER,
                    action + " failed: HTTP " + status + (text.isEmpty() ? "" : ": " + text)
                            + ". Re-run the job; GitHub's token service may be unavailable",
                    status);
        }
        Optional<String> value = Json.parse(response.body()).flatMap(document -> Json.text(document, "value"));
        if (value.isEmpty()) {
            throw message(
                    OctopusException.Kind.SERVER,
                    action + " failed: the answer (HTTP " + status + ") carries no token. Re-run the job",
                    status);
        }
        failures.remember(value.get().trim());
        return value.get().trim();
    }

    /** A request with no Octopus credential: the exchange and the ID token service authenticate by their own means. */
    private HttpRequest.Builder plain(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("User-Agent", settings.userAgent())
                .header("Accept", "application/json");
        settings.proxy()
                .filter(proxy -> !proxy.bypasses(uri.getHost()))
                .flatMap(ProxySettings::basicAuthorization)
                .ifPresent(value -> builder.header("Proxy-Authorization", value));
        return builder;
    }

    private HttpResponse<byte[]> send(HttpRequest request, String action) throws OctopusException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw failures.fromIOException(action, request.uri(), request.timeout(), e);
        } catch (InterruptedException e) {
            throw failures.interrupted(action, e);
        }
    }
}

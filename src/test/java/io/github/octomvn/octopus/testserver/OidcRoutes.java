package io.github.octomvn.octopus.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Keyless sign-in (octopus-api.md §1.2): the OpenID discovery document, the token exchange of service accounts'
 * ID tokens for access tokens (which {@link Accounts} then accepts as {@code Authorization: Bearer} until they
 * expire by the server's clock), and a fake of the GitHub Actions ID token service ({@code
 * ACTIONS_ID_TOKEN_REQUEST_URL}) that checks the job's request token and mints a token for the audience asked for.
 * These routes answer before any API key is checked, as on Octopus and GitHub.
 */
final class OidcRoutes {

    /** How token exchange errors are worded: the OAuth {@code error}/{@code error_description}, or Octopus's own. */
    enum ErrorStyle {
        OAUTH,
        OCTOPUS
    }

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String JWT = "urn:ietf:params:oauth:token-type:jwt";
    static final String GITHUB_PATH = "/_apis/distributedtask/hubs/Actions/plans/1/jobs/1/idtoken";

    private static final class Issued {
        final String serviceAccountId;
        final Instant expiresAt;

        Issued(String serviceAccountId, Instant expiresAt) {
            this.serviceAccountId = serviceAccountId;
            this.expiresAt = expiresAt;
        }
    }

    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, List<String>> serviceAccounts = new ConcurrentHashMap<>();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final AtomicInteger exchanges = new AtomicInteger();
    private final AtomicInteger githubRequests = new AtomicInteger();
    private volatile boolean discovery = true;
    private volatile long expiresInSeconds = 3600;
    private volatile ErrorStyle errorStyle = ErrorStyle.OAUTH;
    private volatile String githubRequestToken;

    OidcRoutes(Clock clock, Supplier<String> baseUrl) {
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    // ---------------------------------------------------------------------------------------------- configuration

    /** A service account (its id, a GUID, is the audience) whose OIDC identity accepts these ID tokens. */
    void serviceAccount(String id, String... acceptedIdTokens) {
        serviceAccounts.put(id, Collections.unmodifiableList(new ArrayList<>(List.of(acceptedIdTokens))));
    }

    void discovery(boolean on) {
        this.discovery = on;
    }

    void expiresIn(long seconds) {
        this.expiresInSeconds = seconds;
    }

    void errorStyle(ErrorStyle style) {
        this.errorStyle = style;
    }

    /** Turns the fake GitHub ID token service on; a job presents {@code requestToken}. */
    void github(String requestToken) {
        this.githubRequestToken = requestToken;
    }

    /** Every access token issued so far stops working. */
    void expireAll() {
        issued.replaceAll((token, was) -> new Issued(was.serviceAccountId, Instant.MIN));
    }

    int exchanges() {
        return exchanges.get();
    }

    int githubRequests() {
        return githubRequests.get();
    }

    /** Every access token issued so far, for scans that no token leaked. */
    Set<String> issuedTokens() {
        return Collections.unmodifiableSet(issued.keySet());
    }

    // ---------------------------------------------------------------------------------------------- accounts

    /** Permissions of an issued, unexpired access token: a service account may do everything here. */
    Optional<Set<Permission>> authenticate(String bearer) {
        Issued token = issued.get(bearer);
        if (token == null || !clock.instant().isBefore(token.expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(EnumSet.allOf(Permission.class));
    }

    // ---------------------------------------------------------------------------------------------- routes

    /** Answers and returns true for the discovery document, the token exchange and the fake GitHub service. */
    boolean handle(Exchange ex) throws IOException {
        String path = ex.path;
        if (path.equalsIgnoreCase("/.well-known/openid-configuration")
                || path.equalsIgnoreCase("/api/.well-known/openid-configuration")) {
            if (!discovery) {
                ex.notFound();
                return true;
            }
            if (ex.requireGet()) {
                ObjectNode document = JsonRendering.JSON.createObjectNode();
                document.put("issuer", baseUrl.get());
                document.put("token_endpoint", baseUrl.get() + "/token/v1");
                document.putArray("grant_types_supported").add(GRANT_TYPE);
                ex.json(200, document);
            }
            return true;
        }
        if (path.equalsIgnoreCase("/token/v1") || path.equalsIgnoreCase("/api/token/v1")) {
            if (!ex.method().equals("POST")) {
                ex.methodNotAllowed();
            } else {
                exchange(ex);
            }
            return true;
        }
        if (path.equals(GITHUB_PATH) && githubRequestToken != null) {
            github(ex);
            return true;
        }
        return false;
    }

    private void exchange(Exchange ex) throws IOException {
        byte[] bytes = ex.body.readNBytes(64 * 1024);
        JsonNode body = JsonRendering.parse(bytes);
        if (body == null || !body.isObject()) {
            refuse(ex, 400, "invalid_request", "The request body must be a JSON object");
            return;
        }
        String grantType = JsonRendering.textField(body, "grant_type").orElse("");
        String audience = JsonRendering.textField(body, "audience").orElse("");
        String subjectToken = JsonRendering.textField(body, "subject_token").orElse("");
        String subjectTokenType =
                JsonRendering.textField(body, "subject_token_type").orElse("");
        if (!grantType.equals(GRANT_TYPE)) {
            refuse(ex, 400, "unsupported_grant_type", "The grant_type '" + grantType + "' is not supported");
            return;
        }
        if (!subjectTokenType.equals(JWT) || subjectToken.isEmpty() || audience.isEmpty()) {
            refuse(
                    ex,
                    400,
                    "invalid_request",
                    "audience, subject_token and a subject_token_type of " + JWT + " are required");
            return;
        }
        List<String> accepted = serviceAccounts.get(audience);
        if (accepted == null) {
            refuse(ex, 400, "invalid_request", "No service account with id '" + audience + "' was found");
            return;
        }
        if (!accepted.contains(subjectToken)) {
            refuse(
                    ex,
                    400,
                    "invalid_grant",
                    "Could not find matching identity for presented assertions. Assertions - Audience: '" + audience
                            + "'");
            return;
        }
        byte[] random16 = new byte[16];
        random.nextBytes(random16);
        StringBuilder token = new StringBuilder("octo-at-" + exchanges.incrementAndGet() + "-");
        for (byte b : random16) {
            token.append(String.format("%02x", b & 0xff));
        }
        long lifetime = expiresInSeconds;
        issued.put(token.toString(), new Issued(audience, clock.instant().plusSeconds(lifetime)));
        ObjectNode answer = JsonRendering.JSON.createObjectNode();
        answer.put("access_token", token.toString());
        answer.put("issued_token_type", "urn:ietf:params:oauth:token-type:access_token");
        answer.put("token_type", "Bearer");
        answer.put("expires_in", lifetime);
        ex.json(200, answer);
    }

    private void refuse(Exchange ex, int status, String error, String description) throws IOException {
        if (errorStyle == ErrorStyle.OCTOPUS) {
            ex.error(status, "There was a problem with your request.", description);
            return;
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("error_description", description);
        ex.json(status, answer);
    }

    /** {@code GET ...idtoken?api-version=2.0&audience=X} with {@code Authorization: bearer <request token>}. */
    private void github(Exchange ex) throws IOException {
        githubRequests.incrementAndGet();
        if (!ex.requireGet()) {
            return;
        }
        String authorization = ex.head.header("Authorization").orElse("");
        boolean bearer = authorization.regionMatches(true, 0, "bearer ", 0, 7);
        if (!bearer || !authorization.substring(7).trim().equals(githubRequestToken)) {
            ex.respond(
                    401,
                    JsonRendering.jsonType(),
                    "{\"message\":\"Bad credentials\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Optional<String> audience = Exchange.param(ex.queryParameters(), "audience");
        if (audience.isEmpty() || audience.get().isEmpty()) {
            ex.respond(
                    400,
                    JsonRendering.jsonType(),
                    "{\"message\":\"audience is required\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        // GitHub mints a token for any audience; only the service account's identity accepts it.
        List<String> accepted = serviceAccounts.getOrDefault(audience.get(), List.of());
        String token = accepted.isEmpty() ? "gh-id-token-for-" + audience.get() : accepted.get(0);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("count", token.length());
        answer.put("value", token);
        ex.json(200, answer);
    }
}

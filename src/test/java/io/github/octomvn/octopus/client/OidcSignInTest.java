package io.github.octomvn.octopus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keyless sign-in: an ID token exchanged for an Octopus access token, refreshed, and never shown. */
class OidcSignInTest {

    static final String SERVICE_ACCOUNT = "4f3b1a52-8c9d-4e7f-a1b2-c3d4e5f60718";
    static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0X3BhdGg6Z3JvdXAvYXBwIn0.c2lnbmF0dXJl";
    static final String REQUEST_TOKEN = "ghs_RequestTokenOfTheJob0123456789";

    private final TestClock clock = new TestClock();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private OctopusTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = OctopusTestServer.builder()
                .clock(clock)
                .serviceAccount(SERVICE_ACCOUNT, ID_TOKEN)
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OctopusClient connect(String serviceAccountId, Map<String, String> environment) throws OctopusException {
        Credential credential =
                Credential.oidc(serviceAccountId, IdTokenSource.fromEnvironment(environment, "OCTOPUS_ID_TOKEN"));
        ServerSettings settings = ServerSettings.builder(server.url().toString(), credential)
                .userAgent("octopus-maven-plugin/test")
                .requestTimeout(Duration.ofSeconds(10))
                .retryPolicy(RetryPolicy.none())
                .build();
        return OctopusClient.connect(settings, sleeper, clock, warnings::add);
    }

    private OctopusClient connect() throws OctopusException {
        return connect(SERVICE_ACCOUNT, Map.of("OCTOPUS_ID_TOKEN", ID_TOKEN));
    }

    /** A connection of a build whose connections share {@code known}. */
    private OctopusClient connect(KnownServers known) throws OctopusException {
        Credential credential = Credential.oidc(
                SERVICE_ACCOUNT,
                IdTokenSource.fromEnvironment(Map.of("OCTOPUS_ID_TOKEN", ID_TOKEN), "OCTOPUS_ID_TOKEN"));
        ServerSettings settings = ServerSettings.builder(server.url().toString(), credential)
                .userAgent("octopus-maven-plugin/test")
                .requestTimeout(Duration.ofSeconds(10))
                .retryPolicy(RetryPolicy.none())
                .build();
        return OctopusClient.connect(settings, sleeper, clock, warnings::add, known);
    }

    @Test
    void theConnectionsOfOneBuildExchangeTheIdTokenOnceAndRenewItOnce() throws Exception {
        server.issueAccessTokensFor(600);
        KnownServers known = new KnownServers();
        try (OctopusClient push = connect(known)) {
            push.resolveSpace(Optional.empty());
        }
        try (OctopusClient release = connect(known)) {
            listSpaces(release);
            assertThat(server.tokenExchanges()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(545)); // 55 s left: renewed once, for every connection
            try (OctopusClient deploy = connect(known)) {
                listSpaces(deploy);
                listSpaces(release);
            }
        }

        assertThat(server.tokenExchanges()).isEqualTo(2);
        assertThat(server.requests().stream().filter(r -> r.path().startsWith("/api")))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }

    @Test
    void aConnectionThatSharesTheTokenRedactsItFromItsOwnMessages() throws Exception {
        KnownServers known = new KnownServers();
        try (OctopusClient first = connect(known)) {
            first.resolveSpace(Optional.empty());
        }
        String token = server.issuedAccessTokens().iterator().next();
        // the server echoes the token in an error: the second connection never exchanged it, yet hides it
        server.respondNext(1, 400, "spaces/all", "application/json", "{\"ErrorMessage\":\"bad token " + token + "\"}");

        try (OctopusClient second = connect(known)) {
            assertThatThrownBy(() -> listSpaces(second))
                    .hasMessageContaining("bad token")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
        }
        assertThat(server.tokenExchanges()).isEqualTo(1);
    }

    private static JsonNode body(RecordedRequest request) throws Exception {
        return Json.parse(request.body().orElseThrow()).orElseThrow();
    }

    private static Optional<String> bearer(RecordedRequest request) {
        return request.header("Authorization").map(value -> value.substring("Bearer ".length()));
    }

    @Test
    void exchangesTheIdTokenAtTheDiscoveredEndpointAndSendsTheAccessTokenAsBearer() throws Exception {
        try (OctopusClient client = connect()) {
            client.resolveSpace(Optional.empty());
        }

        List<RecordedRequest> requests = server.requests();
        assertThat(requests.get(0).path()).isEqualTo("/.well-known/openid-configuration");
        assertThat(requests.get(0).header("Authorization")).isEmpty();
        RecordedRequest exchange = requests.get(1);
        assertThat(exchange.method()).isEqualTo("POST");
        assertThat(exchange.path()).isEqualTo("/token/v1");
        assertThat(exchange.header("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = body(exchange);
        assertThat(body.get("grant_type").asText()).isEqualTo("urn:ietf:params:oauth:grant-type:token-exchange");
        assertThat(body.get("audience").asText()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(body.get("subject_token").asText()).isEqualTo(ID_TOKEN);
        assertThat(body.get("subject_token_type").asText()).isEqualTo("urn:ietf:params:oauth:token-type:jwt");
        String accessToken = server.issuedAccessTokens().iterator().next();
        for (RecordedRequest api : requests.subList(2, requests.size())) {
            assertThat(api.path()).startsWith("/api");
            assertThat(bearer(api)).contains(accessToken);
            assertThat(api.header("X-Octopus-ApiKey")).isEmpty();
            assertThat(api.status()).isEqualTo(200);
        }
        assertThat(server.tokenExchanges()).isEqualTo(1);
    }

    @Test
    void usesTokenV1BelowTheServerUrlWithoutADiscoveryDocument() throws Exception {
        server.serveOpenIdConfiguration(false);

        try (OctopusClient client = connect()) {
            client.resolveSpace(Optional.empty());
        }

        assertThat(server.requests("GET", "openid-configuration$").get(0).status())
                .isEqualTo(404);
        assertThat(server.requests("POST", "^/token/v1$")).hasSize(1);
        assertThat(server.tokenExchanges()).isEqualTo(1);
    }

    @Test
    void asksGitHubActionsForAnIdTokenWhoseAudienceIsTheServiceAccount() throws Exception {
        String url = server.serveGitHubIdTokens(REQUEST_TOKEN);

        try (OctopusClient client = connect(
                SERVICE_ACCOUNT,
                Map.of(
                        "GITHUB_ACTIONS", "true",
                        "ACTIONS_ID_TOKEN_REQUEST_URL", url,
                        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN))) {
            client.resolveSpace(Optional.empty());
        }

        RecordedRequest github = server.requests("GET", "/idtoken$").get(0);
        assertThat(github.query()).isEqualTo("api-version=2.0&audience=" + SERVICE_ACCOUNT);
        assertThat(github.header("Authorization")).contains("bearer " + REQUEST_TOKEN);
        assertThat(body(server.requests("POST", "^/token/v1$").get(0))
                        .get("subject_token")
                        .asText())
                .isEqualTo(ID_TOKEN);
        assertThat(server.tokenExchanges()).isEqualTo(1);
    }

    @Test
    void aWrongServiceAccountIdIsNamedWithItsFix() {
        String unknown = "00000000-1111-2222-3333-444444444444";

        assertThatThrownBy(() -> connect(unknown, Map.of("OCTOPUS_ID_TOKEN", ID_TOKEN)))
                .isInstanceOfSatisfying(OctopusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OctopusException.Kind.VALIDATION);
                    assertThat(e.setting()).contains(Setting.SERVICE_ACCOUNT_ID);
                })
                .hasMessageContaining("refused the service account id '" + unknown + "'")
                .hasMessageContaining("No service account with id")
                .hasMessageContaining("Set the service account id to the Service Account Id")
                .hasMessageNotContaining(ID_TOKEN);
    }

    @Test
    void aWrongServiceAccountIdInOctopusErrorShapeIsNamedToo() {
        server.answerTokenErrorsAsOctopusErrors(true);

        assertThatThrownBy(() -> connect("Users-12", Map.of("OCTOPUS_ID_TOKEN", ID_TOKEN)))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.setting()).contains(Setting.SERVICE_ACCOUNT_ID))
                .hasMessageContaining("refused the service account id 'Users-12'")
                .hasMessageContaining("There was a problem with your request. No service account with id")
                .hasMessageContaining("a service account id is a GUID")
                .hasMessageNotContaining(ID_TOKEN);
    }

    @Test
    void aRejectedIdTokenPointsAtTheIdentitysIssuerSubjectAndAudience() {
        String other = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm90aGVyIn0.b3RoZXI";

        assertThatThrownBy(() -> connect(SERVICE_ACCOUNT, Map.of("CI_ID_TOKEN", other, "OCTOPUS_ID_TOKEN", other)))
                .isInstanceOfSatisfying(OctopusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OctopusException.Kind.AUTHENTICATION);
                    assertThat(e.status()).hasValue(400);
                })
                .hasMessageContaining("refused the ID token from the OCTOPUS_ID_TOKEN variable for service account "
                        + SERVICE_ACCOUNT)
                .hasMessageContaining("invalid_grant: Could not find matching identity")
                .hasMessageContaining("issuer and subject must match")
                .hasMessageContaining("audience must be the service account id")
                .hasMessageNotContaining(other);
    }

    @Test
    void aRefusedGitHubRequestTokenExplainsTheJobPermission() {
        String url = server.serveGitHubIdTokens(REQUEST_TOKEN);

        assertThatThrownBy(() -> connect(
                        SERVICE_ACCOUNT,
                        Map.of(
                                "GITHUB_ACTIONS", "true",
                                "ACTIONS_ID_TOKEN_REQUEST_URL", url,
                                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ghs_stale")))
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("Requesting an ID token from GitHub Actions failed: HTTP 401")
                .hasMessageContaining("permissions: id-token: write")
                .hasMessageNotContaining("ghs_stale");
        assertThat(server.tokenExchanges()).isZero();
    }

    @Test
    void gitHubActionsWithoutTheRequestVariablesExplainsTheMissingPermission() {
        assertThatThrownBy(() -> IdTokenSource.fromEnvironment(Map.of("GITHUB_ACTIONS", "true"), "OCTOPUS_ID_TOKEN"))
                .isInstanceOf(OctopusException.class)
                .hasMessageContaining("ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN")
                .hasMessageContaining("permissions: id-token: write");
    }

    @Test
    void withoutAnIdTokenElsewhereTheVariableIsNamed() {
        assertThatThrownBy(() -> IdTokenSource.fromEnvironment(Map.of("GITLAB_CI", "true"), "GITLAB_OIDC_TOKEN"))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.setting()).contains(Setting.ID_TOKEN_VARIABLE))
                .hasMessageContaining("the variable GITLAB_OIDC_TOKEN is not set")
                .hasMessageContaining("id_tokens:");
    }

    @Test
    void anIdTokenVariableWinsOverGitHubActions() throws Exception {
        IdTokenSource source = IdTokenSource.fromEnvironment(
                Map.of("GITHUB_ACTIONS", "true", "OCTOPUS_ID_TOKEN", ID_TOKEN), "OCTOPUS_ID_TOKEN");

        assertThat(source.isGitHubActions()).isFalse();
        assertThat(source.describe()).isEqualTo("the OCTOPUS_ID_TOKEN variable");
    }

    @Test
    void exchangesAgainShortlyBeforeTheAccessTokenRunsOut() throws Exception {
        server.issueAccessTokensFor(600);
        try (OctopusClient client = connect()) {
            clock.advance(Duration.ofSeconds(530)); // 70 s left: more than the 60 s margin
            listSpaces(client);
            assertThat(server.tokenExchanges()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(15)); // 55 s left
            listSpaces(client);
            assertThat(server.tokenExchanges()).isEqualTo(2);

            clock.advance(Duration.ofSeconds(3600)); // the first token is long gone; the second is renewed in time
            listSpaces(client);
        }
        assertThat(server.tokenExchanges()).isEqualTo(3);
        assertThat(server.requests().stream().filter(r -> r.path().startsWith("/api")))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void aLongLivedTokenIsRenewedWhenATenthOfItsLifetimeIsLeft() throws Exception {
        try (OctopusClient client = connect()) { // 3600 s: renewed with 360 s left
            clock.advance(Duration.ofSeconds(3200));
            listSpaces(client);
            assertThat(server.tokenExchanges()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(60));
            listSpaces(client);
            assertThat(server.tokenExchanges()).isEqualTo(2);
        }
    }

    @Test
    void aTokenTheServerStopsAcceptingIsExchangedOnceAndTheRequestSentAgain() throws Exception {
        try (OctopusClient client = connect()) {
            server.expireAccessTokens();

            Space space = client.resolveSpace(Optional.of("Spaces-1"));

            assertThat(space.id()).isEqualTo("Spaces-1");
        }
        assertThat(server.tokenExchanges()).isEqualTo(2);
        List<RecordedRequest> lookups = server.requests("GET", "^/api/spaces/Spaces-1$");
        assertThat(lookups).extracting(RecordedRequest::status).containsExactly(401, 200);
        assertThat(bearer(lookups.get(0))).isNotEqualTo(bearer(lookups.get(1)));
    }

    @Test
    void aFreshTokenThatIsRefusedIsNotExchangedInALoop() throws Exception {
        try (OctopusClient client = connect()) {
            server.issueAccessTokensFor(0); // every new token is dead on arrival
            server.expireAccessTokens();

            assertThatThrownBy(() -> client.resolveSpace(Optional.of("Spaces-1")))
                    .isInstanceOfSatisfying(
                            OctopusException.class,
                            e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.AUTHENTICATION))
                    .hasMessageContaining("HTTP 401")
                    .hasMessageContaining("The access token from OIDC as service account " + SERVICE_ACCOUNT
                            + " (ID token from the OCTOPUS_ID_TOKEN variable) was refused");
        }
        assertThat(server.tokenExchanges()).isEqualTo(2);
        assertThat(server.requests("GET", "^/api/spaces/Spaces-1$")).hasSize(2);
    }

    @Test
    void noTokenAppearsInAnyMessageOrWarning() throws Exception {
        String url = server.serveGitHubIdTokens(REQUEST_TOKEN);
        List<String> texts = new ArrayList<>();
        Map<String, String> github = Map.of(
                "GITHUB_ACTIONS", "true",
                "ACTIONS_ID_TOKEN_REQUEST_URL", url,
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN);
        try (OctopusClient client = connect(SERVICE_ACCOUNT, github)) {
            texts.add(client.toString());
            server.failNext(1, 500, "spaces/all", -1);
            try {
                client.resolveSpace(Optional.of("Nowhere"));
            } catch (OctopusException e) {
                texts.add(e.getMessage());
            }
            server.issueAccessTokensFor(0);
            server.expireAccessTokens();
            try {
                client.resolveSpace(Optional.of("Spaces-1"));
            } catch (OctopusException e) {
                texts.add(e.getMessage());
            }
        }
        for (String id : List.of("00000000-1111-2222-3333-444444444444", SERVICE_ACCOUNT)) {
            try {
                connect(id, Map.of("OCTOPUS_ID_TOKEN", id.equals(SERVICE_ACCOUNT) ? "eyJ.rejected.token" : ID_TOKEN));
            } catch (OctopusException e) {
                texts.add(e.getMessage());
            }
        }
        texts.addAll(warnings);

        List<String> secrets = new ArrayList<>(server.issuedAccessTokens());
        secrets.addAll(List.of(ID_TOKEN, REQUEST_TOKEN, "eyJ.rejected.token"));
        assertThat(texts).hasSizeGreaterThanOrEqualTo(5);
        for (String text : texts) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
        // the server did see them, so the scan above looked for real values
        assertThat(server.requests().stream()
                        .map(r -> r.body()
                                .map(b -> new String(b, StandardCharsets.UTF_8))
                                .orElse("")))
                .anyMatch(body -> body.contains(ID_TOKEN));
    }

    private OctopusClient connect(Map<String, String> environment, ProxySettings proxy) throws OctopusException {
        Credential credential =
                Credential.oidc(SERVICE_ACCOUNT, IdTokenSource.fromEnvironment(environment, "OCTOPUS_ID_TOKEN"));
        ServerSettings settings = ServerSettings.builder(server.url().toString(), credential)
                .retryPolicy(RetryPolicy.none())
                .proxy(proxy)
                .build();
        return OctopusClient.connect(settings, sleeper, clock, warnings::add);
    }

    @Test
    void reachesGitHubThroughTheSameProxySettingsAsOctopus() throws Exception {
        server.serveGitHubIdTokens(REQUEST_TOKEN);
        ProxySettings proxy = ProxySettings.builder("127.0.0.1", server.port())
                .nonProxyHosts("127.0.0.1")
                .build();

        try (OctopusClient client = connect(
                Map.of(
                        "GITHUB_ACTIONS",
                        "true",
                        "ACTIONS_ID_TOKEN_REQUEST_URL",
                        "http://token.actions.test" + OctopusTestServer.gitHubIdTokenPath(),
                        "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
                        REQUEST_TOKEN),
                proxy)) {
            client.resolveSpace(Optional.empty());
        }

        assertThat(server.requests("GET", "/idtoken$"))
                .singleElement()
                .satisfies(r -> assertThat(r.proxied()).isTrue());
        assertThat(server.requests().stream().filter(r -> !r.path().endsWith("/idtoken")))
                .noneMatch(RecordedRequest::proxied);
        assertThat(server.tokenExchanges()).isEqualTo(1);
    }

    @Test
    void anUnreachableGitHubTokenServiceIsNamedWithoutOctopusAdvice() throws Exception {
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + deadPort + OctopusTestServer.gitHubIdTokenPath();

        assertThatThrownBy(() -> connect(
                        SERVICE_ACCOUNT,
                        Map.of(
                                "GITHUB_ACTIONS", "true",
                                "ACTIONS_ID_TOKEN_REQUEST_URL", url,
                                "ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN)))
                .isInstanceOfSatisfying(
                        OctopusException.class, e -> assertThat(e.kind()).isEqualTo(OctopusException.Kind.NETWORK))
                .hasMessageStartingWith("Requesting an ID token from GitHub Actions failed: cannot reach 127.0.0.1")
                .hasMessageEndingWith("Check the runner's network and proxy settings")
                .hasMessageNotContaining("Octopus is running")
                .hasMessageNotContaining(REQUEST_TOKEN);
    }

    @Test
    void aFailedRenewalKeepsTheCurrentTokenUntilItExpires() throws Exception {
        server.issueAccessTokensFor(600);
        try (OctopusClient client = connect()) {
            server.addServiceAccount(SERVICE_ACCOUNT); // the identity is gone: no ID token is accepted any more
            clock.advance(Duration.ofSeconds(545));

            listSpaces(client);
            listSpaces(client);

            assertThat(warnings)
                    .singleElement()
                    .asString()
                    .startsWith("Renewing the Octopus access token failed (Exchanging the ID token")
                    .contains("the current one is used until it expires at 2026-11-25T10:10:00Z")
                    .doesNotContain(ID_TOKEN);
            clock.advance(Duration.ofSeconds(60));
            assertThatThrownBy(() -> listSpaces(client))
                    .hasMessageContaining("refused the ID token from the OCTOPUS_ID_TOKEN variable");
        }
        assertThat(server.requests().stream().filter(r -> r.path().startsWith("/api")))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }

    /** An authenticated request that is sent every time (a connection resolves a space only once). */
    private void listSpaces(OctopusClient client) throws OctopusException {
        client.json().get("/api/spaces/all", "Listing the spaces", warnings::add);
    }
}

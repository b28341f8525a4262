package io.github.octomvn.octopus.testserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.octomvn.octopus.client.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OIDC routes of the test server behave as octopus-api.md §1.2 describes the real exchange. */
class OidcRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
    private static final String ID_TOKEN = "eyJ.id.token";

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestClock clock = new TestClock();
    private OctopusTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = OctopusTestServer.builder()
                .clock(clock)
                .serviceAccount(ACCOUNT, ID_TOKEN)
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> exchange(String audience, String subjectToken) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of(
                "grant_type",
                "urn:ietf:params:oauth:grant-type:token-exchange",
                "audience",
                audience,
                "subject_token",
                subjectToken,
                "subject_token_type",
                "urn:ietf:params:oauth:token-type:jwt"));
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/token/v1"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDiscoveryDocumentNamesTheTokenEndpointAndCanBeSwitchedOff() throws Exception {
        JsonNode document = JSON.readTree(
                get(server.url() + "/.well-known/openid-configuration", null).body());
        assertThat(document.get("token_endpoint").asText()).isEqualTo(server.url() + "/token/v1");

        server.serveOpenIdConfiguration(false);

        assertThat(get(server.url() + "/.well-known/openid-configuration", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anAcceptedIdTokenBuysABearerTokenThatWorksUntilItExpiresByTheServersClock() throws Exception {
        server.issueAccessTokensFor(120);
        HttpResponse<String> answer = exchange(ACCOUNT, ID_TOKEN);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode token = JSON.readTree(answer.body());
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("expires_in").asLong()).isEqualTo(120);
        String bearer = "Bearer " + token.get("access_token").asText();
        assertThat(get(server.url() + "/api/spaces/all", bearer).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(120));

        assertThat(get(server.url() + "/api/spaces/all", bearer).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesUnknownAccountsAndForeignTokensInEitherErrorShape() throws Exception {
        HttpResponse<String> unknown = exchange("00000000-0000-0000-0000-000000000000", ID_TOKEN);
        HttpResponse<String> foreign = exchange(ACCOUNT, "eyJ.other.token");
        server.answerTokenErrorsAsOctopusErrors(true);
        HttpResponse<String> octopusShape = exchange(ACCOUNT, "eyJ.other.token");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("invalid_request");
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(foreign.body()).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(JSON.readTree(foreign.body()).get("error_description").asText())
                .startsWith("Could not find matching identity for presented assertions");
        JsonNode shaped = JSON.readTree(octopusShape.body());
        assertThat(shaped.get("ErrorMessage").asText()).isEqualTo("There was a problem with your request.");
        assertThat(shaped.get("Errors").get(0).asText()).startsWith("Could not find matching identity");
        assertThat(server.tokenExchanges()).isZero();
    }

    @Test
    void theFakeGitHubServiceChecksTheRequestTokenAndMintsForTheAudience() throws Exception {
        String url = server.serveGitHubIdTokens("ghs_job");

        assertThat(get(url + "&audience=" + ACCOUNT, "bearer ghs_other").statusCode())
                .isEqualTo(401);
        assertThat(get(url, "bearer ghs_job").statusCode()).isEqualTo(400);
        JsonNode minted = JSON.readTree(
                get(url + "&audience=" + ACCOUNT, "bearer ghs_job").body());
        JsonNode other = JSON.readTree(
                get(url + "&audience=someone-else", "bearer ghs_job").body());

        assertThat(minted.get("value").asText()).isEqualTo(ID_TOKEN);
        assertThat(other.get("value").asText()).isNotEqualTo(ID_TOKEN);
        assertThat(server.gitHubIdTokenRequests()).isEqualTo(4);
    }
}

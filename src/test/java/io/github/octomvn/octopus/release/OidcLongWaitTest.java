package io.github.octomvn.octopus.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.octomvn.octopus.client.Credential;
import io.github.octomvn.octopus.client.IdTokenSource;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.RetryPolicy;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.client.TestClock;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.RecordedRequest;
import io.github.octomvn.octopus.testserver.TaskScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deployment waited on for longer than an OIDC access token lives: the token is exchanged again before it runs
 * out, on the waiter's clock (whose sleeps move it on), so that no poll is ever refused.
 */
class OidcLongWaitTest {

    private static final String SERVICE_ACCOUNT = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d";
    private static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZXBsb3kifQ.bG9uZy13YWl0";

    private final TestClock clock = new TestClock();
    private final List<String> progress = new ArrayList<>();
    private OctopusTestServer server;
    private OctopusClient client;

    @BeforeEach
    void start() throws Exception {
        server = OctopusTestServer.builder()
                .clock(clock)
                .serviceAccount(SERVICE_ACCOUNT, ID_TOKEN)
                .start();
        server.addProject("Billing").packageStep("Deploy web", "Billing.Web");
        server.addEnvironment("Production");
        server.issueAccessTokensFor(300);
        Credential credential = Credential.oidc(
                SERVICE_ACCOUNT, IdTokenSource.fromEnvironment(Map.of("OCTOPUS_ID_TOKEN", ID_TOKEN), null));
        ServerSettings settings = ServerSettings.builder(server.url().toString(), credential)
                .retryPolicy(RetryPolicy.none())
                .build();
        client = OctopusClient.connect(settings, clock::advance, clock, message -> {});
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aDeploymentWaitedOnForHalfAnHourRenewsTheAccessTokenBeforeEachRunsOut() throws Exception {
        ExecutionsApi api = new ExecutionsApi(client, client.resolveSpace(Optional.empty()));
        new ReleaseCreator(api)
                .create(ReleaseRequest.builder("Billing")
                        .releaseVersion("2.0.0")
                        .addPackage(ReleasePackage.of("Billing.Web", "2.0.0"))
                        .build());
        server.scriptTasks(TaskScript.queued(1).thenExecuting(360).thenSucceeds());
        List<QueuedDeployment> queued = new Deployer(api)
                .deploy(DeploymentRequest.builder("Billing", "2.0.0")
                        .environments(List.of("Production"))
                        .build());

        List<TaskOutcome> outcomes =
                new TaskWaiter(api, clock, clock::advance, progress::add).waitFor(queued, Duration.ofHours(1), false);

        assertThat(outcomes.get(0).succeeded()).isTrue();
        // 30 minutes of 5-minute tokens, each renewed with 60 s left: one exchange every 4 minutes, and no 401
        assertThat(server.tokenExchanges()).isBetween(8, 10);
        assertThat(server.requests().stream().filter(r -> r.path().startsWith("/api")))
                .extracting(RecordedRequest::status)
                .doesNotContain(401);
        assertThat(String.join("\n", progress)).doesNotContain(ID_TOKEN);
        for (String token : server.issuedAccessTokens()) {
            assertThat(outcomes.get(0).summary()).doesNotContain(token);
        }
    }
}

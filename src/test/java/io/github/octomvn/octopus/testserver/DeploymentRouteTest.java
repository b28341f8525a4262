package io.github.octomvn.octopus.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deployment and task routes of the test server behave as §7.1 and §11 (47, 48) describe the real ones. */
class DeploymentRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELEASER = "API-RELEASER";

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-30T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final HandClock clock = new HandClock();
    private OctopusTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = OctopusTestServer.builder()
                .clock(clock)
                .addApiKey(RELEASER, Permission.ReleaseCreate, Permission.ReleaseView)
                .start();
        server.addProject("Billing").packageStep("Deploy web", "Billing.Web");
        server.addEnvironment("Dev", "Test", "Production");
        server.addTenant("Acme", "Region/EU");
        server.addTenant("Globex", "Region/US");
        assertThat(post(
                                "/api/Spaces-1/releases/create/v1",
                                "{\"projectName\":\"Billing\",\"packageVersion\":\"1.4.0\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, server.apiKey(), body);
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("X-Octopus-ApiKey", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("X-Octopus-ApiKey", key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode poll(String taskId) throws Exception {
        return json(get("/api/Spaces-1/tasks/" + taskId, server.apiKey()));
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> deploy(String environments) throws Exception {
        return post(
                "/api/Spaces-1/deployments/create/untenanted/v1",
                "{\"spaceId\":\"Spaces-1\",\"projectName\":\"Billing\",\"releaseVersion\":\"1.4.0\","
                        + "\"environmentNames\":[" + environments + "]}");
    }

    private String deployOne(String environment) throws Exception {
        HttpResponse<String> response = deploy("\"" + environment + "\"");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response)
                .get("DeploymentServerTasks")
                .get(0)
                .get("ServerTaskId")
                .asText();
    }

    private List<String> states(String taskId, int polls) throws Exception {
        List<String> states = new ArrayList<>();
        for (int i = 0; i < polls; i++) {
            states.add(poll(taskId).get("State").asText());
        }
        return states;
    }

    @Test
    void deploysToEachEnvironmentAndAnswersItsDeploymentsAndTasksCase47() throws Exception {
        HttpResponse<String> response = post(
                "/api/Spaces-1/deployments/create/untenanted/v1",
                "{\"ProjectName\":\"Billing\",\"ReleaseVersion\":\"1.4.0\",\"EnvironmentNames\":[\"Dev\",\"test\"],"
                        + "\"Variables\":{\"Db.Password\":\"s3cret\"},\"ForcePackageDownload\":true}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode tasks = json(response).get("DeploymentServerTasks");
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0).get("DeploymentId").asText()).isEqualTo("Deployments-1");
        assertThat(tasks.get(0).get("ServerTaskId").asText()).isEqualTo("ServerTasks-1");
        assertThat(server.deployments())
                .extracting(StoredDeployment::environmentName)
                .containsExactly("Dev", "Test");
        assertThat(server.deployments().get(0).variables()).containsEntry("Db.Password", "s3cret");
        assertThat(server.deployments().get(0).request()).contains("ForcePackageDownload");

        server.answerDeploymentsInCamelCase(true);
        JsonNode camel = json(deploy("\"Production\""));
        assertThat(camel.get("deploymentServerTasks").get(0).get("serverTaskId").asText())
                .isEqualTo("ServerTasks-3");
    }

    @Test
    void deploysTenantedToTheNamedAndTaggedTenants() throws Exception {
        HttpResponse<String> response = post(
                "/api/Spaces-1/deployments/create/tenanted/v1",
                "{\"projectName\":\"Billing\",\"releaseVersion\":\"1.4.0\",\"environmentName\":\"Production\","
                        + "\"tenants\":[\"Acme\"],\"tenantTags\":[\"region/us\"]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("DeploymentServerTasks")).hasSize(2);
        assertThat(server.deployments())
                .extracting(d -> d.tenantName().orElse(""))
                .containsExactly("Acme", "Globex");
        assertThat(server.taskLog(server.deployments().get(0).taskId()))
                .contains("Deploy Billing release 1.4.0 to Production for Acme");
    }

    @Test
    void refusesUnknownReleasesEnvironmentsAndTenants() throws Exception {
        HttpResponse<String> noRelease = post(
                "/api/Spaces-1/deployments/create/untenanted/v1",
                "{\"projectName\":\"Billing\",\"releaseVersion\":\"9.9.9\",\"environmentNames\":[\"Dev\"]}");
        assertThat(noRelease.statusCode()).isEqualTo(400);
        assertThat(json(noRelease).get("Errors").get(0).asText()).contains("Release '9.9.9'");

        HttpResponse<String> noEnvironment = deploy("\"Dev\",\"Staging\"");
        assertThat(json(noEnvironment).get("Errors").get(0).asText()).contains("Environment 'Staging'");

        HttpResponse<String> noTenant = post(
                "/api/Spaces-1/deployments/create/tenanted/v1",
                "{\"projectName\":\"Billing\",\"releaseVersion\":\"1.4.0\",\"environmentName\":\"Dev\","
                        + "\"tenants\":[\"Initech\"]}");
        assertThat(json(noTenant).get("Errors").get(0).asText()).contains("Tenant 'Initech'");
        assertThat(server.deployments()).isEmpty();
    }

    @Test
    void needsDeploymentCreateAndTaskView() throws Exception {
        HttpResponse<String> refused = post(
                "/api/Spaces-1/deployments/create/untenanted/v1",
                RELEASER,
                "{\"projectName\":\"Billing\",\"releaseVersion\":\"1.4.0\",\"environmentNames\":[\"Dev\"]}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("ErrorMessage").asText()).endsWith("Missing permission: DeploymentCreate");

        String task = deployOne("Dev");
        HttpResponse<String> hidden = get("/api/Spaces-1/tasks/" + task, RELEASER);
        assertThat(hidden.statusCode()).isEqualTo(403);
        assertThat(json(hidden).get("ErrorMessage").asText()).endsWith("Missing permission: TaskView");
        HttpResponse<String> cancel = post("/api/Spaces-1/tasks/" + task + "/cancel", RELEASER, "");
        assertThat(json(cancel).get("ErrorMessage").asText()).endsWith("Missing permission: TaskCancel");
    }

    @Test
    void runsTheDefaultScriptQueuedExecutingSuccessCase48() throws Exception {
        String task = deployOne("Dev");

        assertThat(states(task, 4)).containsExactly("Queued", "Executing", "Success", "Success");
        JsonNode done = poll(task);
        assertThat(done.get("IsCompleted").asBoolean()).isTrue();
        assertThat(done.get("FinishedSuccessfully").asBoolean()).isTrue();
        assertThat(done.get("Links").get("Web").asText()).isEqualTo("/app#/Spaces-1/tasks/" + task);
        assertThat(done.get("Arguments").get("DeploymentId").asText()).isEqualTo("Deployments-1");
        assertThat(server.taskPolls(task)).isEqualTo(5);
    }

    @Test
    void failsWithTheScriptsErrorMessageAndLogLines() throws Exception {
        server.scriptTasks(
                "Test",
                TaskScript.queued(1)
                        .thenExecuting(2)
                        .logging("Acquiring packages")
                        .thenFails("The step 'Deploy web' failed", "Script exited with code 1"));
        String task = deployOne("Test");
        String dev = deployOne("Dev");

        assertThat(states(task, 5)).containsExactly("Queued", "Executing", "Executing", "Failed", "Failed");
        JsonNode failed = poll(task);
        assertThat(failed.get("IsCompleted").asBoolean()).isTrue();
        assertThat(failed.get("FinishedSuccessfully").asBoolean()).isFalse();
        assertThat(failed.get("ErrorMessage").asText()).isEqualTo("The step 'Deploy web' failed");
        HttpResponse<String> raw = get("/api/tasks/" + task + "/raw", server.apiKey());
        assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(raw.body()).contains("Acquiring packages").contains("Script exited with code 1");
        assertThat(states(dev, 3)).containsExactly("Queued", "Executing", "Success");
    }

    @Test
    void staysExecutingWithAPendingInterruptionAndIsCanceledInTwoPolls() throws Exception {
        server.scriptTasks(TaskScript.executing(1).thenWaitingForIntervention(1).staysThere());
        String task = deployOne("Production");

        assertThat(poll(task).get("HasPendingInterruptions").asBoolean()).isFalse();
        for (int i = 0; i < 5; i++) {
            JsonNode waiting = poll(task);
            assertThat(waiting.get("State").asText()).isEqualTo("Executing");
            assertThat(waiting.get("HasPendingInterruptions").asBoolean()).isTrue();
        }
        JsonNode cancelling = json(post("/api/Spaces-1/tasks/" + task + "/cancel", ""));
        assertThat(cancelling.get("State").asText()).isEqualTo("Cancelling");
        assertThat(server.taskCancelRequested(task)).isTrue();
        assertThat(states(task, 2)).containsExactly("Cancelling", "Canceled");
        assertThat(poll(task).get("IsCompleted").asBoolean()).isTrue();
    }

    @Test
    void timesOutAsTheServerDoes() throws Exception {
        server.scriptTasks("Dev", TaskScript.executing(1).thenTimesOut());
        String task = deployOne("Dev");

        assertThat(states(task, 2)).containsExactly("Executing", "TimedOut");
        assertThat(poll(task).get("ErrorMessage").asText()).contains("timed out");
    }

    @Test
    void reportsDurationFromTheServerClockAndListsTasksByIds() throws Exception {
        String first = deployOne("Dev");
        String second = deployOne("Test");
        poll(first);
        poll(first);
        clock.now = clock.now.plus(Duration.ofSeconds(90));

        JsonNode page = json(get("/api/tasks?ids=" + first + "," + second, server.apiKey()));

        assertThat(page.get("Items")).hasSize(2);
        assertThat(page.get("Items").get(0).get("State").asText()).isEqualTo("Success");
        assertThat(page.get("Items").get(0).get("Duration").asText()).isEqualTo("1 minute");
        assertThat(page.get("Items").get(1).get("State").asText()).isEqualTo("Queued");
        assertThat(get("/api/Spaces-2/tasks/" + first, server.apiKey()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void findsTheDeploymentsOfAReleaseToAnEnvironmentAfterADroppedAnswer() throws Exception {
        server.dropAfterStoringNextDeployment();

        assertThatThrownBy(() -> deploy("\"Dev\"")).isInstanceOf(IOException.class);

        String releaseId = server.release("Billing", "1.4.0").orElseThrow().id();
        JsonNode ofRelease = json(get("/api/Spaces-1/releases/" + releaseId + "/deployments", server.apiKey()));
        assertThat(ofRelease.get("Items")).hasSize(1);
        JsonNode deployment = ofRelease.get("Items").get(0);
        assertThat(deployment.get("EnvironmentId").asText())
                .isEqualTo(server.deployments().get(0).environmentId());
        assertThat(deployment.get("TaskId").asText()).isEqualTo("ServerTasks-1");
        JsonNode filtered = json(get(
                "/api/Spaces-1/deployments?environments="
                        + deployment.get("EnvironmentId").asText(),
                server.apiKey()));
        assertThat(filtered.get("TotalResults").asInt()).isEqualTo(1);
        JsonNode environments = json(get("/api/Spaces-1/environments?name=dev", server.apiKey()));
        assertThat(environments.get("Items").get(0).get("Id").asText())
                .isEqualTo(deployment.get("EnvironmentId").asText());
    }

    @Test
    void anOldServerHasNoDeploymentRoutesButKeepsTheClassicOnes() throws Exception {
        try (OctopusTestServer old =
                OctopusTestServer.builder().withoutExecutionsApi().start()) {
            old.addProject("Billing");
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(old.url() + "/api/Spaces-1/deployments/create/untenanted/v1"))
                            .header("X-Octopus-ApiKey", old.apiKey())
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> projects = http.send(
                    HttpRequest.newBuilder(URI.create(old.url() + "/api/Spaces-1/projects/all"))
                            .header("X-Octopus-ApiKey", old.apiKey())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(projects)).hasSize(1);
        }
    }
}

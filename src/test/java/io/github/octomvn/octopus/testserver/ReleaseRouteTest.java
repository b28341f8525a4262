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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The release routes of the test server behave as §7.1, §7.2 and §11 (45, 46, 49) describe the real ones. */
class ReleaseRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VIEWER = "API-VIEWER";

    private final HttpClient http = HttpClient.newHttpClient();
    private OctopusTestServer server;

    @BeforeEach
    void start() throws IOException {
        server = OctopusTestServer.builder()
                .addApiKey(VIEWER, Permission.ProjectView, Permission.ReleaseView)
                .start();
        server.addProject("Billing")
                .packageStep("Deploy web", "Billing.Web")
                .packageStep("Deploy worker", "Billing.Worker")
                .packageReference("Deploy worker", "migrations", "Billing.Db")
                .channel("Hotfix", "^hotfix");
    }

    @AfterEach
    void stop() {
        server.close();
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

    private HttpResponse<String> create(String body) throws Exception {
        return post("/api/Spaces-1/releases/create/v1", server.apiKey(), body);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("X-Octopus-ApiKey", key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void createsAReleaseFromCamelCaseAsGoSendsItCase45() throws Exception {
        HttpResponse<String> response = create("{\"spaceId\":\"Spaces-1\",\"spaceIdOrName\":\"Spaces-1\","
                + "\"projectName\":\"Billing\",\"packageVersion\":\"1.2.3\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("ReleaseId").asText()).isEqualTo("Releases-1");
        assertThat(json(response).get("ReleaseVersion").asText()).isEqualTo("1.2.3");
        StoredRelease release = server.release("Billing", "1.2.3").orElseThrow();
        assertThat(release.channelName()).isEqualTo("Default");
        assertThat(release.packages())
                .extracting(Object::toString)
                .containsExactly("Billing.Web:1.2.3", "Billing.Worker:1.2.3", "Billing.Db:1.2.3");
    }

    @Test
    void bindsPascalCaseAsTheTypeScriptClientSendsIt() throws Exception {
        HttpResponse<String> response = create("{\"ProjectName\":\"billing\",\"ReleaseVersion\":\"2.0.0\","
                + "\"ChannelName\":\"Hotfix\",\"Packages\":[\"Billing.Web:2.0.0-hotfix.1\","
                + "\"Deploy worker:2.0.0-hotfix.2\",\"Deploy worker:migrations:2.0.0-hotfix.3\"],"
                + "\"ReleaseNotes\":\"line 1\\nline 2\",\"CustomFields\":{\"Ticket\":\"OPS-1\"},"
                + "\"GitRef\":\"refs/heads/main\",\"GitCommit\":\"abc123\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        StoredRelease release = server.release("Billing", "2.0.0").orElseThrow();
        assertThat(release.channelName()).isEqualTo("Hotfix");
        assertThat(release.packageVersion("Billing.Web")).contains("2.0.0-hotfix.1");
        assertThat(release.packageVersion("Billing.Worker")).contains("2.0.0-hotfix.2");
        assertThat(release.packageVersion("Billing.Db")).contains("2.0.0-hotfix.3");
        assertThat(release.releaseNotes()).contains("line 1\nline 2");
        assertThat(release.customFields()).containsEntry("Ticket", "OPS-1");
        assertThat(release.gitRef()).contains("refs/heads/main");
        assertThat(release.gitCommit()).contains("abc123");
    }

    @Test
    void findsTheProjectByIdOrSlugAndTakesEscapedColonsInPackageIds() throws Exception {
        String id = server.addProject("Maven Shop")
                .packageStep("Deploy", "com.example:shop")
                .id();

        assertThat(create("{\"projectName\":\"" + id + "\",\"packages\":[\"com.example\\\\:shop:1.0.0\"]}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(create("{\"projectName\":\"maven-shop\",\"packages\":[\"Deploy:1.1.0\"]}")
                        .statusCode())
                .isEqualTo(200);

        assertThat(server.release("Maven Shop", "1.0.0").orElseThrow().packageVersion("com.example:shop"))
                .contains("1.0.0");
        assertThat(server.release("Maven Shop", "1.1.0")).isPresent();
    }

    @Test
    void takesTheNewestFeedVersionForStepsWithoutOneAndIgnoresEntriesMatchingNoStep() throws Exception {
        server.addProject("Solo").packageStep("Deploy", "Solo.App");
        server.seedPackage("Spaces-1", "Solo.App.1.9.0.zip", new byte[] {1});
        server.seedPackage("Spaces-1", "Solo.App.1.10.0.zip", new byte[] {2});

        HttpResponse<String> response = create("{\"projectName\":\"Solo\",\"packages\":[\"Other.App:5.0.0\"]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("ReleaseVersion").asText()).isEqualTo("1.10.0");
        assertThat(server.release("Solo", "1.10.0").orElseThrow().packageVersion("Solo.App"))
                .contains("1.10.0");
    }

    @Test
    void refusesAStepWhosePackageVersionCannotBeResolved() throws Exception {
        HttpResponse<String> response = create("{\"projectName\":\"Billing\",\"packages\":[\"Billing.Web:1.0.0\"]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("Errors").toString())
                .contains("Billing.Worker")
                .contains("Deploy worker");
        assertThat(server.releases()).isEmpty();
    }

    @Test
    void refusesADuplicateVersionWithTheServersTextAndAnswersTheExistingOneWhenIgnoredCase46() throws Exception {
        create("{\"projectName\":\"Billing\",\"packageVersion\":\"1.2.3\"}");

        HttpResponse<String> again =
                create("{\"projectName\":\"Billing\",\"packageVersion\":\"1.2.4\"," + "\"releaseVersion\":\"1.2.3\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).get("ErrorMessage").asText()).isEqualTo("There was a problem with your request.");
        assertThat(json(again).get("Errors").get(0).asText())
                .isEqualTo("Release '1.2.3' already exists for this project. Please use a different version, or look"
                        + " at using a mask to auto-increment the number.");

        HttpResponse<String> ignored = create("{\"projectName\":\"Billing\",\"packageVersion\":\"1.2.4\","
                + "\"releaseVersion\":\"1.2.3\",\"ignoreIfAlreadyExists\":true}");
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(json(ignored).get("ReleaseId").asText()).isEqualTo("Releases-1");
        assertThat(server.releases()).hasSize(1);
        assertThat(server.releases().get(0).packageVersion("Billing.Web")).contains("1.2.3");
    }

    @Test
    void appliesChannelRulesUnlessIgnored() throws Exception {
        String body = "{\"projectName\":\"Billing\",\"channelName\":\"Hotfix\",\"packageVersion\":\"3.0.0\"";

        HttpResponse<String> refused = create(body + "}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("Errors").get(0).asText()).contains("channel 'Hotfix'");

        assertThat(create(body + ",\"ignoreChannelRules\":true}").statusCode()).isEqualTo(200);
        assertThat(server.release("Billing", "3.0.0").orElseThrow().ignoreChannelRules())
                .isTrue();
    }

    @Test
    void refusesUnknownProjectsChannelsBadVersionsAndOtherSpaces() throws Exception {
        assertThat(json(create("{\"projectName\":\"Nope\",\"packageVersion\":\"1.0.0\"}"))
                        .get("Errors")
                        .get(0)
                        .asText())
                .contains("Project 'Nope'");
        assertThat(json(create("{\"projectName\":\"Billing\",\"channelName\":\"Nope\",\"packageVersion\":\"1.0.0\"}"))
                        .get("Errors")
                        .get(0)
                        .asText())
                .contains("Channel 'Nope'");
        assertThat(create("{\"projectName\":\"Billing\",\"packageVersion\":\"not a version\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(create("{\"spaceIdOrName\":\"Spaces-2\",\"projectName\":\"Billing\",\"packageVersion\":\"1.0.0\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(create("{\"spaceIdOrName\":\"Default\",\"projectName\":\"Billing\",\"packageVersion\":\"1.0.0\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(post("/api/Spaces-2/releases/create/v1", server.apiKey(), "{\"projectName\":\"Billing\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void versionControlledProjectsNeedAGitRef() throws Exception {
        server.addProject("Cac").packageStep("Deploy", "Cac.App").versionControlled();

        assertThat(create("{\"projectName\":\"Cac\",\"packageVersion\":\"1.0.0\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(create("{\"projectName\":\"Cac\",\"packageVersion\":\"1.0.0\",\"gitRef\":\"main\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void needsReleaseCreate() throws Exception {
        HttpResponse<String> response =
                post("/api/Spaces-1/releases/create/v1", VIEWER, "{\"projectName\":\"Billing\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("ErrorMessage").asText()).endsWith("Missing permission: ReleaseCreate");
    }

    @Test
    void anOldServerHasNoExecutionsApiCase49() throws Exception {
        try (OctopusTestServer old =
                OctopusTestServer.builder().withoutExecutionsApi().start()) {
            old.addProject("Billing").packageStep("Deploy", "Billing.Web");
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(old.url() + "/api/Spaces-1/releases/create/v1"))
                            .header("X-Octopus-ApiKey", old.apiKey())
                            .POST(HttpRequest.BodyPublishers.ofString("{\"projectName\":\"Billing\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(old.hasExecutionsApi()).isFalse();
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(old.releases()).isEmpty();
        }
        assertThat(OctopusTestServer.hasExecutionsApi("2022.3.5512")).isTrue();
        assertThat(OctopusTestServer.hasExecutionsApi("2022.3.5511")).isFalse();
        assertThat(OctopusTestServer.hasExecutionsApi("2023.1.1")).isTrue();
        assertThat(OctopusTestServer.hasExecutionsApi("0.0.0-local")).isTrue();
    }

    @Test
    void storesTheReleaseThenDropsTheConnection() throws Exception {
        server.dropAfterStoringNextRelease();

        assertThatThrownBy(() -> create("{\"projectName\":\"Billing\",\"packageVersion\":\"1.2.3\"}"))
                .isInstanceOf(IOException.class);

        assertThat(server.release("Billing", "1.2.3")).isPresent();
        assertThat(create("{\"projectName\":\"Billing\",\"packageVersion\":\"1.2.4\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void findsAReleaseByProjectAndVersionAndListsItsProjectsReleasesNewestFirst() throws Exception {
        create("{\"projectName\":\"Billing\",\"packageVersion\":\"1.9.0\"}");
        create("{\"projectName\":\"Billing\",\"packageVersion\":\"1.10.0\"}");
        String projectId = server.release("Billing", "1.9.0").orElseThrow().projectId();

        JsonNode project = json(get("/api/Spaces-1/projects/billing", VIEWER));
        assertThat(project.get("Id").asText()).isEqualTo(projectId);
        assertThat(json(get("/api/Spaces-1/projects?name=BILLING", VIEWER))
                        .get("Items")
                        .get(0)
                        .get("Id")
                        .asText())
                .isEqualTo(projectId);
        JsonNode release = json(get("/api/Spaces-1/projects/" + projectId + "/releases/1.9.0", VIEWER));
        assertThat(release.get("Version").asText()).isEqualTo("1.9.0");
        assertThat(release.get("SelectedPackages").get(0).get("ActionName").asText())
                .isEqualTo("Deploy web");
        assertThat(release.get("SelectedPackages")
                        .get(2)
                        .get("PackageReferenceName")
                        .asText())
                .isEqualTo("migrations");
        assertThat(get("/api/Spaces-1/projects/" + projectId + "/releases/9.9.9", VIEWER)
                        .statusCode())
                .isEqualTo(404);
        JsonNode page = json(get("/api/Spaces-1/projects/billing/releases", VIEWER));
        assertThat(page.get("Items").get(0).get("Version").asText()).isEqualTo("1.10.0");
        assertThat(json(get("/api/Spaces-1/releases/" + release.get("Id").asText(), VIEWER))
                        .get("ProjectId")
                        .asText())
                .isEqualTo(projectId);
        assertThat(json(get("/api/Spaces-1/projects/billing/channels", VIEWER))
                        .get("Items")
                        .size())
                .isEqualTo(2);
        assertThat(get("/api/Spaces-1/releases/Releases-1", "API-NONE").statusCode())
                .isEqualTo(401);
    }

    @Test
    void describesTheProjectsPackagesInItsReleaseTemplate() throws Exception {
        create("{\"projectName\":\"Billing\",\"packageVersion\":\"1.2.3\"}");
        JsonNode project = json(get("/api/Spaces-1/projects/billing", VIEWER));

        JsonNode template = json(get(
                "/api/Spaces-1/deploymentprocesses/"
                        + project.get("DeploymentProcessId").asText() + "/template",
                VIEWER));

        JsonNode packages = template.get("Packages");
        assertThat(packages).hasSize(3);
        assertThat(packages.get(2).get("ActionName").asText()).isEqualTo("Deploy worker");
        assertThat(packages.get(2).get("PackageReferenceName").asText()).isEqualTo("migrations");
        assertThat(packages.get(2).get("PackageId").asText()).isEqualTo("Billing.Db");
        assertThat(packages.get(2).get("VersionSelectedLastRelease").asText()).isEqualTo("1.2.3");
    }

    @Test
    void seedsAReleaseAsIfCreatedEarlier() throws Exception {
        StoredRelease seeded = server.seedRelease("Billing", "0.9.0");

        assertThat(seeded.packages())
                .extracting(Object::toString)
                .containsExactly("Billing.Web:0.9.0", "Billing.Worker:0.9.0", "Billing.Db:0.9.0");
        assertThat(json(create(
                                "{\"projectName\":\"Billing\",\"releaseVersion\":\"0.9.0\",\"packageVersion\":\"0.9.0\"}"))
                        .get("Errors")
                        .get(0)
                        .asText())
                .startsWith("Release '0.9.0' already exists");
    }

    @Test
    void linksTheClassicResourcesFromTheSpaceAndRootDocuments() throws Exception {
        JsonNode root = json(get("/api", server.apiKey()));
        JsonNode space = json(get("/api/Spaces-2", server.apiKey()));

        assertThat(root.get("Links").get("Tasks").asText()).startsWith("/api/tasks{/id}");
        assertThat(root.get("Links").get("Projects").asText()).startsWith("/api/Spaces-1/projects{/id}");
        assertThat(space.get("Links").get("Releases").asText()).startsWith("/api/Spaces-2/releases{/id}");
        assertThat(space.get("Links").get("Deployments").asText()).startsWith("/api/Spaces-2/deployments{/id}");
        assertThat(space.get("Links").get("Environments").asText()).startsWith("/api/Spaces-2/environments{/id}");
    }
}

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The build-information routes of the test server behave as §6 and §11 (36–44) describe the real one. */
class BuildInformationRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUSH_ONLY = "API-PUSHONLY";

    private final HttpClient http = HttpClient.newHttpClient();
    private OctopusTestServer server;

    @BeforeEach
    void start() throws IOException {
        server = OctopusTestServer.builder()
                .addApiKey(PUSH_ONLY, Permission.BuildInformationPush)
                .start();
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

    private HttpResponse<String> post(String query, String body) throws Exception {
        return post("/api/Spaces-1/build-information" + query, server.apiKey(), body);
    }

    private HttpResponse<String> get(String pathAndQuery, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery))
                        .header("X-Octopus-ApiKey", key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String body(String packageId, String version, String buildUrl) {
        return "{\"PackageId\":\"" + packageId + "\",\"Version\":\"" + version + "\",\"OctopusBuildInformation\":{"
                + "\"BuildEnvironment\":\"Jenkins\",\"BuildNumber\":\"42\",\"BuildUrl\":\"" + buildUrl + "\","
                + "\"Branch\":\"main\",\"VcsType\":\"Git\",\"VcsRoot\":\"https://github.com/org/repo.git\","
                + "\"VcsCommitNumber\":\"0123abcd\",\"Commits\":[{\"Id\":\"0123abcd\",\"Comment\":\"PROJ-12 fix"
                + " login\\n\\ndetails\"}]}}";
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void createsARecordAndAnswersWithTheMappedResourceOfCase36() throws Exception {
        HttpResponse<String> response =
                post("?overwriteMode=FailIfExists", body("MyApp.Web", "1.2.3", "https://ci/job/42"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode resource = json(response);
        assertThat(resource.get("Id").asText()).isEqualTo("BuildInformation-1");
        assertThat(resource.get("PackageId").asText()).isEqualTo("MyApp.Web");
        assertThat(resource.get("Version").asText()).isEqualTo("1.2.3");
        assertThat(resource.get("Commits").get(0).get("LinkUrl").asText())
                .isEqualTo("https://github.com/org/repo/commit/0123abcd");
        assertThat(resource.get("Commits").get(0).get("Comment").asText()).isEqualTo("PROJ-12 fix login\n\ndetails");
        assertThat(resource.get("WorkItems").isArray()).isTrue();
        StoredBuildInformation stored =
                server.buildInformation("MyApp.Web", "1.2.3").orElseThrow();
        assertThat(stored.buildUrl()).contains("https://ci/job/42");
        assertThat(stored.vcsCommitNumber()).contains("0123abcd");
        assertThat(stored.commits()).hasSize(1);
        assertThat(server.buildInformationWriteCount("MyApp.Web", "1.2.3")).isEqualTo(1);
    }

    @Test
    void refusesASecondRecordUnderFailIfExistsWithCase37Conflict() throws Exception {
        post("?overwriteMode=FailIfExists", body("MyApp", "1.0.0", "https://ci/1"));

        HttpResponse<String> again = post("?overwriteMode=FailIfExists", body("MyApp", "1.0.0", "https://ci/2"));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("Errors").get(0).asText())
                .startsWith("Metadata for the specified Package ID and version already exists.");
        assertThat(server.buildInformation("MyApp", "1.0.0").orElseThrow().buildUrl())
                .contains("https://ci/1");
    }

    @Test
    void keepsTheOriginalUnderIgnoreIfExistsAndReplacesUnderOverwriteExisting() throws Exception {
        post("", body("MyApp", "1.0.0", "https://ci/1"));

        HttpResponse<String> ignored = post("?overwriteMode=IgnoreIfExists", body("MyApp", "1.0.0", "https://ci/2"));
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(json(ignored).get("BuildUrl").asText()).isEqualTo("https://ci/1");

        HttpResponse<String> replaced =
                post("?overwriteMode=OverwriteExisting", body("MyApp", "1.0.0", "https://ci/3"));
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(json(replaced).get("BuildUrl").asText()).isEqualTo("https://ci/3");
        assertThat(json(replaced).get("Id").asText()).isEqualTo("BuildInformation-1");
        assertThat(server.buildInformation()).hasSize(1);
        assertThat(server.buildInformationWriteCount("MyApp", "1.0.0")).isEqualTo(2);
    }

    @Test
    void takesTheModeFromTheBodyWhenTheQueryHasNone() throws Exception {
        post("", body("MyApp", "1.0.0", "https://ci/1"));

        String inBody = body("MyApp", "1.0.0", "https://ci/2")
                .replace("{\"PackageId\"", "{\"OverwriteMode\":" + "\"OverwriteExisting\",\"PackageId\"");
        assertThat(post("", inBody).statusCode()).isEqualTo(200);
        assertThat(server.buildInformation("MyApp", "1.0.0").orElseThrow().buildUrl())
                .contains("https://ci/2");
    }

    @Test
    void matchesVersionsSemanticallyAndEchoesTheVersionAsFirstSent() throws Exception {
        post("", body("MyApp", "1.0", "https://ci/1"));

        HttpResponse<String> again = post("", body("myapp", "1.0.0", "https://ci/2"));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(server.buildInformation("MyApp", "1.0.0.0").orElseThrow().version())
                .isEqualTo("1.0");
    }

    @Test
    void rejectsInvalidVersionPackageIdAndMissingFieldsWith400() throws Exception {
        HttpResponse<String> badVersion = post("", body("MyApp", "not a version", "u"));
        assertThat(badVersion.statusCode()).isEqualTo(400);
        assertThat(badVersion.body()).contains("The version is invalid. Please supply a valid semver version number.");

        HttpResponse<String> badId = post("", body("bad id!", "1.0.0", "u"));
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("The package ID contains invalid characters.");

        HttpResponse<String> missing = post("", "{\"PackageId\":\"MyApp\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("Errors").toString())
                .contains("The Version field is required.", "The OctopusBuildInformation field is required.");

        assertThat(post("", "not json").statusCode()).isEqualTo(400);
        assertThat(post("?overwriteMode=Sometimes", body("MyApp", "1.0.0", "u")).statusCode())
                .isEqualTo(400);
        assertThat(server.buildInformation()).isEmpty();
    }

    @Test
    void ignoresUnknownFieldsAndMatchesNamesCaseInsensitivelyAsJsonNetDoes() throws Exception {
        HttpResponse<String> response = post(
                "",
                "{\"packageId\":\"MyApp\",\"version\":\"2.0.0\",\"spaceId\":\"Spaces-1\",\"Extra\":1,"
                        + "\"octopusBuildInformation\":{\"buildUrl\":\"https://ci/7\",\"CommentParser\":\"Jira\","
                        + "\"Commits\":[{\"Id\":\"abc\",\"Comment\":\"x\",\"LinkUrl\":\"ignored\"}]}}");

        assertThat(response.statusCode()).isEqualTo(200);
        StoredBuildInformation stored =
                server.buildInformation("MyApp", "2.0.0").orElseThrow();
        assertThat(stored.buildUrl()).contains("https://ci/7");
        assertThat(stored.commits().get(0).id()).contains("abc");
    }

    @Test
    void needsBuildInformationPushAndAdministerToReplace() throws Exception {
        HttpResponse<String> noKey = post("/api/Spaces-1/build-information", "API-WRONG", body("A", "1.0.0", "u"));
        assertThat(noKey.statusCode()).isEqualTo(401);

        HttpResponse<String> pushed = post("/api/Spaces-1/build-information", PUSH_ONLY, body("A", "1.0.0", "u"));
        assertThat(pushed.statusCode()).isEqualTo(200);

        HttpResponse<String> replace = post(
                "/api/Spaces-1/build-information?overwriteMode=OverwriteExisting", PUSH_ONLY, body("A", "1.0.0", "v"));
        assertThat(replace.statusCode()).isEqualTo(403);
        assertThat(json(replace).get("ErrorMessage").asText())
                .endsWith("Missing permission: BuildInformationAdminister");

        HttpResponse<String> read = get("/api/Spaces-1/build-information?packageId=A", PUSH_ONLY);
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(read.body()).contains("Missing permission: FeedView");
    }

    @Test
    void listsRecordsOfAPackageNewestVersionFirstWithPaging() throws Exception {
        server.seedBuildInformation("MyApp", "1.0.0", Map.of("VcsCommitNumber", "c1"));
        server.seedBuildInformation("MyApp", "1.10.0", Map.of("VcsCommitNumber", "c3"));
        server.seedBuildInformation("MyApp", "1.2.0", Map.of("VcsCommitNumber", "c2"));
        server.seedBuildInformation("MyApp", "1.10.0-beta.2", Map.of("VcsCommitNumber", "c2b"));
        server.seedBuildInformation("Other", "9.0.0", Map.of("VcsCommitNumber", "o9"));

        JsonNode all = json(get("/api/Spaces-1/build-information?packageId=myapp", server.apiKey()));
        assertThat(all.get("TotalResults").asInt()).isEqualTo(4);
        assertThat(versions(all)).containsExactly("1.10.0", "1.10.0-beta.2", "1.2.0", "1.0.0");

        JsonNode latest = json(get("/api/Spaces-1/build-information?packageId=MyApp&latest=true", server.apiKey()));
        assertThat(versions(latest)).containsExactly("1.10.0");
        assertThat(latest.get("Items").get(0).get("VcsCommitNumber").asText()).isEqualTo("c3");

        JsonNode page = json(get("/api/Spaces-1/build-information?packageId=MyApp&skip=1&take=2", server.apiKey()));
        assertThat(versions(page)).containsExactly("1.10.0-beta.2", "1.2.0");
        assertThat(page.get("NumberOfPages").asInt()).isEqualTo(2);

        JsonNode filtered = json(get("/api/Spaces-1/build-information?packageId=MyApp&filter=1.2", server.apiKey()));
        assertThat(versions(filtered)).containsExactly("1.2.0");

        JsonNode otherSpace = json(get("/api/Spaces-2/build-information?packageId=MyApp", server.apiKey()));
        assertThat(otherSpace.get("TotalResults").asInt()).isZero();
    }

    @Test
    void servesOneRecordByIdAndTheNoSpaceFormForTheDefaultSpace() throws Exception {
        StoredBuildInformation seeded = server.seedBuildInformation("MyApp", "1.0.0", Map.of("Branch", "main"));

        HttpResponse<String> byId = get("/api/Spaces-1/build-information/" + seeded.id(), server.apiKey());
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(json(byId).get("Branch").asText()).isEqualTo("main");
        assertThat(get("/api/Spaces-1/build-information/BuildInformation-99", server.apiKey())
                        .statusCode())
                .isEqualTo(404);

        HttpResponse<String> legacy = post("/api/build-information", server.apiKey(), body("Legacy", "1.0.0", "u"));
        assertThat(legacy.statusCode()).isEqualTo(200);
        assertThat(server.buildInformation("Spaces-1", "Legacy", "1.0.0")).isPresent();
    }

    @Test
    void seedsCommitsFromGroovyStyleMaps() {
        StoredBuildInformation seeded = server.seedBuildInformation(
                "Spaces-2",
                "MyApp",
                "3.0.0",
                Map.of("VcsType", "Git", "Commits", List.of(Map.of("Id", "abc", "Comment", "first"))));

        assertThat(seeded.commits()).extracting(c -> c.comment().orElse("")).containsExactly("first");
        assertThat(server.buildInformation("Spaces-2", "MyApp", "3.0.0")).isPresent();
        assertThat(server.buildInformation("MyApp", "3.0.0")).isEmpty();
    }

    @Test
    void advertisesNoBuildInformationOnServersThatPredateIt() throws Exception {
        try (OctopusTestServer old =
                OctopusTestServer.builder().withoutBuildInformation().start()) {
            HttpResponse<String> root = http.send(
                    HttpRequest.newBuilder(URI.create(old.url() + "/api"))
                            .header("X-Octopus-ApiKey", old.apiKey())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json(root).get("Links").has("BuildInformation")).isFalse();
            assertThat(json(root).get("Links").has("PackageUpload")).isTrue();
            HttpResponse<String> push = http.send(
                    HttpRequest.newBuilder(URI.create(old.url() + "/api/Spaces-1/build-information"))
                            .header("X-Octopus-ApiKey", old.apiKey())
                            .POST(HttpRequest.BodyPublishers.ofString(body("A", "1.0.0", "u")))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(push.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void logsBuildInformationAndUploadsInArrivalOrder() throws Exception {
        post("", body("MyApp", "1.0.0", "u"));
        server.seedBuildInformation("Seeded", "1.0.0", Map.of());
        http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/api/Spaces-1/packages/raw"))
                        .header("X-Octopus-ApiKey", server.apiKey())
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        List<RecordedRequest> log = server.requests();
        assertThat(log)
                .extracting(RecordedRequest::path)
                .containsExactly("/api/Spaces-1/build-information", "/api/Spaces-1/packages/raw");
        assertThat(server.requests("POST", "build-information").get(0).sequence())
                .isLessThan(server.requests("POST", "packages/raw").get(0).sequence());
        assertThat(new String(log.get(0).body().orElseThrow(), StandardCharsets.UTF_8))
                .contains("\"PackageId\":\"MyApp\"");
    }

    private static List<String> versions(JsonNode page) {
        return page.get("Items").findValuesAsText("Version");
    }

    @Test
    void answersAPushWithAnEmptyBodyWhenToldToAndStillStoresTheRecord() throws Exception {
        server.answerBuildInformationPushesWith(200, null, "");

        HttpResponse<String> response = post("?overwriteMode=FailIfExists", body("MyApp", "1.0.0", "https://ci/1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).isEmpty();
        assertThat(server.buildInformation("MyApp", "1.0.0").orElseThrow().buildUrl())
                .contains("https://ci/1");
        assertThat(server.buildInformationWriteCount("MyApp", "1.0.0")).isEqualTo(1);
    }

    @Test
    void answersAPushWithPlainTextWhenToldToButKeepsTheJsonErrors() throws Exception {
        try (OctopusTestServer plain = OctopusTestServer.builder()
                .answerBuildInformationPushesWith(201, "text/plain", "Created")
                .start()) {
            server.close();
            server = plain;

            HttpResponse<String> created = post("?overwriteMode=FailIfExists", body("MyApp", "1.0.0", "https://ci/1"));
            HttpResponse<String> ignored =
                    post("?overwriteMode=IgnoreIfExists", body("MyApp", "1.0.0", "https://ci/2"));
            HttpResponse<String> conflict = post("?overwriteMode=FailIfExists", body("MyApp", "1.0.0", "https://ci/3"));

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Content-Type")).contains("text/plain");
            assertThat(created.body()).isEqualTo("Created");
            assertThat(ignored.statusCode()).isEqualTo(201);
            assertThat(ignored.body()).isEqualTo("Created");
            assertThat(conflict.statusCode()).isEqualTo(409);
            assertThat(json(conflict).get("Errors").get(0).asText()).startsWith("Metadata for the specified");
            assertThat(server.buildInformation("MyApp", "1.0.0").orElseThrow().buildUrl())
                    .contains("https://ci/1");
        }
    }

    @Test
    void refusesAnAnswerThatIsNotASuccess() {
        assertThatThrownBy(() -> server.answerBuildInformationPushesWith(409, null, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OctopusTestServer.builder().answerBuildInformationPushesWith(500, null, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

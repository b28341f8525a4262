package io.github.octomvn.octopus.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test server is strict where a real Octopus server is: these are the rules the client is held to. */
class OctopusTestServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "b0undary";

    private final HttpClient http = HttpClient.newHttpClient();
    private OctopusTestServer server;

    @BeforeEach
    void start() throws IOException {
        server = OctopusTestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (key != null) {
            request.header("X-Octopus-ApiKey", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("X-Octopus-ApiKey", server.apiKey())
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(String query, String fileName, String content) throws Exception {
        return post(
                "/api/Spaces-1/packages/raw" + query,
                "multipart/form-data; boundary=" + BOUNDARY,
                multipart("file", fileName, content));
    }

    private static byte[] multipart(String field, String fileName, String content) {
        String disposition =
                "form-data; name=\"" + field + "\"" + (fileName == null ? "" : "; filename=\"" + fileName + "\"");
        return ("--" + BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void servesTheRootDocumentOfCase1() throws Exception {
        HttpResponse<String> response = get("/api", server.apiKey());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode root = json(response);
        assertThat(root.get("Application").asText()).isEqualTo("Octopus Deploy");
        assertThat(root.get("Version").asText()).isEqualTo("2024.1.100");
        assertThat(root.get("ApiVersion").asText()).isEqualTo("3.0.0");
        assertThat(root.get("Links").get("PackageUpload").asText())
                .isEqualTo("/api/Spaces-1/packages/raw{?replace,overwriteMode}");
        assertThat(root.get("Links").get("Spaces").asText()).isEqualTo("/api/spaces{/id}{?skip,ids,take,partialName}");
        assertThat(root.get("Links").has("BuildInformation")).isTrue();
    }

    @Test
    void answers401OnEveryRouteWithoutAValidKey() throws Exception {
        for (String path : new String[] {"/api", "/api/spaces/all", "/api/Spaces-1/packages/x.1.0", "/nope"}) {
            HttpResponse<String> missing = get(path, null);
            HttpResponse<String> wrong = get(path, "API-BAD");

            assertThat(missing.statusCode()).as(path).isEqualTo(401);
            assertThat(wrong.statusCode()).as(path).isEqualTo(401);
            assertThat(json(wrong).get("ErrorMessage").asText()).contains("valid API key");
            assertThat(json(wrong).get("Errors").isArray()).isTrue();
        }
    }

    @Test
    void listsSpacesInAllThreeForms() throws Exception {
        assertThat(json(get("/api/spaces/all", server.apiKey())).findValuesAsText("Name"))
                .containsExactly("Default", "Team B");
        assertThat(json(get("/api/spaces/Spaces-2", server.apiKey()))
                        .get("Name")
                        .asText())
                .isEqualTo("Team B");
        assertThat(get("/api/spaces/Spaces-7", server.apiKey()).statusCode()).isEqualTo(404);
        JsonNode page = json(get("/api/spaces?partialName=team&skip=0&take=2147483647", server.apiKey()));
        assertThat(page.get("TotalResults").asInt()).isEqualTo(1);
        assertThat(page.get("Items").get(0).get("Id").asText()).isEqualTo("Spaces-2");
        assertThat(json(get("/api/Spaces-2", server.apiKey()))
                        .get("Links")
                        .get("PackageUpload")
                        .asText())
                .isEqualTo("/api/Spaces-2/packages/raw{?replace,overwriteMode}");
    }

    @Test
    void storesAnUploadOnDiskWithItsSha1() throws Exception {
        HttpResponse<String> response = upload("?overwriteMode=FailIfExists", "test.1.0.zip", "test1-contents");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("Hash").asText()).isEqualTo("d61cbf3073265b46c7cdd00ed803c480cc5ebd96");
        assertThat(json(response).get("PackageSizeBytes").asLong()).isEqualTo(14);
        StoredPackage stored = server.storedPackage("test", "1.0").orElseThrow();
        assertThat(stored.path()).startsWith(server.storageDir());
        assertThat(Files.readString(stored.path())).isEqualTo("test1-contents");
        assertThat(json(get("/api/Spaces-1/packages/test.1.0", server.apiKey()))
                        .get("Hash")
                        .asText())
                .isEqualTo(stored.sha1());
    }

    @Test
    void deletesAPackageSoThatTheSameVersionCanBePushedAgain() throws Exception {
        upload("", "test.1.0.0.zip", "v1");
        java.nio.file.Path file =
                server.storedPackage("test", "1.0.0").orElseThrow().path();
        HttpRequest.Builder delete = HttpRequest.newBuilder(
                        URI.create(server.url() + "/api/Spaces-1/packages/packages-test.1.0.0"))
                .header("X-Octopus-ApiKey", server.apiKey())
                .DELETE();

        HttpResponse<String> deleted = http.send(delete.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = http.send(delete.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(server.storedPackage("test", "1.0.0")).isEmpty();
        assertThat(file).doesNotExist();
        assertThat(upload("?overwriteMode=FailIfExists", "test.1.0.0.zip", "v2").statusCode())
                .isEqualTo(201);
    }

    @Test
    void answersEachOverwriteModeLikeTheSpec() throws Exception {
        upload("", "test.1.0.zip", "v1");

        HttpResponse<String> fail = upload("?overwriteMode=FailIfExists", "test.1.0.0.zip", "v2");
        HttpResponse<String> ignore = upload("?overwriteMode=IgnoreIfExists", "test.1.0.zip", "v2");
        HttpResponse<String> overwrite = upload("?overwriteMode=OverwriteExisting", "test.1.0.zip", "v3");

        assertThat(fail.statusCode()).isEqualTo(409);
        assertThat(fail.body())
                .isEqualTo("{\"ErrorMessage\":\"There was a problem with your request.\",\"Errors\":[\"A package with"
                        + " the same ID and version already exists. To proceed anyway, specify an overwriteMode of"
                        + " OverwriteExisting or IgnoreIfExists.\"]}");
        assertThat(ignore.statusCode()).isEqualTo(200);
        assertThat(overwrite.statusCode()).isEqualTo(201);
        assertThat(Files.readString(
                        server.storedPackage("test", "1.0.0.0").orElseThrow().path()))
                .isEqualTo("v3");
        assertThat(server.storeCount("test", "1.0")).isEqualTo(2);
        assertThat(server.uploadRequestCount("test", "1.0")).isEqualTo(4);
    }

    @Test
    void rejectsWhatARealServerRejects() throws Exception {
        assertThat(post("/api/Spaces-1/packages/raw", "application/zip", "PK".getBytes(StandardCharsets.UTF_8))
                        .body())
                .contains("A package file must be provided");
        assertThat(post(
                                "/api/Spaces-1/packages/raw",
                                "multipart/form-data; boundary=" + BOUNDARY,
                                multipart("file", null, "data"))
                        .body())
                .contains("A package file must be provided");
        assertThat(upload("", "MyApp.1.0.0.exe", "MZ").body())
                .contains("The uploaded file isn't in a supported package format.");
        assertThat(upload("", "app.2.3.1.RELEASE.zip", "x").body()).contains("is not valid");
        assertThat(upload("", "app.1.0.20240105134501.zip", "x").body()).contains("is not valid");
        assertThat(upload("", "test.1.0.zip", "").body())
                .contains("The uploaded package file had length equal to 0. Please upload a non-empty file.");
        assertThat(upload("", "a".repeat(200) + ".1.0.zip", "x").body()).contains("Package Name is too long.");
        assertThat(upload("?overwriteMode=Sometimes", "test.1.0.zip", "x").statusCode())
                .isEqualTo(400);
        assertThat(server.requests("POST", ".*"))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(server.packages()).isEmpty();
    }

    @Test
    void refusesOverwritingWithoutTheAdministerPermission() throws Exception {
        server.close();
        server = OctopusTestServer.builder()
                .addApiKey("API-PUSHER", Permission.BuiltInFeedPush)
                .start();

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(
                                URI.create(server.url() + "/api/Spaces-1/packages/raw?overwriteMode=OverwriteExisting"))
                        .header("X-Octopus-ApiKey", "API-PUSHER")
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("file", "test.1.0.zip", "x")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("ErrorMessage").asText()).endsWith("Missing permission: BuiltInFeedAdminister");
        assertThat(json(response).get("HelpText").asText()).isNotEmpty();
    }

    @Test
    void aLegacyServerKnowsOnlyReplaceAndTheUnscopedRoutes() throws Exception {
        server.close();
        server = OctopusTestServer.builder().legacy().start();
        server.seedPackage("", "test.1.0.zip", "v1".getBytes(StandardCharsets.UTF_8));

        JsonNode root = json(get("/api", server.apiKey()));
        HttpResponse<String> ignoredMode = post(
                "/api/packages/raw?overwriteMode=OverwriteExisting",
                "multipart/form-data; boundary=" + BOUNDARY,
                multipart("file", "test.1.0.zip", "v2"));
        HttpResponse<String> replace = post(
                "/api/packages/raw?replace=true",
                "multipart/form-data; boundary=" + BOUNDARY,
                multipart("file", "test.1.0.zip", "v2"));

        assertThat(root.get("Links").has("Spaces")).isFalse();
        assertThat(root.get("Links").get("PackageUpload").asText()).isEqualTo("/api/packages/raw{?replace}");
        assertThat(get("/api/spaces/all", server.apiKey()).statusCode()).isEqualTo(404);
        assertThat(get("/api/Spaces-1/packages/test.1.0", server.apiKey()).statusCode())
                .isEqualTo(404);
        assertThat(ignoredMode.statusCode()).isEqualTo(409);
        assertThat(replace.statusCode()).isEqualTo(201);
    }

    @Test
    void acceptsAChunkedUploadAndAnswers100Continue() throws Exception {
        byte[] body = multipart("fileToUpload", "chunky.1.0.0.tar.gz", "0123456789");
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /api/Spaces-1/packages/raw HTTP/1.1\r\nHost: x\r\nX-Octopus-ApiKey: " + server.apiKey()
                            + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
                            + "\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(readUntilBlankLine(in)).startsWith("HTTP/1.1 100 Continue");
            int half = body.length / 2;
            out.write((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, half);
            out.write(
                    ("\r\n" + Integer.toHexString(body.length - half) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, half, body.length - half);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            assertThat(readUntilBlankLine(in)).startsWith("HTTP/1.1 201 Created");
        }
        assertThat(server.storedPackage("chunky", "1.0.0").orElseThrow().size()).isEqualTo(10);
    }

    private static String readUntilBlankLine(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void faultsCanBeSetWithPlainArgumentsAsFromGroovy() throws Exception {
        server.failNext(2, 503);
        server.respondNext(1, 502, "spaces", "text/html", "<html>bad gateway</html>");

        assertThat(get("/api", server.apiKey()).statusCode()).isEqualTo(503);
        assertThat(get("/api", server.apiKey()).headers().firstValue("Retry-After"))
                .contains("1");
        assertThat(get("/api/spaces/all", server.apiKey()).body()).isEqualTo("<html>bad gateway</html>");
        assertThat(get("/api", server.apiKey()).statusCode()).isEqualTo(200);
        assertThat(server.requests()).extracting(RecordedRequest::status).containsExactly(503, 503, 502, 200);
    }

    @Test
    void logsRequestsWithHeadersAndFindsSecretsInUrls() throws Exception {
        get("/api?apikey=" + server.apiKey(), server.apiKey());

        RecordedRequest request = server.requests().get(0);
        assertThat(request.path()).isEqualTo("/api");
        assertThat(request.query()).isEqualTo("apikey=API-TESTKEY");
        assertThat(request.header("x-octopus-apikey")).contains("API-TESTKEY");
        assertThat(server.anyUrlContains(server.apiKey())).isTrue();
        server.clearRequests();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void keepsStorageOnlyWhenGivenADirectory(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path owned = server.storageDir();
        upload("", "test.1.0.zip", "x");
        server.close();
        assertThat(owned).doesNotExist();

        server = OctopusTestServer.builder().storageDir(dir).start();
        upload("", "test.1.0.zip", "x");
        server.close();
        assertThat(dir.resolve("Spaces-1").resolve("test.1.0.zip")).hasContent("x");
    }

    @Test
    void answersANewUploadWith200WhenToldToLikeSomeServersDo() throws Exception {
        server.answerNewUploadsWith(200);

        HttpResponse<String> created = upload("", "test.1.0.zip", "v1");
        String firstHash = server.storedPackage("test", "1.0").orElseThrow().sha1();
        HttpResponse<String> replaced = upload("?overwriteMode=OverwriteExisting", "test.1.0.zip", "v2");
        HttpResponse<String> conflict = upload("", "test.1.0.zip", "v3");

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(json(created).get("PackageId").asText()).isEqualTo("test");
        assertThat(json(created).get("Hash").asText()).isEqualTo(firstHash);
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(server.storeCount("test", "1.0")).isEqualTo(2);
    }

    @Test
    void theBuilderSetsTheNewUploadAnswerAndRefusesAnythingButACreatedOrOk() throws Exception {
        try (OctopusTestServer ok =
                OctopusTestServer.builder().answerNewUploadsWith(200).start()) {
            server.close();
            server = ok;
            assertThat(upload("", "test.1.0.zip", "v1").statusCode()).isEqualTo(200);
        }
        assertThatThrownBy(() -> OctopusTestServer.builder().answerNewUploadsWith(204))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.answerNewUploadsWith(202)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clearFaultsKeepsTheNewUploadAnswer() throws Exception {
        server.answerNewUploadsWith(200);
        server.clearFaults();

        assertThat(upload("", "test.1.0.zip", "v1").statusCode()).isEqualTo(200);
    }
}

package io.github.octomvn.octopus.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.octomvn.octopus.delta.DeltaBuilder;
import io.github.octomvn.octopus.delta.RollingChecksumAlgorithm;
import io.github.octomvn.octopus.delta.Signature;
import io.github.octomvn.octopus.delta.SignatureReader;
import io.github.octomvn.octopus.delta.UnusableSignatureException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delta routes: links, the signature of the nearest earlier version, and deltas stored like full uploads. */
class DeltaRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "d3lta";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private OctopusTestServer server;
    private byte[] base;
    private byte[] next;

    @BeforeEach
    void start() throws IOException {
        server = OctopusTestServer.start();
        base = new byte[100_000];
        new Random(7).nextBytes(base);
        next = base.clone();
        next[50_000] ^= 0x55;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("X-Octopus-ApiKey", server.apiKey())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postDelta(String path, String fileName, byte[] delta) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.write(delta);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header("X-Octopus-ApiKey", server.apiKey())
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Signature signature(HttpResponse<String> response) throws Exception {
        return new SignatureReader()
                .readBase64(JSON.readTree(response.body()).get("Signature").asText());
    }

    private byte[] delta(Signature signature, byte[] content) throws IOException {
        Path file = Files.write(dir.resolve("new.bin"), content);
        Path delta = dir.resolve("delta.bin");
        new DeltaBuilder().build(signature, file, delta);
        return Files.readAllBytes(delta);
    }

    @Test
    void advertisesDeltaLinksInTheRootAndSpaceDocuments() throws Exception {
        JsonNode root = JSON.readTree(get("/api").body()).get("Links");
        JsonNode space = JSON.readTree(get("/api/Spaces-2").body()).get("Links");

        assertThat(root.get("PackageDeltaSignature").asText())
                .isEqualTo("/api/Spaces-1/packages/{packageId}/{version}/delta-signature");
        assertThat(root.get("PackageDeltaUpload").asText())
                .isEqualTo("/api/Spaces-1/packages/{packageId}/{baseVersion}/delta{?replace,overwriteMode}");
        assertThat(space.get("PackageDeltaSignature").asText())
                .isEqualTo("/api/Spaces-2/packages/{packageId}/{version}/delta-signature");
    }

    @Test
    void withoutDeltaUploadHasNeitherLinksNorRoutes() throws Exception {
        server.close();
        server = OctopusTestServer.builder().withoutDeltaUpload().start();
        server.seedPackage("Spaces-1", "App.1.0.0.zip", base);

        assertThat(JSON.readTree(get("/api").body()).get("Links").has("PackageDeltaSignature"))
                .isFalse();
        assertThat(get("/api/Spaces-1/packages/App/1.0.1/delta-signature").statusCode())
                .isEqualTo(404);

        server.advertiseDeltaUpload(true);
        assertThat(get("/api/Spaces-1/packages/App/1.0.1/delta-signature").statusCode())
                .isEqualTo(200);
    }

    @Test
    void signsTheNearestVersionAtOrBelowTheRequestedOne() throws Exception {
        server.seedPackage("Spaces-1", "App.1.0.0.zip", new byte[] {1});
        server.seedPackage("Spaces-1", "App.1.2.0.zip", base);
        server.seedPackage("Spaces-1", "App.2.0.0.zip", new byte[] {2});
        server.seedPackage("Spaces-1", "Other.1.2.5.zip", new byte[] {3});

        HttpResponse<String> response = get("/api/Spaces-1/packages/App/1.2.5/delta-signature");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("BaseVersion").asText()).isEqualTo("1.2.0");
        assertThat(signature(response).baseFileLength()).isEqualTo(base.length);
        assertThat(server.deltaSignaturesServed()).isEqualTo(1);
        assertThat(JSON.readTree(get("/api/Spaces-1/packages/App/1.2.0/delta-signature")
                                .body())
                        .get("BaseVersion")
                        .asText())
                .isEqualTo("1.2.0");
    }

    @Test
    void answers404WhenNoVersionAtOrBelowIsStored() throws Exception {
        server.seedPackage("Spaces-1", "App.2.0.0.zip", base);

        assertThat(get("/api/Spaces-1/packages/App/1.0.0/delta-signature").statusCode())
                .isEqualTo(404);
        assertThat(get("/api/Spaces-1/packages/Unknown/1.0.0/delta-signature").statusCode())
                .isEqualTo(404);
        assertThat(get("/api/Spaces-2/packages/App/3.0.0/delta-signature").statusCode())
                .as("another space's feed")
                .isEqualTo(404);
    }

    @Test
    void storesTheRebuiltPackageLikeAFullUpload() throws Exception {
        server.seedPackage("Spaces-1", "App.1.0.0.zip", base);
        Signature signature = signature(get("/api/Spaces-1/packages/App/1.0.1/delta-signature"));
        byte[] delta = delta(signature, next);

        HttpResponse<String> response =
                postDelta("/api/Spaces-1/packages/App/1.0.0/delta?overwriteMode=FailIfExists", "App.1.0.1.zip", delta);

        assertThat(response.statusCode()).isEqualTo(201);
        StoredPackage stored = server.storedPackage("App", "1.0.1").orElseThrow();
        assertThat(Files.readAllBytes(stored.path())).isEqualTo(next);
        assertThat(JSON.readTree(response.body()).get("Hash").asText()).isEqualTo(stored.sha1());
        assertThat(server.deltaUploadsReceived()).isEqualTo(1);
        assertThat(server.deltasApplied()).isEqualTo(1);
        assertThat(server.deltaBytesReceived()).isEqualTo(delta.length).isLessThan(5_000);
        assertThat(server.uploadRequestCount("App", "1.0.1")).isEqualTo(1);

        HttpResponse<String> again =
                postDelta("/api/Spaces-1/packages/App/1.0.0/delta?overwriteMode=FailIfExists", "App.1.0.1.zip", delta);
        assertThat(again.statusCode()).as("same conflict rule as a full upload").isEqualTo(409);
        assertThat(postDelta(
                                "/api/Spaces-1/packages/App/1.0.0/delta?overwriteMode=IgnoreIfExists",
                                "App.1.0.1.zip",
                                delta)
                        .statusCode())
                .isEqualTo(200);
        assertThat(server.storeCount("App", "1.0.1")).isEqualTo(1);
    }

    @Test
    void refusesADeltaWhoseRebuiltFileHasTheWrongHash() throws Exception {
        server.seedPackage("Spaces-1", "App.1.0.0.zip", base);
        Signature signature = signature(get("/api/Spaces-1/packages/App/1.0.1/delta-signature"));
        byte[] delta = delta(signature, next);
        delta[20] ^= 1; // inside the header's SHA-1 of the new file

        HttpResponse<String> response =
                postDelta("/api/Spaces-1/packages/App/1.0.0/delta?overwriteMode=FailIfExists", "App.1.0.1.zip", delta);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("The delta file could not be applied to App 1.0.0");
        assertThat(server.storedPackage("App", "1.0.1")).isEmpty();
    }

    @Test
    void refusesADeltaRebuildingMoreThanTheLimit() throws Exception {
        server.close();
        server = OctopusTestServer.builder().maxDeltaOutputBytes(50_000).start();
        server.seedPackage("Spaces-1", "App.1.0.0.zip", base);
        Signature signature = signature(get("/api/Spaces-1/packages/App/1.0.1/delta-signature"));

        HttpResponse<String> response = postDelta(
                "/api/Spaces-1/packages/App/1.0.0/delta?overwriteMode=FailIfExists",
                "App.1.0.1.zip",
                delta(signature, next));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("more than 50000 bytes");
    }

    @Test
    void answers404ForADeltaAgainstAMissingBase() throws Exception {
        server.seedPackage("Spaces-1", "App.1.0.0.zip", base);
        Signature signature = signature(get("/api/Spaces-1/packages/App/1.0.1/delta-signature"));

        HttpResponse<String> response = postDelta(
                "/api/Spaces-1/packages/App/0.9.0/delta?overwriteMode=FailIfExists",
                "App.1.0.1.zip",
                delta(signature, next));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(server.storedPackage("App", "1.0.1")).isEmpty();
    }

    @Test
    void switchesAnswerSignaturesWithErrorsCorruptThemAndRejectDeltas() throws Exception {
        server.seedPackage("Spaces-1", "App.1.0.0.zip", base);

        server.answerDeltaSignaturesWith(500);
        assertThat(get("/api/Spaces-1/packages/App/1.0.1/delta-signature").statusCode())
                .isEqualTo(500);
        server.answerDeltaSignaturesWith(0);

        server.corruptDeltaSignatures(true);
        HttpResponse<String> corrupt = get("/api/Spaces-1/packages/App/1.0.1/delta-signature");
        assertThatThrownBy(() -> signature(corrupt)).isInstanceOf(UnusableSignatureException.class);
        server.corruptDeltaSignatures(false);

        server.rejectDeltaUploads(true);
        Signature signature = signature(get("/api/Spaces-1/packages/App/1.0.1/delta-signature"));
        HttpResponse<String> rejected = postDelta(
                "/api/Spaces-1/packages/App/1.0.0/delta?overwriteMode=FailIfExists",
                "App.1.0.1.zip",
                delta(signature, next));
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(server.deltaUploadsReceived()).isEqualTo(1);
        assertThat(server.deltasApplied()).isZero();
        assertThat(server.storedPackage("App", "1.0.1")).isEmpty();
    }

    @Test
    void signsWithAdler32V2AndOtherChunkSizesWhenAsked() throws Exception {
        server.seedPackage("Spaces-1", "App.1.0.0.zip", base);
        server.signDeltasWith(RollingChecksumAlgorithm.ADLER32_V2, 128);

        Signature signature = signature(get("/api/Spaces-1/packages/App/1.0.1/delta-signature"));
        HttpResponse<String> response = postDelta(
                "/api/Spaces-1/packages/App/1.0.0/delta?overwriteMode=FailIfExists",
                "App.1.0.1.zip",
                delta(signature, next));

        assertThat(signature.rollingChecksumAlgorithm()).isEqualTo(RollingChecksumAlgorithm.ADLER32_V2);
        assertThat(signature.chunks().get(0).length()).isEqualTo(128);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(Arrays.equals(
                        Files.readAllBytes(server.storedPackage("App", "1.0.1")
                                .orElseThrow()
                                .path()),
                        next))
                .isTrue();
    }
}

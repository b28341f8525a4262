package io.github.octomvn.octopus.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.octomvn.octopus.buildinfo.ProjectSource;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ServerFixture;
import io.github.octomvn.octopus.pack.PackManifest;
import io.github.octomvn.octopus.pack.PackageFormat;
import io.github.octomvn.octopus.pack.PackedPackage;
import io.github.octomvn.octopus.pack.Sha1;
import io.github.octomvn.octopus.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package the pack manifest vouches for (same size and modification time as the pack wrote it) is not read for
 * its SHA-1: the manifest's SHA-1 decides the re-run check and goes in the report. The proof: the file's bytes are
 * changed in place behind the manifest's back, size and time kept, and the push still answers from the manifest.
 */
class PackManifestPushTest {
    private static final String PACKED = "the bytes the pack wrote";
    private static final String SWAPPED = "other bytes, same length";

    @TempDir
    Path dir;

    private ServerFixture fixture;
    private Path target;
    private Path file;
    private FileTime packedAt;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start();
        target = dir.resolve("target");
        file = Files.write(
                Files.createDirectories(target.resolve("octopus")).resolve("MyApp.1.0.0.zip"),
                PACKED.getBytes(StandardCharsets.UTF_8));
        packedAt = Files.getLastModifiedTime(file);
        PackManifest.write(
                target, List.of(new PackedPackage(file, PackageFormat.ZIP, Files.size(file), 1, TestFiles.sha1(file))));
        assertThat(SWAPPED).hasSameSizeAs(PACKED);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private PackagePush push() {
        ProjectSource project = new ProjectSource(dir, Optional.empty(), target);
        PushRequest request = new PushRequest(
                        Map.of(project, List.of(file)),
                        OverwriteMode.FailIfExists,
                        Optional.empty(),
                        false,
                        target.resolve("octopus/push-report.json"))
                .withPackManifest(PackManifest.entries(target));
        return new PackagePush(request, Optional.empty(), new PushListener() {
            @Override
            public void info(String message) {}

            @Override
            public void warn(String message) {}
        });
    }

    private JsonNode reportRow() throws Exception {
        return Json.read(target.resolve("octopus/push-report.json"))
                .get("packages")
                .get(0);
    }

    private void serverHasThePackedPackage() throws Exception {
        fixture.server.seedPackage("Spaces-1", "MyApp.1.0.0.zip", PACKED.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha1(String content) {
        return Sha1.hex(Sha1.digest().digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theReRunCheckUsesTheManifestsSha1WithoutReadingTheFile() throws Exception {
        serverHasThePackedPackage();
        Files.write(file, SWAPPED.getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(file, packedAt);

        try (OctopusClient client = fixture.connect()) {
            push().run(client);
        }

        // had the file been read, its SHA-1 would differ from the server's and FailIfExists would fail
        assertThat(reportRow().get("outcome").asText()).isEqualTo("identical");
        assertThat(reportRow().get("sha1").asText()).isEqualTo(sha1(PACKED));
        assertThat(fixture.server.requests("POST", "")).isEmpty();
    }

    @Test
    void aFileTheManifestNoLongerVouchesForIsHashedAgain() throws Exception {
        serverHasThePackedPackage();
        Files.write(file, SWAPPED.getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(file, FileTime.fromMillis(packedAt.toMillis() + 2000));

        try (OctopusClient client = fixture.connect()) {
            PackagePush push = push();
            assertThatThrownBy(() -> push.run(client))
                    .isInstanceOf(OctopusException.class)
                    .hasMessageContaining("local SHA-1 " + sha1(SWAPPED));
        }
    }

    @Test
    void aNewPackageIsSentOnceAndVerifiedAgainstTheManifestsSha1() throws Exception {
        try (OctopusClient client = fixture.connect()) {
            push().run(client);
        }

        assertThat(reportRow().get("outcome").asText()).isEqualTo("created");
        assertThat(reportRow().get("sha1").asText()).isEqualTo(sha1(PACKED));
        assertThat(fixture.server.uploadRequestCount("MyApp", "1.0.0")).isEqualTo(1);
    }
}

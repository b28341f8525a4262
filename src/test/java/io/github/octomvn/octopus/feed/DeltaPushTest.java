package io.github.octomvn.octopus.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.octomvn.octopus.buildinfo.ProjectSource;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole push with delta compression: the summary line, the report and the dry run say what was (to be) sent. */
class DeltaPushTest {
    @TempDir
    Path dir;

    private ServerFixture fixture;
    private byte[] base;
    private Path file;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final PushListener listener = new PushListener() {
        @Override
        public void info(String message) {
            lines.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }
    };

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start();
        base = new byte[400_000];
        new Random(5).nextBytes(base);
        byte[] next = base.clone();
        next[200_000] ^= 1;
        file = Files.write(
                Files.createDirectories(dir.resolve("target/octopus")).resolve("MyApp.1.0.1.zip"), next);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void push(boolean dryRun, boolean deltaCompression) throws Exception {
        PushRequest request = new PushRequest(
                        Map.of(new ProjectSource(dir, Optional.empty(), dir.resolve("target")), List.of(file)),
                        OverwriteMode.FailIfExists,
                        Optional.empty(),
                        dryRun,
                        report())
                .withDeltaCompression(deltaCompression);
        try (OctopusClient client = fixture.connect()) {
            new PackagePush(request, Optional.empty(), listener).run(client);
        }
    }

    private Path report() {
        return dir.resolve("target/octopus/push-report.json");
    }

    private JsonNode reported() throws Exception {
        return Json.read(report()).get("packages").get(0);
    }

    @Test
    void theSummaryLineAndTheReportSayWhatTheDeltaSent() throws Exception {
        fixture.server.seedPackage("Spaces-1", "MyApp.1.0.0.zip", base);

        push(false, true);

        assertThat(lines)
                .anyMatch(
                        l -> l.matches("INFO MyApp\\.1\\.0\\.1\\.zip \\(390\\.6 KiB\\): uploaded MyApp 1\\.0\\.1, delta"
                                + " against 1\\.0\\.0: [0-9.]+ KiB of 390\\.6 KiB \\([0-9.]+ %\\) in .*"));
        JsonNode delta = reported().get("delta");
        assertThat(delta.get("baseVersion").asText()).isEqualTo("1.0.0");
        assertThat(delta.get("fullBytes").asLong()).isEqualTo(400_000);
        assertThat(delta.get("deltaBytes").asLong())
                .isEqualTo(fixture.server.deltaBytesReceived())
                .isLessThan(10_000);
        assertThat(reported().has("fullUploadReason")).isFalse();
        assertThat(fixture.server.storedPackage("MyApp", "1.0.1").orElseThrow().contentEquals(file))
                .isTrue();
    }

    @Test
    void logsTheProgressOfALongDeltaBuild() throws Exception {
        byte[] large = new byte[9 * 1024 * 1024];
        new Random(6).nextBytes(large);
        fixture.server.seedPackage("Spaces-1", "MyApp.1.0.0.zip", large);
        large[5_000_000] ^= 1;
        Files.write(file, large);
        // every clock reading is 5 s later: past the quiet start, each buffer of the build is worth a line
        fixture.clock.tickingBy(Duration.ofSeconds(5));

        push(false, true);

        assertThat(lines)
                .contains("INFO MyApp.1.0.1.zip: building the delta against 1.0.0: 100% (9.0 MiB of 9.0 MiB)")
                .anyMatch(l ->
                        l.matches("INFO MyApp\\.1\\.0\\.1\\.zip: building the delta against 1\\.0\\.0: [1-9]?[0-9]%"
                                + " \\([0-9.]+ MiB of 9\\.0 MiB\\)"));
    }

    @Test
    void theReportSaysWhyTheFullFileWent() throws Exception {
        push(false, true);

        assertThat(lines)
                .anyMatch(l -> l.startsWith(
                        "INFO MyApp.1.0.1.zip (390.6 KiB): uploaded MyApp 1.0.1 (full file: no earlier version on the"
                                + " server)"));
        assertThat(reported().get("fullUploadReason").asText()).isEqualTo("no earlier version on the server");
        assertThat(reported().has("delta")).isFalse();
    }

    @Test
    void withoutDeltaCompressionNothingIsAskedAndNothingReported() throws Exception {
        fixture.server.seedPackage("Spaces-1", "MyApp.1.0.0.zip", base);

        push(false, false);

        assertThat(fixture.server.requests("GET", "delta-signature")).isEmpty();
        assertThat(reported().has("delta")).isFalse();
        assertThat(reported().has("fullUploadReason")).isFalse();
    }

    @Test
    void aDryRunSaysItWouldTryADelta() throws Exception {
        fixture.server.seedPackage("Spaces-1", "MyApp.1.0.0.zip", base);

        push(true, true);

        assertThat(lines)
                .contains("INFO MyApp.1.0.1.zip: would upload MyApp 1.0.1 (trying a delta against the version the"
                        + " server signs first)");
        assertThat(fixture.server.requests("GET", "delta-signature")).isEmpty();
        assertThat(fixture.server.requests("POST", "")).isEmpty();
    }
}

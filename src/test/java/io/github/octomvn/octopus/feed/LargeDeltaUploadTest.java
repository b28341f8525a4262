package io.github.octomvn.octopus.feed;

import static io.github.octomvn.octopus.testing.TestFiles.sha1;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.StoredPackage;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delta push keeps memory flat too: signature download, delta build and upload of a 256 MiB package succeed in a
 * child JVM whose heap is capped at 32 MiB (the signature alone is 3.3 MiB; the package would not fit eight times
 * over). The child's summed pool peaks are printed, not asserted: they can add up past the cap.
 */
class LargeDeltaUploadTest {

    private static final long SIZE = 256L * 1024 * 1024 + 1234;

    @TempDir
    Path dir;

    @Test
    void pushesADeltaOfAQuarterGibibytePackageWithAThirtyTwoMebibyteHeap() throws Exception {
        Path base = sparse(dir.resolve("base.bin"), "version 1.0.0");
        Path file = sparse(dir.resolve("big.1.0.1.zip"), "version 1.0.1, changed");
        String expectedSha1 = sha1(file);

        try (OctopusTestServer server = OctopusTestServer.builder()
                .storageDir(Files.createDirectory(dir.resolve("feed")))
                .start()) {
            server.seedPackage("Spaces-1", "big.1.0.0.zip", base);
            Files.delete(base);

            Map<String, String> child = runChild(server, file);

            assertThat(child).containsEntry("outcome", "CREATED").containsEntry("sha1", expectedSha1);
            assertThat(child).containsEntry("deltaBase", "1.0.0");
            // Zero-filled stretches all match the first zero chunk, so their COPYs do not merge: 17 bytes per 2 KiB.
            assertThat(Long.parseLong(child.get("bytesSent"))).isLessThan(SIZE / 100);
            StoredPackage stored = server.storedPackage("big", "1.0.1").orElseThrow();
            assertThat(stored.size()).isEqualTo(SIZE);
            assertThat(stored.sha1()).isEqualTo(expectedSha1);
            assertThat(server.requests("POST", "packages/raw")).isEmpty();
        }
        try (var left = Files.list(dir)) {
            assertThat(left)
                    .extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder("big.1.0.1.zip", "feed");
        }
    }

    /** A sparse file of {@link #SIZE} bytes with a marker at its start, in its middle and at its end. */
    private static Path sparse(Path file, String middle) throws Exception {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(SIZE);
            out.write("PK-start".getBytes(StandardCharsets.US_ASCII));
            out.seek(SIZE / 2);
            out.write(middle.getBytes(StandardCharsets.US_ASCII));
            out.seek(SIZE - 6);
            out.write("-end!\n".getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    private static Map<String, String> runChild(OctopusTestServer server, Path file) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx32m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(UploadMain.class.getName());
        command.add(server.url().toString());
        command.add(file.toString());
        command.add("FailIfExists");
        command.add("delta");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OCTOPUS_API_KEY", server.apiKey());
        Process process = builder.start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, String> values = new HashMap<>();
        for (String line : output.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("warning")) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        System.out.println("LargeDeltaUploadTest child: " + values);
        return values;
    }
}

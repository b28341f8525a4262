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

/** A package above 1 GiB streams from disk with constant memory (a child JVM with a 64 MiB heap). */
class LargeUploadTest {

    private static final long SIZE = (1L << 30) + 4096;

    @TempDir
    Path dir;

    @Test
    void uploadsAGibibytePackageWithASixtyFourMebibyteHeap() throws Exception {
        Path file = dir.resolve("big.1.0.0.zip");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(SIZE);
            // Non-zero bytes at the start and the very end prove that nothing was cut off or padded.
            sparse.write("PK-start".getBytes(StandardCharsets.US_ASCII));
            sparse.seek(SIZE - 6);
            sparse.write("-end!\n".getBytes(StandardCharsets.US_ASCII));
        }
        String expectedSha1 = sha1(file);

        try (OctopusTestServer server = OctopusTestServer.builder()
                .storageDir(Files.createDirectory(dir.resolve("feed")))
                .start()) {
            Map<String, String> child = runChild(server, file);

            assertThat(child).containsEntry("outcome", "CREATED").containsEntry("sha1", expectedSha1);
            assertThat(Long.parseLong(child.get("peakHeapBytes"))).isLessThan(64L * 1024 * 1024);
            StoredPackage stored = server.storedPackage("big", "1.0.0").orElseThrow();
            assertThat(stored.size()).isEqualTo(SIZE);
            assertThat(stored.sha1()).isEqualTo(expectedSha1);
            assertThat(server.requests("POST", "packages/raw").get(0).header("Content-Length"))
                    .hasValueSatisfying(
                            length -> assertThat(Long.parseLong(length)).isGreaterThan(SIZE));
        }
    }

    private static Map<String, String> runChild(OctopusTestServer server, Path file) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(UploadMain.class.getName());
        command.add(server.url().toString());
        command.add(file.toString());
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
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        System.out.println("LargePackageTest child: " + values);
        return values;
    }
}

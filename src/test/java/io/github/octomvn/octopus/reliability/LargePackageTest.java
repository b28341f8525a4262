package io.github.octomvn.octopus.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.StoredPackage;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package over 4 GiB packs as zip64 and pushes with flat memory: a child JVM with a 128 MiB heap packs a sparse
 * 4 GiB file and uploads the result to the test server, then packs the next version (4 KiB changed) and pushes it
 * as a delta. Takes minutes and ~20 GiB of disk, so it is tagged
 * {@code large} and runs only in the {@code large-packages} profile:
 * {@code ./mvnw -B -Plarge-packages test -Dinvoker.skip -Dtest=LargePackageTest}.
 */
@Tag("large")
class LargePackageTest {
    /** Past the 4 GiB - 1 that a zip entry can hold without zip64 extra fields. */
    private static final long SIZE = (4L << 30) + (1L << 20);

    private static final long HEAP_LIMIT = 128L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aFourGibibytePackagePacksAsZip64AndPushesWithA128MebibyteHeap() throws Exception {
        Path content = Files.createDirectories(dir.resolve("content"));
        // .tgz: already compressed, so the zip stores it and the package really is over 4 GiB.
        Path payload = content.resolve("payload.tgz");
        try (RandomAccessFile sparse = new RandomAccessFile(payload.toFile(), "rw")) {
            sparse.setLength(SIZE);
            sparse.write("start".getBytes(StandardCharsets.US_ASCII));
            sparse.seek(SIZE - 4);
            sparse.write("end!".getBytes(StandardCharsets.US_ASCII));
        }

        try (OctopusTestServer server = OctopusTestServer.builder()
                .storageDir(Files.createDirectory(dir.resolve("feed")))
                .start()) {
            Map<String, String> child = runChild(server, content, dir.resolve("out"));
            System.out.println("large package: " + child);

            // 1.0.0 was deleted once pushed; 1.0.1 has the same layout
            Path zip = Paths.get(child.get("next.packedFile"));
            assertThat(Long.parseLong(child.get("packedSize"))).isGreaterThan(SIZE);
            assertThat(hasZip64EndRecord(zip)).isTrue();
            try (ZipFile read = ZipFile.builder().setPath(zip).get()) {
                ZipArchiveEntry entry = read.getEntry("payload.tgz");
                assertThat(entry.getSize()).isEqualTo(SIZE);
                assertThat(entry.getMethod()).isEqualTo(ZipArchiveEntry.STORED);
            }
            assertThat(child).containsEntry("outcome", "CREATED");
            assertThat(child.get("pushedSha1")).isEqualTo(child.get("packedSha1"));
            StoredPackage stored = server.storedPackage("big", "1.0.0").orElseThrow();
            assertThat(stored.sha1()).isEqualTo(child.get("packedSha1"));
            assertThat(stored.size()).isEqualTo(Long.parseLong(child.get("packedSize")));
            assertThat(Long.parseLong(child.get("packPeakHeapBytes"))).isLessThan(HEAP_LIMIT);
            assertThat(Long.parseLong(child.get("pushPeakHeapBytes"))).isLessThan(HEAP_LIMIT);

            // 1.0.1, 4 KiB changed in the middle: a delta against 1.0.0 goes, and the heap stays as flat.
            assertThat(child).containsEntry("next.outcome", "CREATED").containsEntry("next.deltaBase", "1.0.0");
            assertThat(Long.parseLong(child.get("next.deltaBytes"))).isLessThan(SIZE / 1000);
            StoredPackage rebuilt = server.storedPackage("big", "1.0.1").orElseThrow();
            assertThat(rebuilt.sha1()).isEqualTo(child.get("next.packedSha1"));
            assertThat(child.get("next.pushedSha1")).isEqualTo(child.get("next.packedSha1"));
            assertThat(Long.parseLong(child.get("next.pushPeakHeapBytes"))).isLessThan(HEAP_LIMIT);
        }
    }

    /** The zip64 end of central directory record (signature PK\6\6) in the last 64 KiB of the archive. */
    private static boolean hasZip64EndRecord(Path zip) throws Exception {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long tail = Math.min(channel.size(), 64 * 1024);
            ByteBuffer buffer = ByteBuffer.allocate((int) tail).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(buffer, channel.size() - tail);
            for (int i = 0; i + 4 <= buffer.limit(); i++) {
                if (buffer.getInt(i) == 0x06064b50) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Map<String, String> runChild(OctopusTestServer server, Path content, Path output) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LargePackageMain.class.getName());
        command.add(content.toString());
        command.add(output.toString());
        command.add(server.url().toString());
        command.add("payload.tgz");
        command.add(String.valueOf(SIZE / 2 / 4096 * 4096));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OCTOPUS_API_KEY", server.apiKey());
        Process process = builder.start();
        String out;
        try (InputStream stream = process.getInputStream()) {
            out = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(30, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        Map<String, String> values = new HashMap<>();
        for (String line : out.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }
}

package io.github.octomvn.octopus.pack;

import static io.github.octomvn.octopus.testing.TestFiles.sha1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deflated entry over 4 GiB, streamed into the zip as it is deflated: its data descriptor takes zip64's 8-byte
 * sizes, which the local header announces with a zip64 extra field, and the JDK's streaming reader, which decides the
 * descriptor's format by the sizes it inflated, reads it. A sparse file of zeros deflates to a few megabytes, so the
 * test needs little disk, but inflating 4 GiB several times takes a minute: it is tagged {@code large} and runs only
 * in the {@code large-packages} profile.
 */
@Tag("large")
class LargeDeflatedEntryTest {
    /** Past the 4 GiB - 1 that a zip entry can hold without zip64. */
    private static final long SIZE = (4L << 30) + (1L << 20) + 12345;

    @TempDir
    Path temp;

    @Test
    void aDeflatedEntryOverFourGibibytesStreamsWithAZip64DataDescriptorThatEveryReaderReads() throws Exception {
        Path tree = Files.createDirectories(temp.resolve("tree"));
        try (RandomAccessFile sparse =
                new RandomAccessFile(tree.resolve("zeros.bin").toFile(), "rw")) {
            sparse.setLength(SIZE);
            sparse.write("start".getBytes(StandardCharsets.US_ASCII));
            sparse.seek(SIZE - 4);
            sparse.write("end!".getBytes(StandardCharsets.US_ASCII));
        }
        PackedPackage zip = new PackageBuilder(w -> {}, 2)
                .pack(PackRequest.builder(PackageId.of("zeros"), OctopusVersion.parse("1.0.0"), temp.resolve("out"))
                        .formats(Arrays.asList(PackageFormat.ZIP))
                        .addFileSet(FileSet.of(tree))
                        .reproducibleTimestamp(Instant.parse("2026-11-25T00:00:00Z"))
                        .build())
                .get(0);
        assertThat(zip.sha1()).isEqualTo(sha1(zip.file()));

        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip.file()))) {
            ZipEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo("zeros.bin");
            // the JDK checks the CRC and both sizes against the descriptor when the entry ends
            assertThat(readEnds(in)).isEqualTo("start/end!");
            assertThat(entry.getSize()).isEqualTo(SIZE);
            assertThat(in.getNextEntry()).isNull();
        }
        try (ZipFile file = new ZipFile(zip.file().toFile())) {
            ZipEntry entry = file.getEntry("zeros.bin");
            assertThat(entry.getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(entry.getSize()).isEqualTo(SIZE);
            assertThat(entry.getCompressedSize()).isLessThan(SIZE / 100);
        }
        try (org.apache.commons.compress.archivers.zip.ZipFile file =
                org.apache.commons.compress.archivers.zip.ZipFile.builder()
                        .setPath(zip.file())
                        .get()) {
            ZipArchiveEntry entry = file.getEntry("zeros.bin");
            assertThat(entry.getSize()).isEqualTo(SIZE);
            try (InputStream data = file.getInputStream(entry)) {
                assertThat(readEnds(data)).isEqualTo("start/end!");
            }
        }

        assumeTrue(TestData.hasCommand("unzip") && TestData.hasCommand("python3"));
        assertThat(TestData.run(temp, "unzip", "-tq", zip.file().toString())).isEqualTo(0);
        assertThat(TestData.run(
                        temp,
                        "python3",
                        "-c",
                        "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None;"
                                + " assert z.getinfo('zeros.bin').file_size == int(sys.argv[2])",
                        zip.file().toString(),
                        String.valueOf(SIZE)))
                .isEqualTo(0);
    }

    /** Reads the stream to its end, without holding it: its first 5 and last 4 bytes, and that its length is SIZE. */
    private static String readEnds(InputStream in) throws Exception {
        byte[] buffer = new byte[1 << 20];
        byte[] first = new byte[5];
        byte[] last = new byte[4];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            for (long at = total; at < Math.min(total + n, 5); at++) {
                first[(int) at] = buffer[(int) (at - total)];
            }
            for (long at = Math.max(total, SIZE - 4); at < Math.min(total + n, SIZE); at++) {
                last[(int) (at - (SIZE - 4))] = buffer[(int) (at - total)];
            }
            total += n;
        }
        assertThat(total).isEqualTo(SIZE);
        return new String(first, StandardCharsets.US_ASCII) + "/" + new String(last, StandardCharsets.US_ASCII);
    }
}

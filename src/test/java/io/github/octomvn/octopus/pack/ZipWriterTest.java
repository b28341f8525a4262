package io.github.octomvn.octopus.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zip container the packer writes: entries of known sizes as commons-compress writes them, byte for byte; large
 * deflated entries streamed with a data descriptor; zip64 records where the limits call for them. Read back by the
 * JDK's two readers, commons-compress's two, and the tools users run.
 */
class ZipWriterTest {
    /** 2026-11-25 12:34:56 local time, as Plexus sets it: the file's time plus 1999 ms. */
    private static final long TIME = java.time.LocalDateTime.of(2026, 11, 25, 12, 34, 56)
                    .atZone(java.time.ZoneId.systemDefault())
                    .toInstant()
                    .toEpochMilli()
            + 1999;

    @TempDir
    Path temp;

    private ExecutorService pool;

    @AfterEach
    void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void entriesOfKnownSizeAreWrittenByteForByteAsCommonsCompressWritesThem() throws Exception {
        byte[] text = TestData.text(50_000, 1);
        byte[] deflated = deflate(text);

        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        ZipWriter writer = new ZipWriter(ours);
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream commons = new ZipArchiveOutputStream(theirs)) {
            // as Plexus sets it up for UTF-8 names
            commons.setEncoding("UTF8");
            commons.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            Map<ZipArchiveEntry, byte[]> entries = new LinkedHashMap<>();
            entries.put(entry("app/", UnixStat.DIR_FLAG | 0755, ZipEntry.STORED, new byte[0], 0), new byte[0]);
            entries.put(
                    entry("app/empty.txt", UnixStat.FILE_FLAG | 0644, ZipEntry.STORED, new byte[0], 0), new byte[0]);
            entries.put(entry("app/run.sh", UnixStat.FILE_FLAG | 0755, ZipEntry.STORED, text, 0), text);
            entries.put(
                    entry("app/Grüße/日本.html", UnixStat.FILE_FLAG | 0600, ZipEntry.DEFLATED, deflated, text.length),
                    deflated);
            for (Map.Entry<ZipArchiveEntry, byte[]> entry : entries.entrySet()) {
                writer.write(new ZipArchiveEntry(entry.getKey()), entry.getValue(), entry.getValue().length);
                commons.addRawArchiveEntry(entry.getKey(), new ByteArrayInputStream(entry.getValue()));
            }
        }
        writer.finish();

        assertThat(ours.toByteArray()).isEqualTo(theirs.toByteArray());
    }

    @Test
    void aStreamedEntryCarriesItsCrcAndSizesInADataDescriptorThatEveryReaderChecks() throws Exception {
        pool = Executors.newFixedThreadPool(2);
        byte[] big = TestData.mixed(3 * 1024 * 1024 + 777, 7);
        byte[] small = TestData.text(10_000, 8);
        Path zip = temp.resolve("streamed.zip");
        try (ZipWriter writer = new ZipWriter(Files.newOutputStream(zip))) {
            ZipArchiveEntry first = entry("a/small.txt", UnixStat.FILE_FLAG | 0644, ZipEntry.STORED, small, 0);
            writer.write(first, small, small.length);
            ZipArchiveEntry streamed = new ZipArchiveEntry("a/big.bin");
            streamed.setTime(TIME);
            streamed.setUnixMode(UnixStat.FILE_FLAG | 0644);
            writer.writeDeflating(
                    streamed, new ParallelDeflatingInputStream(new ByteArrayInputStream(big), pool, 4), big.length);
            ZipArchiveEntry empty = entry("a/empty", UnixStat.FILE_FLAG | 0644, ZipEntry.STORED, new byte[0], 0);
            writer.write(empty, new byte[0], 0);
            writer.finish();
        }
        Map<String, byte[]> expected = new LinkedHashMap<>();
        expected.put("a/small.txt", small);
        expected.put("a/big.bin", big);
        expected.put("a/empty", new byte[0]);

        byte[] archive = Files.readAllBytes(zip);
        // bit 3 on the streamed entry's local header only: a stored entry never has a data descriptor
        assertThat(localHeaderFlags(archive)).containsExactly(0x0800, 0x0808, 0x0800);

        // the streaming readers: the JDK's checks CRC and sizes against the descriptor
        assertThat(readWithZipInputStream(archive)).containsExactlyEntriesOf(expected);
        Map<String, byte[]> commonsStream = new LinkedHashMap<>();
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (ZipArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                commonsStream.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(commonsStream).containsExactlyEntriesOf(expected);
        // the central directory readers
        assertThat(readWithZipFile(zip)).containsExactlyEntriesOf(expected);
        try (org.apache.commons.compress.archivers.zip.ZipFile commons =
                org.apache.commons.compress.archivers.zip.ZipFile.builder()
                        .setPath(zip)
                        .get()) {
            ZipArchiveEntry entry = commons.getEntry("a/big.bin");
            assertThat(entry.getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(entry.getSize()).isEqualTo(big.length);
            assertThat(entry.getUnixMode()).isEqualTo(UnixStat.FILE_FLAG | 0644);
            assertThat(entry.getTime()).isEqualTo(TIME / 2000 * 2000);
            assertThat(commons.getInputStream(entry).readAllBytes()).isEqualTo(big);
        }
        checkWithTools(zip, expected);
    }

    @Test
    void zip64RecordsAreWrittenWhereTheLimitsAreReachedAndReadBack() throws Exception {
        // limits lowered so that a small archive needs zip64 for sizes, offsets and the number of entries
        Map<String, byte[]> expected = new LinkedHashMap<>();
        Path zip = temp.resolve("zip64.zip");
        try (ZipWriter writer = new ZipWriter(Files.newOutputStream(zip), 3000, 4)) {
            for (int i = 0; i < 6; i++) {
                byte[] text = TestData.text(1000 * i, i);
                String name = "e" + i + ".txt";
                writer.write(entry(name, UnixStat.FILE_FLAG | 0644, ZipEntry.STORED, text, 0), text, text.length);
                expected.put(name, text);
            }
            writer.finish();
        }
        byte[] archive = Files.readAllBytes(zip);
        assertThat(indexOf(archive, 0x06064b50)).as("zip64 end record").isPositive();
        assertThat(indexOf(archive, 0x07064b50)).as("zip64 end locator").isPositive();

        assertThat(readWithZipFile(zip)).containsExactlyEntriesOf(expected);
        Map<String, byte[]> commons = new LinkedHashMap<>();
        try (org.apache.commons.compress.archivers.zip.ZipFile file =
                org.apache.commons.compress.archivers.zip.ZipFile.builder()
                        .setPath(zip)
                        .get()) {
            for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
                commons.put(entry.getName(), file.getInputStream(entry).readAllBytes());
            }
        }
        assertThat(commons).containsExactlyEntriesOf(expected);
        assertThat(readWithZipInputStream(archive)).containsExactlyEntriesOf(expected);
        checkWithTools(zip, expected);
    }

    @Test
    void onlySourcesClearOfTheFourGigabyteLineAreStreamed() {
        assertThat(ZipWriter.canStream(0)).isTrue();
        assertThat(ZipWriter.canStream(1L << 30)).isTrue();
        assertThat(ZipWriter.canStream(ZipWriter.MAX_32 - 1024)).isFalse();
        assertThat(ZipWriter.canStream(ZipWriter.MAX_32)).isFalse();
        assertThat(ZipWriter.canStream(ZipWriter.MAX_32 + 1)).isTrue();
        assertThat(ZipWriter.canStream(5L << 30)).isTrue();
    }

    @Test
    void anEntryWhoseDataIsNotTheSizeItsHeaderSaysFailsTheArchive() {
        byte[] text = TestData.text(1000, 3);
        ZipWriter writer = new ZipWriter(new ByteArrayOutputStream());
        ZipArchiveEntry entry = entry("grew.txt", UnixStat.FILE_FLAG | 0644, ZipEntry.STORED, text, 0);
        entry.setSize(900);
        entry.setCompressedSize(900);

        assertThatThrownBy(() -> writer.write(entry, new ByteArrayInputStream(text)))
                .hasMessage("grew.txt gave 1000 bytes where its header says 900. Pack again once nothing writes to"
                        + " it.");
    }

    /** An entry as the packer has it before writing: {@code data} as it goes into the archive, of a source of size. */
    private static ZipArchiveEntry entry(String name, int mode, int method, byte[] data, int size) {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setTime(TIME);
        entry.setUnixMode(mode);
        entry.setMethod(method);
        CRC32 crc = new CRC32();
        if (method == ZipEntry.STORED) {
            crc.update(data);
            entry.setSize(data.length);
        } else {
            entry.setSize(size);
        }
        entry.setCompressedSize(data.length);
        // a deflated entry's CRC is of its source, which these tests do not check
        entry.setCrc(method == ZipEntry.STORED ? crc.getValue() : 0x1234_5678L);
        return entry;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** The general purpose flags of every local header, in order. */
    private static List<Integer> localHeaderFlags(byte[] archive) throws IOException {
        List<Integer> flags = new ArrayList<>();
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (ZipArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                in.readAllBytes();
                flags.add((entry.getGeneralPurposeBit().usesUTF8ForNames() ? 0x0800 : 0)
                        | (entry.getGeneralPurposeBit().usesDataDescriptor() ? 0x0008 : 0));
            }
        }
        return flags;
    }

    private static Map<String, byte[]> readWithZipInputStream(byte[] archive) throws IOException {
        Map<String, byte[]> read = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                read.put(entry.getName(), in.readAllBytes());
            }
        }
        return read;
    }

    private static Map<String, byte[]> readWithZipFile(Path zip) throws IOException {
        Map<String, byte[]> read = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                read.put(entry.getName(), file.getInputStream(entry).readAllBytes());
            }
        }
        return read;
    }

    private static int indexOf(byte[] archive, int signature) {
        for (int i = archive.length - 4; i >= 0; i--) {
            int value = (archive[i] & 0xff)
                    | (archive[i + 1] & 0xff) << 8
                    | (archive[i + 2] & 0xff) << 16
                    | (archive[i + 3] & 0xff) << 24;
            if (value == signature) {
                return i;
            }
        }
        return -1;
    }

    /** unzip -t, zipinfo, and Python's zipfile byte for byte. */
    private void checkWithTools(Path zip, Map<String, byte[]> expected) throws Exception {
        assumeTrue(TestData.hasCommand("unzip") && TestData.hasCommand("zipinfo") && TestData.hasCommand("python3"));
        assertThat(TestData.run(temp, "unzip", "-tq", zip.toString())).isEqualTo(0);
        assertThat(TestData.run(temp, "zipinfo", zip.toString())).isEqualTo(0);
        Path tree = temp.resolve("expected-" + zip.getFileName());
        for (Map.Entry<String, byte[]> file : expected.entrySet()) {
            Path path = tree.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        String check = String.join(
                "\n",
                "import os, sys, zipfile",
                "archive, root = sys.argv[1:3]",
                "with zipfile.ZipFile(archive) as z:",
                "    assert z.testzip() is None",
                "    for i in z.infolist():",
                "        assert z.read(i) == open(os.path.join(root, i.filename), 'rb').read(), i.filename");
        assertThat(TestData.run(temp, "python3", "-c", check, zip.toString(), tree.toString()))
                .isEqualTo(0);
    }
}

package io.github.octomvn.octopus.pack;

import static io.github.octomvn.octopus.testing.TestFiles.sha1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zip entries below the block-parallel size, read and deflated on a pool and written in order: through the whole
 * builder on a tree of many small files, and on their own for what a tree on disk makes slow (tens of thousands of
 * entries).
 */
class OrderedZipEntriesTest {
    private static final Instant OUTPUT_TIMESTAMP = Instant.parse("2026-11-25T00:00:00Z");

    @TempDir
    Path temp;

    private Path tree;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private ExecutorService pool;

    @BeforeEach
    void createTree() throws IOException {
        tree = temp.resolve("tree");
        add("empty.txt", new byte[0]);
        add("one-byte.txt", new byte[] {'x'});
        add("small-random.bin", TestData.random(10_000, 1));
        add("mid-random.dat", TestData.random(200 * 1024, 2));
        add("lib/nested.jar", TestData.random(1_500_000, 3));
        add("almost-a-block.css", TestData.text(OrderedZipEntries.IN_MEMORY_MAX - 1, 4));
        for (int i = 0; i < 300; i++) {
            add("pages/d" + (i % 7) + "/p" + i + ".html", TestData.text(50 + 613 * i, 100 + i));
        }
    }

    @AfterEach
    void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void manySmallFilesGiveTheSameBytesOnOneThreadAndOnFour() throws Exception {
        PackedPackage one = new PackageBuilder(w -> {}, 1)
                .pack(request(temp.resolve("one")))
                .get(0);
        PackedPackage four = new PackageBuilder(w -> {}, 4)
                .pack(request(temp.resolve("four")))
                .get(0);

        assertThat(Files.readAllBytes(four.file())).isEqualTo(Files.readAllBytes(one.file()));
        assertThat(four.sha1()).isEqualTo(one.sha1()).isEqualTo(sha1(one.file()));
    }

    @Test
    void entriesAreStoredUnlessDeflateShrinksThemAndEveryReaderReadsThem() throws Exception {
        PackedPackage zip = new PackageBuilder(w -> {}, 3)
                .pack(request(temp.resolve("out")))
                .get(0);

        Map<String, ZipEntry> entries = new HashMap<>();
        try (ZipFile zipFile = new ZipFile(zip.file().toFile())) {
            for (ZipEntry entry : Collections.list(zipFile.entries())) {
                entries.put(entry.getName(), entry);
            }
        }
        assertThat(entries.get("empty.txt").getMethod()).isEqualTo(ZipEntry.STORED);
        // deflate would make it 3 bytes
        assertThat(entries.get("one-byte.txt").getMethod()).isEqualTo(ZipEntry.STORED);
        // deflated and found not to shrink
        assertThat(entries.get("small-random.bin").getMethod()).isEqualTo(ZipEntry.STORED);
        // samples say it will not shrink: never deflated
        assertThat(entries.get("mid-random.dat").getMethod()).isEqualTo(ZipEntry.STORED);
        // larger than what is held in memory: checksummed, then copied
        assertThat(entries.get("lib/nested.jar").getMethod()).isEqualTo(ZipEntry.STORED);
        assertThat(entries.get("lib/nested.jar").getSize()).isEqualTo(1_500_000);
        assertThat(entries.get("almost-a-block.css").getMethod()).isEqualTo(ZipEntry.DEFLATED);
        assertThat(entries.get("pages/d3/p10.html").getMethod()).isEqualTo(ZipEntry.DEFLATED);
        assertThat(entries.get("pages/d3/p10.html").getCompressedSize())
                .isLessThan(entries.get("pages/d3/p10.html").getSize() / 2);
        // directories, written in order with the files
        assertThat(entries).containsKey("pages/d3/");

        // java.util.zip checks each entry's CRC and sizes as it reads; the local headers carry them, no descriptors
        Map<String, byte[]> read = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip.file()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    assertThat(entry.getCrc()).as(entry.getName()).isNotEqualTo(-1);
                    read.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        assertThat(read.keySet()).isEqualTo(files.keySet());
        files.forEach((name, bytes) -> assertThat(read.get(name)).as(name).isEqualTo(bytes));

        assumeTrue(TestData.hasCommand("unzip") && TestData.hasCommand("python3"));
        assertThat(TestData.run(temp, "unzip", "-tq", zip.file().toString())).isEqualTo(0);
        assertThat(TestData.run(temp, "python3", "-c", PYTHON_CHECK, zip.file().toString(), tree.toString()))
                .isEqualTo(0);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFileThatCannotBeReadAmongManyLeavesNoArchive() throws Exception {
        // Reading /proc/self/mem at offset 0 fails with an I/O error, even for root.
        Path unreadable = tree.resolve("pages/d2/unreadable.html");
        Files.createSymbolicLink(unreadable, Paths.get("/proc/self/mem"));
        Path output = temp.resolve("out");

        assertThatThrownBy(() -> new PackageBuilder(w -> {}, 2).pack(request(output)))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("Input/output error");
        try (Stream<Path> left = Files.list(output)) {
            assertThat(left).isEmpty();
        }
        Files.delete(unreadable);
    }

    @Test
    void moreEntriesThanAZipWithoutZip64CanCountAreReadBackWhole() throws Exception {
        pool = Executors.newFixedThreadPool(2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int count = 70_000;
        ZipWriter zip = new ZipWriter(bytes);
        OrderedZipEntries ordered = new OrderedZipEntries(pool, 16);
        for (int i = 0; i < count; i++) {
            byte[] content = ("entry " + i + " ").repeat(1 + i % 5).getBytes(StandardCharsets.US_ASCII);
            ordered.add(
                    new ZipArchiveEntry("e/" + i), () -> new ByteArrayInputStream(content), true, content.length, zip);
        }
        ordered.finish(zip);
        zip.finish();
        Path file = temp.resolve("many.zip");
        Files.write(file, bytes.toByteArray());

        try (ZipFile zipFile = new ZipFile(file.toFile())) {
            assertThat(zipFile.size()).isEqualTo(count);
            List<String> names = new ArrayList<>();
            for (ZipEntry entry : Collections.list(zipFile.entries())) {
                names.add(entry.getName());
            }
            // in the order they were added
            assertThat(names.subList(0, 3)).containsExactly("e/0", "e/1", "e/2");
            assertThat(names.get(count - 1)).isEqualTo("e/" + (count - 1));
            assertThat(new String(
                            zipFile.getInputStream(zipFile.getEntry("e/65537")).readAllBytes(),
                            StandardCharsets.US_ASCII))
                    .isEqualTo("entry 65537 entry 65537 entry 65537 ");
        }
    }

    @Test
    void aSourceThatFailsFailsTheArchiveWithItsOwnError() throws Exception {
        pool = Executors.newFixedThreadPool(2);
        try (ZipWriter zip = new ZipWriter(new ByteArrayOutputStream())) {
            OrderedZipEntries ordered = new OrderedZipEntries(pool, 4);
            ordered.add(new ZipArchiveEntry("good"), () -> new ByteArrayInputStream(new byte[10]), true, 10, zip);
            // found when it is written: while adding the next entries, or at the end
            assertThatThrownBy(() -> {
                        ordered.add(
                                new ZipArchiveEntry("bad"),
                                () -> {
                                    throw new UncheckedIOException(new IOException("disk on fire"));
                                },
                                true,
                                -1,
                                zip);
                        ordered.finish(zip);
                    })
                    .hasMessageContaining("disk on fire");
            ordered.abandon();
        }
    }

    @Test
    void aFileThatGrewSinceItWasListedIsPackedWhole() throws Exception {
        pool = Executors.newFixedThreadPool(2);
        byte[] grown = new byte[3 * OrderedZipEntries.SMALL_MAX];
        for (int i = 0; i < grown.length; i++) {
            grown[i] = (byte) ("grown " + i).charAt(i % 5);
        }
        byte[] random = new byte[OrderedZipEntries.SMALL_MAX + 1];
        new Random(7).nextBytes(random);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipWriter zip = new ZipWriter(archive)) {
            OrderedZipEntries ordered = new OrderedZipEntries(pool, 4);
            // listed at 10 bytes, read into a small buffer first
            ordered.add(new ZipArchiveEntry("grown.txt"), () -> new ByteArrayInputStream(grown), true, 10, zip);
            ordered.add(new ZipArchiveEntry("random.bin"), () -> new ByteArrayInputStream(random), true, 10, zip);
            ordered.finish(zip);
        }

        Map<String, byte[]> read = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive.toByteArray()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                read.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(read.get("grown.txt")).isEqualTo(grown);
        assertThat(read.get("random.bin")).isEqualTo(random);
    }

    /** Python's zipfile: every file of the tree, byte for byte, and nothing else. */
    private static final String PYTHON_CHECK = String.join(
            "\n",
            "import os, sys, zipfile",
            "archive, root = sys.argv[1:3]",
            "want = {}",
            "for d, _, names in os.walk(root):",
            "    for n in names:",
            "        p = os.path.join(d, n)",
            "        want[os.path.relpath(p, root).replace(os.sep, '/')] = open(p, 'rb').read()",
            "with zipfile.ZipFile(archive) as z:",
            "    assert z.testzip() is None",
            "    got = {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}",
            "assert got == want, sorted(set(got) ^ set(want))");

    private PackRequest request(Path output) throws PackagingException {
        return PackRequest.builder(PackageId.of("small-files"), OctopusVersion.parse("1.0.0"), output)
                .formats(Arrays.asList(PackageFormat.ZIP))
                .addFileSet(FileSet.of(tree))
                .reproducibleTimestamp(OUTPUT_TIMESTAMP)
                .build();
    }

    private void add(String name, byte[] bytes) throws IOException {
        Path file = tree.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        files.put(name, bytes);
    }
}

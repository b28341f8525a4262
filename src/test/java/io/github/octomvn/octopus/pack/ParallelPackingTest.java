package io.github.octomvn.octopus.pack;

import static io.github.octomvn.octopus.testing.TestFiles.sha1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large files, random bytes and text through both archive formats: block-parallel deflate, stored entries and
 * blocks, and the same bytes whatever the number of threads; checked by the JDK and by the tools users run.
 */
class ParallelPackingTest {
    private static final Instant OUTPUT_TIMESTAMP = Instant.parse("2026-11-25T00:00:00Z");
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path temp;

    private Path tree;
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    @BeforeEach
    void createTree() throws IOException {
        tree = temp.resolve("tree");
        add("big-text.js", TestData.text(3 * MIB + 12345, 1));
        add("data/big-random.dat", TestData.random(3 * MIB, 2));
        add("data/big-mixed.bin", alternating(5 * MIB));
        add("data/mid-random.dat", TestData.random(200 * 1024, 4));
        add("pages/mid-text.html", TestData.text(200 * 1024, 5));
        for (int i = 0; i < 20; i++) {
            add("pages/small/p" + i + ".html", TestData.text(100 + 997 * i, 100 + i));
        }
    }

    @Test
    void archivesAreByteIdenticalOnOneThreadAndOnFour() throws Exception {
        List<PackedPackage> one = new PackageBuilder(w -> {}, 1).pack(request(temp.resolve("one")));
        List<PackedPackage> four = new PackageBuilder(w -> {}, 4).pack(request(temp.resolve("four")));

        for (int i = 0; i < 2; i++) {
            assertThat(Files.readAllBytes(four.get(i).file()))
                    .as(four.get(i).fileName())
                    .isEqualTo(Files.readAllBytes(one.get(i).file()));
        }
    }

    @Test
    void zipStoresWhatDoesNotShrinkAndDeflatesTheRestReadablyByEveryReader() throws Exception {
        PackedPackage zip = new PackageBuilder(w -> {}, 3)
                .pack(request(temp.resolve("out")))
                .get(0);

        Map<String, Integer> methods = new HashMap<>();
        try (ZipFile zipFile = ZipFile.builder().setPath(zip.file()).get()) {
            for (ZipArchiveEntry entry : java.util.Collections.list(zipFile.getEntries())) {
                methods.put(entry.getName(), entry.getMethod());
            }
        }
        assertThat(methods)
                .containsEntry("big-text.js", ZipEntry.DEFLATED)
                .containsEntry("data/big-mixed.bin", ZipEntry.DEFLATED)
                .containsEntry("data/big-random.dat", ZipEntry.STORED)
                .containsEntry("data/mid-random.dat", ZipEntry.STORED)
                .containsEntry("pages/mid-text.html", ZipEntry.DEFLATED)
                .containsEntry("pages/small/p3.html", ZipEntry.DEFLATED);
        // java.util.zip checks each entry's CRC and size as it reads
        Map<String, byte[]> read = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip.file()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    read.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        assertThat(read.keySet()).isEqualTo(files.keySet());
        files.forEach((name, bytes) -> assertThat(read.get(name)).as(name).isEqualTo(bytes));
        assertThat(zip.sha1()).isEqualTo(sha1(zip.file()));
        assertThat(zip.sizeBytes()).isEqualTo(Files.size(zip.file()));

        assumeTrue(TestData.hasCommand("unzip") && TestData.hasCommand("python3"));
        assertThat(TestData.run(temp, "unzip", "-tq", zip.file().toString())).isEqualTo(0);
        assertThat(TestData.run(
                        temp, "python3", "-c", PYTHON_CHECK, "zip", zip.file().toString(), tree.toString()))
                .isEqualTo(0);
    }

    @Test
    void tarGzIsOneGzipMemberThatEveryReaderExtracts() throws Exception {
        PackedPackage tarGz = new PackageBuilder(w -> {}, 3)
                .pack(request(temp.resolve("out")))
                .get(1);

        Map<String, byte[]> read = new HashMap<>();
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tarGz.file())))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.isDirectory()) {
                    read.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        assertThat(read.keySet()).isEqualTo(files.keySet());
        files.forEach((name, bytes) -> assertThat(read.get(name)).as(name).isEqualTo(bytes));
        assertThat(tarGz.sha1()).isEqualTo(sha1(tarGz.file()));
        assertThat(tarGz.sizeBytes()).isEqualTo(Files.size(tarGz.file()));

        assumeTrue(TestData.hasCommand("gzip") && TestData.hasCommand("tar") && TestData.hasCommand("python3"));
        assertThat(TestData.run(temp, "gzip", "-t", tarGz.file().toString())).isEqualTo(0);
        assertThat(TestData.run(temp, "tar", "tzf", tarGz.file().toString())).isEqualTo(0);
        assertThat(TestData.run(
                        temp, "python3", "-c", PYTHON_CHECK, "tar", tarGz.file().toString(), tree.toString()))
                .isEqualTo(0);
    }

    @Test
    void tarGzKeepsTimesToTheSecondWithoutAPaxHeaderPerFile() throws Exception {
        Files.setLastModifiedTime(tree.resolve("big-text.js"), FileTime.fromMillis(1_796_021_965_207L));
        PackRequest request = PackRequest.builder(
                        PackageId.of("big-app"), OctopusVersion.parse("1.0.0"), temp.resolve("out"))
                .formats(Arrays.asList(PackageFormat.TAR_GZ))
                .addFileSet(FileSet.of(tree))
                .build();
        PackedPackage tarGz = new PackageBuilder(w -> {}, 2).pack(request).get(0);

        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tarGz.file())))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                assertThat(entry.getExtraPaxHeaders()).as(entry.getName()).isEmpty();
                if (entry.getName().equals("big-text.js")) {
                    assertThat(entry.getLastModifiedTime()).isEqualTo(FileTime.fromMillis(1_796_021_965_000L));
                }
            }
        }
    }

    @Test
    void sizesStayWithinOnePercentOfZipAndTarOnText() throws Exception {
        assumeTrue(TestData.hasCommand("zip") && TestData.hasCommand("tar"));
        List<PackedPackage> packed = new PackageBuilder(w -> {}, 2).pack(request(temp.resolve("out")));
        Path zip = temp.resolve("tool.zip");
        Path tarGz = temp.resolve("tool.tar.gz");
        assertThat(TestData.run(tree, "zip", "-q", "-r", "-6", zip.toString(), "."))
                .isEqualTo(0);
        assertThat(TestData.run(tree, "tar", "czf", tarGz.toString(), ".")).isEqualTo(0);

        assertThat((double) packed.get(0).sizeBytes()).isLessThanOrEqualTo(Files.size(zip) * 1.01);
        assertThat((double) packed.get(1).sizeBytes()).isLessThanOrEqualTo(Files.size(tarGz) * 1.01);
    }

    /** Python's zipfile and tarfile: every file of the tree, byte for byte, and nothing else. */
    private static final String PYTHON_CHECK = String.join(
            "\n",
            "import os, sys, tarfile, zipfile",
            "kind, archive, root = sys.argv[1:4]",
            "want = {}",
            "for d, _, names in os.walk(root):",
            "    for n in names:",
            "        p = os.path.join(d, n)",
            "        want[os.path.relpath(p, root).replace(os.sep, '/')] = open(p, 'rb').read()",
            "got = {}",
            "if kind == 'zip':",
            "    with zipfile.ZipFile(archive) as z:",
            "        assert z.testzip() is None",
            "        for i in z.infolist():",
            "            if not i.is_dir(): got[i.filename] = z.read(i)",
            "else:",
            "    with tarfile.open(archive, 'r:gz') as t:",
            "        for m in t.getmembers():",
            "            if m.isfile(): got[m.name] = t.extractfile(m).read()",
            "assert got == want, sorted(set(got) ^ set(want))");

    private PackRequest request(Path output) throws PackagingException {
        return PackRequest.builder(PackageId.of("big-app"), OctopusVersion.parse("1.0.0"), output)
                .formats(Arrays.asList(PackageFormat.ZIP, PackageFormat.TAR_GZ))
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

    /** Half a MiB of text, half a MiB of random bytes, and so on: blocks of both kinds in one entry. */
    private static byte[] alternating(int size) {
        byte[] bytes = new byte[size];
        for (int at = 0, i = 0; at < size; at += MIB / 2, i++) {
            int n = Math.min(MIB / 2, size - at);
            byte[] part = i % 2 == 0 ? TestData.text(n, i) : TestData.random(n, i);
            System.arraycopy(part, 0, bytes, at, n);
        }
        return bytes;
    }
}

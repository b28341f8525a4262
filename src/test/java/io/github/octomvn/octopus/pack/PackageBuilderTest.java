package io.github.octomvn.octopus.pack;

import static io.github.octomvn.octopus.testing.TestFiles.sha1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class PackageBuilderTest {
    private static final Instant OUTPUT_TIMESTAMP = Instant.parse("2026-11-25T00:00:00Z");
    private static final String LONG_NAME = "deeply/nested/" + "directory-name-that-is-long/".repeat(4) + "file.txt";

    @TempDir
    Path temp;

    private Path project;
    private Path octopusDir;
    private Path output;
    private Path artifact;
    private final PackageBuilder builder = new PackageBuilder();

    @BeforeEach
    void createProject() throws Exception {
        project = temp.resolve("project");
        octopusDir = project.resolve("src/main/octopus");
        output = project.resolve("target");
        write(octopusDir.resolve("deploy.sh"), "#!/bin/sh\necho deploying\n");
        write(octopusDir.resolve("config/app.properties"), "greeting=hello\n".repeat(200));
        write(octopusDir.resolve("static/logo.png"), randomBytes(4096, 1));
        writeJar(octopusDir.resolve("lib/dep.jar"), "com/example/Dep.class", "class bytes ".repeat(500));
        write(octopusDir.resolve(LONG_NAME), "long\n");
        write(octopusDir.resolve(".git/config"), "[core]\n");
        artifact = project.resolve("target/my-app-1.0.0.jar");
        writeJar(artifact, "com/example/App.class", "app bytes ".repeat(500));
        if (isPosix()) {
            Files.setPosixFilePermissions(
                    octopusDir.resolve("deploy.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(
                    octopusDir.resolve("config/app.properties"), PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void packsZipWithFileSetAndMainArtifactAtTheRoot() throws Exception {
        List<PackedPackage> packed = builder.pack(request(PackageFormat.ZIP).build());

        assertThat(packed).hasSize(1);
        PackedPackage zip = packed.get(0);
        assertThat(zip.file()).isEqualTo(output.resolve("my-app.1.0.0.zip"));
        assertThat(zip.fileName()).isEqualTo("my-app.1.0.0.zip");
        assertThat(zip.format()).isEqualTo(PackageFormat.ZIP);
        Map<String, byte[]> entries = zipFiles(zip.file());
        assertThat(entries.keySet())
                .containsExactlyInAnyOrder(
                        "my-app-1.0.0.jar",
                        "deploy.sh",
                        "config/app.properties",
                        "static/logo.png",
                        "lib/dep.jar",
                        LONG_NAME);
        assertThat(entries.get("deploy.sh")).isEqualTo(Files.readAllBytes(octopusDir.resolve("deploy.sh")));
        assertThat(entries.get("my-app-1.0.0.jar")).isEqualTo(Files.readAllBytes(artifact));
        assertThat(zip.entryCount()).isEqualTo(6);
        assertThat(zip.sizeBytes()).isEqualTo(Files.size(zip.file()));
        assertThat(zip.sha1()).isEqualTo(sha1(zip.file())).matches("[0-9a-f]{40}");
    }

    @Test
    void leavesVersionControlAndEditorFilesOut() throws Exception {
        PackedPackage zip = builder.pack(request(PackageFormat.ZIP).build()).get(0);

        assertThat(zipFiles(zip.file()).keySet()).noneMatch(name -> name.startsWith(".git"));
    }

    @Test
    void zipStoresAlreadyCompressedFilesAndDeflatesTheRest() throws Exception {
        PackedPackage zip = builder.pack(request(PackageFormat.ZIP).build()).get(0);

        try (ZipFile zipFile = ZipFile.builder().setPath(zip.file()).get()) {
            assertThat(zipFile.getEntry("lib/dep.jar").getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(zipFile.getEntry("my-app-1.0.0.jar").getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(zipFile.getEntry("static/logo.png").getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(zipFile.getEntry("config/app.properties").getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(zipFile.getEntry("config/app.properties").getCompressedSize())
                    .isLessThan(zipFile.getEntry("config/app.properties").getSize() / 10);
        }
    }

    @Test
    void tarGzKeepsExecutableBitsAndLongNames() throws Exception {
        assumeTrue(isPosix());

        PackedPackage tarGz =
                builder.pack(request(PackageFormat.TAR_GZ).build()).get(0);

        assertThat(tarGz.fileName()).isEqualTo("my-app.1.0.0.tar.gz");
        Map<String, TarArchiveEntry> entries = tarEntries(tarGz.file());
        assertThat(entries.keySet())
                .containsExactlyInAnyOrder(
                        "my-app-1.0.0.jar",
                        "deploy.sh",
                        "config/app.properties",
                        "static/logo.png",
                        "lib/dep.jar",
                        LONG_NAME);
        assertThat(entries.get("deploy.sh").getMode() & 07777).isEqualTo(0755);
        assertThat(entries.get("config/app.properties").getMode() & 07777).isEqualTo(0644);
        assertThat(tarGz.entryCount()).isEqualTo(6);
    }

    @Test
    void tarGzKeepsEachFilesOwnerAndGroupAlsoWhenAFileSetSetsTheMode() throws Exception {
        assumeTrue(isPosix());
        Path scripts = project.resolve("scripts");
        write(scripts.resolve("start.sh"), "#!/bin/sh\n");
        if ((Integer) Files.getAttribute(scripts, "unix:uid") == 0) {
            // As root (CI containers), give one file owners that no other file has.
            Files.setAttribute(scripts.resolve("start.sh"), "unix:uid", 4242);
            Files.setAttribute(scripts.resolve("start.sh"), "unix:gid", 4343);
        }
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .addFormat(PackageFormat.TAR_GZ)
                .addFileSet(FileSet.of(octopusDir))
                .addFileSet(FileSet.of(scripts).withFileMode(0750))
                .build();

        Map<String, TarArchiveEntry> entries =
                tarEntries(builder.pack(request).get(0).file());

        for (Map.Entry<String, Path> packed : Map.of(
                        "deploy.sh", octopusDir.resolve("deploy.sh"), "start.sh", scripts.resolve("start.sh"))
                .entrySet()) {
            TarArchiveEntry entry = entries.get(packed.getKey());
            Path file = packed.getValue();
            assertThat(entry.getLongUserId()).isEqualTo(((Integer) Files.getAttribute(file, "unix:uid")).longValue());
            assertThat(entry.getLongGroupId()).isEqualTo(((Integer) Files.getAttribute(file, "unix:gid")).longValue());
            assertThat(entry.getUserName()).isEqualTo(Files.getOwner(file).getName());
            assertThat(entry.getGroupName())
                    .isEqualTo(((GroupPrincipal) Files.getAttribute(file, "posix:group")).getName());
        }
        assertThat(entries.get("deploy.sh").getMode() & 07777).isEqualTo(0755);
        assertThat(entries.get("start.sh").getMode() & 07777).isEqualTo(0750);
    }

    @Test
    void zipRecordsUnixModes() throws Exception {
        assumeTrue(isPosix());

        PackedPackage zip = builder.pack(request(PackageFormat.ZIP).build()).get(0);

        try (ZipFile zipFile = ZipFile.builder().setPath(zip.file()).get()) {
            assertThat(zipFile.getEntry("deploy.sh").getUnixMode() & 07777).isEqualTo(0755);
            assertThat(zipFile.getEntry("config/app.properties").getUnixMode() & 07777)
                    .isEqualTo(0644);
        }
    }

    @Test
    void explicitFileModeWinsOverTheFilesOwn() throws Exception {
        assumeTrue(isPosix());
        Path scripts = project.resolve("scripts");
        write(scripts.resolve("start.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(scripts.resolve("start.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .formats(Arrays.asList(PackageFormat.TAR_GZ, PackageFormat.ZIP))
                .addFileSet(FileSet.of(scripts).withFileMode(0750))
                .build();

        List<PackedPackage> packed = builder.pack(request);

        assertThat(tarEntries(packed.get(0).file()).get("start.sh").getMode() & 07777)
                .isEqualTo(0750);
        try (ZipFile zipFile = ZipFile.builder().setPath(packed.get(1).file()).get()) {
            assertThat(zipFile.getEntry("start.sh").getUnixMode() & 07777).isEqualTo(0750);
        }
    }

    @Test
    void reproducibleArchivesAreByteIdenticalEvenAfterFilesAreTouched() throws Exception {
        PackRequest first = request(PackageFormat.ZIP, PackageFormat.TAR_GZ)
                .reproducibleTimestamp(OUTPUT_TIMESTAMP)
                .build();
        List<PackedPackage> before = builder.pack(first);
        byte[] zipBefore = Files.readAllBytes(before.get(0).file());
        byte[] tarBefore = Files.readAllBytes(before.get(1).file());

        try (Stream<Path> files = Files.walk(project)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2031-02-03T04:05:06Z")));
            }
        }
        Path otherOutput = temp.resolve("other-output");
        PackRequest second = PackRequest.builder(id("my-app"), version("1.0.0"), otherOutput)
                .formats(Arrays.asList(PackageFormat.ZIP, PackageFormat.TAR_GZ))
                .artifact(artifact)
                .addFileSet(FileSet.of(octopusDir))
                .reproducibleTimestamp(OUTPUT_TIMESTAMP)
                .build();
        List<PackedPackage> after = builder.pack(second);

        assertThat(Files.readAllBytes(after.get(0).file())).isEqualTo(zipBefore);
        assertThat(Files.readAllBytes(after.get(1).file())).isEqualTo(tarBefore);
        assertThat(after.get(0).sha1()).isEqualTo(before.get(0).sha1());
        assertThat(after.get(1).sha1()).isEqualTo(before.get(1).sha1());
    }

    @Test
    void reproducibleArchivesNormaliseModesWhateverTheUmask() throws Exception {
        assumeTrue(isPosix());
        // what umask 077 leaves on disk; umask 022 gives 644/755 for the same commit
        Path strict = project.resolve("strict");
        write(strict.resolve("bin/start.sh"), "#!/bin/sh\n");
        write(strict.resolve("conf/app.conf"), "a=1\n");
        write(strict.resolve("owner-only-x.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(strict.resolve("bin/start.sh"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(strict.resolve("conf/app.conf"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(strict.resolve("owner-only-x.sh"), PosixFilePermissions.fromString("rw-r-x---"));
        for (String dir : List.of("bin", "conf")) {
            Files.setPosixFilePermissions(strict.resolve(dir), PosixFilePermissions.fromString("rwx------"));
        }
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .formats(Arrays.asList(PackageFormat.ZIP, PackageFormat.TAR_GZ))
                .addFileSet(FileSet.of(strict))
                .reproducibleTimestamp(OUTPUT_TIMESTAMP)
                .build();

        List<PackedPackage> packed = builder.pack(request);

        Map<String, Integer> expected = Map.of(
                "bin/", 0755, "conf/", 0755, "bin/start.sh", 0755, "conf/app.conf", 0644, "owner-only-x.sh", 0755);
        try (ZipFile zipFile = ZipFile.builder().setPath(packed.get(0).file()).get()) {
            Map<String, Integer> modes = new LinkedHashMap<>();
            for (ZipArchiveEntry entry : Collections.list(zipFile.getEntries())) {
                modes.put(entry.getName(), entry.getUnixMode() & 07777);
            }
            assertThat(modes).as("zip").containsExactlyInAnyOrderEntriesOf(expected);
        }
        Map<String, Integer> tarModes = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(Files.newInputStream(packed.get(1).file())))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                tarModes.put(entry.getName(), entry.getMode() & 07777);
            }
        }
        // the tar has no directory entries: extraction creates them with the extracting user's umask
        Map<String, Integer> expectedFiles = new LinkedHashMap<>(expected);
        expectedFiles.keySet().removeIf(name -> name.endsWith("/"));
        assertThat(tarModes).as("tar.gz").containsExactlyInAnyOrderEntriesOf(expectedFiles);
    }

    @Test
    void reproducibleArchivesKeepTheFileModeAFileSetSets() throws Exception {
        assumeTrue(isPosix());
        Path scripts = project.resolve("scripts");
        write(scripts.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(scripts.resolve("run.sh"), PosixFilePermissions.fromString("rw-------"));
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .formats(List.of(PackageFormat.TAR_GZ))
                .addFileSet(FileSet.of(scripts).withFileMode(0750))
                .reproducibleTimestamp(OUTPUT_TIMESTAMP)
                .build();

        PackedPackage tarGz = builder.pack(request).get(0);

        assertThat(tarEntries(tarGz.file()).get("run.sh").getMode() & 07777).isEqualTo(0750);
    }

    @Test
    void reproducibleArchivesCarryTheOutputTimestamp() throws Exception {
        List<PackedPackage> packed = builder.pack(request(PackageFormat.ZIP, PackageFormat.TAR_GZ)
                .reproducibleTimestamp(OUTPUT_TIMESTAMP)
                .build());

        try (ZipFile zipFile = ZipFile.builder().setPath(packed.get(0).file()).get()) {
            for (ZipArchiveEntry entry : Collections.list(zipFile.getEntries())) {
                assertThat(entry.getLastModifiedTime().toInstant())
                        .as(entry.getName())
                        .isEqualTo(OUTPUT_TIMESTAMP);
            }
        }
        for (TarArchiveEntry entry : tarEntries(packed.get(1).file()).values()) {
            assertThat(entry.getModTime().toInstant()).as(entry.getName()).isEqualTo(OUTPUT_TIMESTAMP);
            assertThat(entry.getLongUserId()).isZero();
            assertThat(entry.getLongGroupId()).isZero();
        }
    }

    @Test
    void appliesIncludesExcludesAndPrefix() throws Exception {
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .addFileSet(FileSet.of(octopusDir)
                        .withIncludes(Arrays.asList("**/*.sh", "config/**"))
                        .withExcludes(Collections.singletonList("**/*.properties")))
                .addFileSet(FileSet.of(octopusDir.resolve("config")).withPrefix("etc/app"))
                .build();

        PackedPackage zip = builder.pack(request).get(0);

        assertThat(zipFiles(zip.file()).keySet()).containsExactlyInAnyOrder("deploy.sh", "etc/app/app.properties");
        assertThat(zip.entryCount()).isEqualTo(2);
    }

    @Test
    void replacesAStaleArchiveAndLeavesNoTemporaryFile() throws Exception {
        Path stale = output.resolve("my-app.1.0.0.zip");
        write(stale, "stale");

        PackedPackage zip = builder.pack(request(PackageFormat.ZIP).build()).get(0);

        assertThat(zip.file()).isEqualTo(stale);
        assertThat(zipFiles(stale)).containsKey("deploy.sh");
        assertThat(zip.sha1()).isEqualTo(sha1(stale));
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void failureWhileWritingLeavesTheOldArchiveUntouchedAndNoTemporaryFile() throws Exception {
        Path old = output.resolve("my-app.1.0.0.zip");
        write(old, "previous package");
        // Reading /proc/self/mem at offset 0 fails with an I/O error, even for root, who can read a chmod 000 file.
        Path broken = project.resolve("broken");
        Files.createDirectories(broken);
        Files.createSymbolicLink(broken.resolve("unreadable.bin"), Paths.get("/proc/self/mem"));
        PackRequest request =
                request(PackageFormat.ZIP).addFileSet(FileSet.of(broken)).build();

        assertThatThrownBy(() -> builder.pack(request))
                .isInstanceOf(PackagingException.class)
                .hasMessageStartingWith("Could not write my-app.1.0.0.zip: ")
                .hasMessageContaining("Input/output error")
                .hasMessageEndingWith(". Any previous my-app.1.0.0.zip is unchanged.");
        assertThat(old).hasContent("previous package");
        assertThat(temporaryFiles()).isEmpty();
        Files.delete(broken.resolve("unreadable.bin"));
    }

    @Test
    void failureToMoveIntoPlaceLeavesNoTemporaryFile() throws Exception {
        // A non-empty directory where the package should go: the archive is complete, only the rename fails.
        Path blocked = output.resolve("my-app.1.0.0.tar.gz");
        write(blocked.resolve("keep.txt"), "keep");

        assertThatThrownBy(() -> builder.pack(request(PackageFormat.TAR_GZ).build()))
                .isInstanceOf(PackagingException.class)
                .hasMessageStartingWith("Could not write my-app.1.0.0.tar.gz: " + blocked + ": ")
                .hasMessageEndingWith(". Any previous my-app.1.0.0.tar.gz is unchanged.")
                .message()
                .doesNotContain(".tmp-");
        assertThat(blocked.resolve("keep.txt")).hasContent("keep");
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void symbolicLinksArePackedAsTheFilesTheyPointTo() throws Exception {
        Path linked = project.resolve("linked");
        write(linked.resolve("real.txt"), "real content");
        Files.createSymbolicLink(linked.resolve("link.txt"), Paths.get("real.txt"));
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .formats(Arrays.asList(PackageFormat.ZIP, PackageFormat.TAR_GZ))
                .addFileSet(FileSet.of(linked))
                .build();

        List<PackedPackage> packed = builder.pack(request);

        assertThat(new String(zipFiles(packed.get(0).file()).get("link.txt"), UTF_8))
                .isEqualTo("real content");
        TarArchiveEntry tarLink = tarEntries(packed.get(1).file()).get("link.txt");
        assertThat(tarLink.isFile()).isTrue();
        assertThat(tarLink.isSymbolicLink()).isFalse();
        assertThat(tarLink.getSize()).isEqualTo("real content".length());
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void directoryLinkBackUpTheTreeIsRefusedBeforeAnythingIsWritten() throws Exception {
        assumeTrue(isPosix());
        Path looped = project.resolve("looped");
        write(looped.resolve("deploy.sh"), "#!/bin/sh\n");
        Files.createSymbolicLink(looped.resolve("again"), Paths.get("."));
        Files.createSymbolicLink(looped.resolve("and-again"), Paths.get("."));
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .formats(Arrays.asList(PackageFormat.ZIP, PackageFormat.TAR_GZ))
                .addFileSet(FileSet.of(looped))
                .build();

        // the walk meets either link first: either is named
        assertThatThrownBy(() -> builder.pack(request))
                .isInstanceOf(PackagingException.class)
                .extracting(Throwable::getMessage)
                .isIn(
                        loopMessage(looped.resolve("again"), looped.toRealPath()),
                        loopMessage(looped.resolve("and-again"), looped.toRealPath()));
        assertThat(output.resolve("my-app.1.0.0.zip")).doesNotExist();
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void linkLoopThroughASiblingDirectoryIsRefused() throws Exception {
        assumeTrue(isPosix());
        Path tree = project.resolve("tree");
        write(tree.resolve("a/file.txt"), "a");
        write(tree.resolve("b/file.txt"), "b");
        Files.createSymbolicLink(tree.resolve("a/to-b"), Paths.get("../b"));
        Files.createSymbolicLink(tree.resolve("b/to-a"), Paths.get("../a"));

        assertThatThrownBy(() -> builder.pack(PackRequest.builder(id("my-app"), version("1.0.0"), output)
                        .addFileSet(FileSet.of(tree))
                        .build()))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("leads back to")
                .hasMessageContaining("a directory that contains it");
        assertThat(output.resolve("my-app.1.0.0.zip")).doesNotExist();
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void linkLoopInAnExcludedDirectoryIsNeverEntered() throws Exception {
        assumeTrue(isPosix());
        Path tree = project.resolve("tree");
        write(tree.resolve("deploy.sh"), "#!/bin/sh\n");
        Files.createDirectories(tree.resolve("node_modules"));
        Files.createSymbolicLink(tree.resolve("node_modules/self"), Paths.get("."));

        PackedPackage zip = builder.pack(PackRequest.builder(id("my-app"), version("1.0.0"), output)
                        .addFileSet(FileSet.of(tree).withExcludes(List.of("node_modules/**")))
                        .build())
                .get(0);

        assertThat(zipFiles(zip.file()).keySet()).containsExactly("deploy.sh");
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void danglingLinksAndFileLinkLoopsAreSkippedWithAWarningEach() throws Exception {
        assumeTrue(isPosix());
        Path tree = project.resolve("tree");
        write(tree.resolve("deploy.sh"), "#!/bin/sh\n");
        Files.createSymbolicLink(tree.resolve("dangling.txt"), Paths.get("missing.txt"));
        Files.createSymbolicLink(tree.resolve("ping"), Paths.get("pong"));
        Files.createSymbolicLink(tree.resolve("pong"), Paths.get("ping"));
        List<String> warnings = new java.util.ArrayList<>();

        PackedPackage zip = new PackageBuilder(warnings::add)
                .pack(PackRequest.builder(id("my-app"), version("1.0.0"), output)
                        .addFileSet(FileSet.of(tree))
                        .build())
                .get(0);

        assertThat(zipFiles(zip.file()).keySet()).containsExactly("deploy.sh");
        assertThat(warnings)
                .containsExactlyInAnyOrder(
                        "Skipped the symbolic link " + tree.resolve("dangling.txt")
                                + ": its target missing.txt does not exist.",
                        "Skipped the symbolic link " + tree.resolve("ping")
                                + " (-> pong): it is part of a loop of links that never reaches a file.",
                        "Skipped the symbolic link " + tree.resolve("pong")
                                + " (-> ping): it is part of a loop of links that never reaches a file.");
    }

    @Test
    void unreadableDirectoryFailsWithItsPath() throws Exception {
        assumeTrue(isPosix());
        Path tree = project.resolve("tree");
        write(tree.resolve("deploy.sh"), "#!/bin/sh\n");
        Path secret = tree.resolve("secret");
        write(secret.resolve("key.txt"), "k");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        try {
            // root reads a 000 directory anyway; there the refusal itself is checked by the next test
            assumeFalse(Files.isReadable(secret), "running as root");

            assertThatThrownBy(() -> builder.pack(PackRequest.builder(id("my-app"), version("1.0.0"), output)
                            .addFileSet(FileSet.of(tree))
                            .build()))
                    .isInstanceOf(PackagingException.class)
                    .hasMessage("Cannot read the directory " + secret
                            + ": permission denied. Make it readable or exclude it from the file set.");
            assertThat(output.resolve("my-app.1.0.0.zip")).doesNotExist();
        } finally {
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void directoryThatCannotBeOpenedIsRefusedUnlessExcluded() throws Exception {
        Path tree = project.resolve("tree");
        Path secret = tree.resolve("secret");
        FileSetScanner.Visitor included =
                new FileSetScanner(w -> {}).new Visitor(tree, new FileSetScanner.Patterns(FileSet.of(tree)));
        FileSetScanner.Visitor excluded = new FileSetScanner(w -> {})
        .new Visitor(tree, new FileSetScanner.Patterns(FileSet.of(tree).withExcludes(List.of("secret/"))));

        assertThat(included.visitFileFailed(secret, new AccessDeniedException(secret.toString())))
                .isEqualTo(FileVisitResult.TERMINATE);
        assertThat(included.refusal)
                .hasMessage("Cannot read the directory " + secret
                        + ": permission denied. Make it readable or exclude it from the file set.");
        assertThat(excluded.visitFileFailed(secret, new AccessDeniedException(secret.toString())))
                .isEqualTo(FileVisitResult.CONTINUE);
        assertThat(excluded.refusal).isNull();
    }

    @Test
    void outputDirectoryThatIsAFileIsAnError() throws Exception {
        Path notADirectory = project.resolve("out");
        write(notADirectory, "not a directory");
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), notADirectory)
                .artifact(artifact)
                .build();

        assertThatThrownBy(() -> builder.pack(request))
                .isInstanceOf(PackagingException.class)
                .hasMessage("The output directory " + notADirectory
                        + " is a file, not a directory. Remove the file or choose another output directory.");
    }

    @Test
    void duplicateEntryIsAnErrorAndWritesNothing() throws Exception {
        Path old = output.resolve("my-app.1.0.0.zip");
        write(old, "previous package");
        Path other = project.resolve("other");
        write(other.resolve("deploy.sh"), "another deploy script\n");
        PackRequest request =
                request(PackageFormat.ZIP).addFileSet(FileSet.of(other)).build();

        assertThatThrownBy(() -> builder.pack(request))
                .isInstanceOf(PackagingException.class)
                .hasMessage("Two files would be packed as 'deploy.sh': " + octopusDir.resolve("deploy.sh") + " and "
                        + other.resolve("deploy.sh")
                        + ". Exclude one of them or give one file set a different prefix.");
        assertThat(old).hasContent("previous package");
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void fileSetThatWouldOverwriteTheArtifactIsAnError() throws Exception {
        Path other = project.resolve("other");
        write(other.resolve("my-app-1.0.0.jar"), "not the artifact");
        PackRequest request =
                request(PackageFormat.ZIP).addFileSet(FileSet.of(other)).build();

        assertThatThrownBy(() -> builder.pack(request))
                .hasMessageStartingWith("Two files would be packed as 'my-app-1.0.0.jar': " + artifact);
    }

    @Test
    void nothingToPackageNamesTheDirectoriesLookedAt() throws Exception {
        Path empty = project.resolve("empty");
        Files.createDirectories(empty);
        Path missing = project.resolve("src/main/missing");
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .addFileSet(FileSet.of(missing).withOptional(true))
                .addFileSet(FileSet.of(empty))
                .build();

        assertThatThrownBy(() -> builder.pack(request))
                .isInstanceOf(PackagingException.class)
                .hasMessage("Nothing to package for my-app: no main artifact and no files matched in " + missing
                        + " (missing), " + empty + ". Add files there or configure file sets.");
        assertThat(output.resolve("my-app.1.0.0.zip")).doesNotExist();
    }

    @Test
    void optionalMissingDirectoryIsSkippedWhenThereIsAnArtifact() throws Exception {
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .artifact(artifact)
                .addFileSet(FileSet.of(project.resolve("src/main/missing")).withOptional(true))
                .build();

        PackedPackage zip = builder.pack(request).get(0);

        assertThat(zipFiles(zip.file()).keySet()).containsExactly("my-app-1.0.0.jar");
    }

    @Test
    void requiredMissingDirectoryIsAnError() throws Exception {
        Path missing = project.resolve("src/main/missing");
        PackRequest request =
                request(PackageFormat.ZIP).addFileSet(FileSet.of(missing)).build();

        assertThatThrownBy(() -> builder.pack(request))
                .hasMessage("The file set directory " + missing
                        + " does not exist. Create it or correct the file set's <directory>.");
    }

    @Test
    void doesNotPackItsOwnOutput() throws Exception {
        write(output.resolve("my-app.1.0.0.zip"), "previous package");
        write(output.resolve(".my-app.1.0.0.zip.tmp-crashed"), "left over by a killed build");
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .addFileSet(FileSet.of(output).withIncludes(Collections.singletonList("*")))
                .build();

        PackedPackage zip = builder.pack(request).get(0);

        assertThat(zipFiles(zip.file()).keySet()).containsExactly("my-app-1.0.0.jar");
    }

    @Test
    void removesTemporaryFilesThatAKilledPackOfThisPackageLeftBehind() throws Exception {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        PackageBuilder clocked = new PackageBuilder(warning -> {}, 2, Clock.fixed(now, ZoneOffset.UTC));
        Path sameVersion = write(output.resolve(".my-app.1.0.0.zip.tmp-crashed"), "left over by a killed build");
        Path oldSnapshot =
                write(output.resolve(".my-app.0.9.0-SNAPSHOT.20261124T101010.tar.gz.tmp-3kx9a"), "older snapshot");
        Path otherId = write(output.resolve(".other-app.1.0.0.zip.tmp-inprogress"), "another module's pack");
        // -T: another module packs my-app 2.0.0 into the same folder right now
        Path otherVersionInProgress = write(output.resolve(".my-app.2.0.0.zip.tmp-live"), "in progress");
        Files.setLastModifiedTime(sameVersion, FileTime.from(now)); // this very version: never in progress twice
        Files.setLastModifiedTime(
                oldSnapshot,
                FileTime.from(now.minus(PackageBuilder.STALE_TEMP_FILE).minusSeconds(1)));
        Files.setLastModifiedTime(otherId, FileTime.from(now.minus(Duration.ofDays(3))));
        Files.setLastModifiedTime(otherVersionInProgress, FileTime.from(now.minusSeconds(2)));

        clocked.pack(request(PackageFormat.ZIP).build());

        assertThat(temporaryFiles()).containsExactlyInAnyOrder(otherId, otherVersionInProgress);
    }

    @Test
    void aVersionThatStartsLikeAnotherIsNotTakenForIt() throws Exception {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        PackageBuilder clocked = new PackageBuilder(warning -> {}, 2, Clock.fixed(now, ZoneOffset.UTC));
        // another module packs my-app 1.0.0 right now; this one packs my-app 1.0
        Path inProgress = write(output.resolve(".my-app.1.0.0.zip.tmp-live"), "in progress");
        Files.setLastModifiedTime(inProgress, FileTime.from(now.minusSeconds(2)));

        clocked.pack(PackRequest.builder(id("my-app"), version("1.0"), output)
                .formats(Arrays.asList(PackageFormat.ZIP))
                .artifact(artifact)
                .build());

        assertThat(temporaryFiles()).containsExactly(inProgress);
    }

    @Test
    void artifactFormatCopiesTheArtifactUnderTheOctopusName() throws Exception {
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0-SNAPSHOT.20261125T093015"), output)
                .addFormat(PackageFormat.ARTIFACT)
                .artifact(artifact)
                .build();

        PackedPackage copy = builder.pack(request).get(0);

        assertThat(copy.file()).isEqualTo(output.resolve("my-app.1.0.0-SNAPSHOT.20261125T093015.jar"));
        assertThat(copy.format()).isEqualTo(PackageFormat.ARTIFACT);
        assertThat(Files.readAllBytes(copy.file())).isEqualTo(Files.readAllBytes(artifact));
        assertThat(copy.sha1()).isEqualTo(sha1(artifact));
        assertThat(copy.sizeBytes()).isEqualTo(Files.size(artifact));
        assertThat(copy.entryCount()).isEqualTo(1);
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void artifactCanBeLeftOutOfArchivesAndStillCopiedAsItself() throws Exception {
        List<PackedPackage> packed = builder.pack(request(PackageFormat.ZIP, PackageFormat.ARTIFACT)
                .artifactInArchives(false)
                .build());

        assertThat(zipFiles(packed.get(0).file()))
                .doesNotContainKey("my-app-1.0.0.jar")
                .containsKey("deploy.sh");
        assertThat(Files.readAllBytes(packed.get(1).file())).isEqualTo(Files.readAllBytes(artifact));
    }

    @Test
    void nothingToPackageSaysTheArtifactIsLeftOutRatherThanMissing() throws Exception {
        Path empty = project.resolve("empty");
        Files.createDirectories(empty);
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .artifact(artifact)
                .artifactInArchives(false)
                .addFileSet(FileSet.of(empty))
                .build();

        assertThatThrownBy(() -> builder.pack(request))
                .isInstanceOf(PackagingException.class)
                .hasMessage("Nothing to package for my-app: the main artifact is set to stay out of archives and no"
                        + " files matched in " + empty + ". Add files there or configure file sets.");
    }

    @Test
    void artifactFormatNeedsAnArtifact() throws Exception {
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .addFormat(PackageFormat.ARTIFACT)
                .build();

        assertThatThrownBy(() -> builder.pack(request))
                .hasMessage("The artifact format needs the project's main artifact, but my-app has none (pom"
                        + " packaging, or the package phase did not run). Use the zip or tar.gz format.");
    }

    @Test
    void artifactFormatNeedsAnExtensionOctopusCanExtract() throws Exception {
        Path pom = project.resolve("target/my-app-1.0.0.pom");
        write(pom, "<project/>");
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .addFormat(PackageFormat.ARTIFACT)
                .artifact(pom)
                .build();

        assertThatThrownBy(() -> builder.pack(request))
                .hasMessage("The artifact format needs a .jar, .war, .ear, .rar or .zip main artifact, but it is"
                        + " my-app-1.0.0.pom. Use the zip or tar.gz format.");
    }

    @Test
    void artifactThatIsNotAZipIsRefusedAndNotLeftBehind() throws Exception {
        Path fake = project.resolve("target/fake.war");
        write(fake, "not a zip");
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .addFormat(PackageFormat.ARTIFACT)
                .artifact(fake)
                .build();

        assertThatThrownBy(() -> builder.pack(request))
                .hasMessageStartingWith("The main artifact " + fake + " is not a valid zip archive");
        assertThat(output.resolve("my-app.1.0.0.war")).doesNotExist();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void zipArtifactAndZipFormatWouldCollide() throws Exception {
        Path zipArtifact = project.resolve("target/bundle.zip");
        writeJar(zipArtifact, "a.txt", "a");
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .formats(Arrays.asList(PackageFormat.ZIP, PackageFormat.ARTIFACT))
                .artifact(zipArtifact)
                .build();

        assertThatThrownBy(() -> builder.pack(request))
                .hasMessage("The formats zip and artifact would both write my-app.1.0.0.zip. Keep only one of them.");
    }

    @Test
    void writesEveryFormatInRequestOrder() throws Exception {
        List<PackedPackage> packed = builder.pack(
                request(PackageFormat.TAR_GZ, PackageFormat.ARTIFACT, PackageFormat.ZIP, PackageFormat.TAR_GZ)
                        .build());

        assertThat(packed)
                .extracting(PackedPackage::fileName)
                .containsExactly("my-app.1.0.0.tar.gz", "my-app.1.0.0.jar", "my-app.1.0.0.zip");
        for (PackedPackage p : packed) {
            assertThat(p.sha1()).isEqualTo(sha1(p.file()));
            assertThat(p.sizeBytes()).isEqualTo(Files.size(p.file()));
        }
    }

    @Test
    void missingArtifactFileIsAnError() throws Exception {
        Path gone = project.resolve("target/gone.jar");
        PackRequest request = PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .artifact(gone)
                .build();

        assertThatThrownBy(() -> builder.pack(request))
                .hasMessage("The main artifact " + gone
                        + " does not exist. Run the package phase first (e.g. the packaging build, then pack).");
    }

    private static String loopMessage(Path link, Path target) {
        return "The symbolic link " + link + " leads back to " + target
                + ", a directory that contains it, so it would be packed inside itself without end."
                + " Remove the link or exclude it from the file set.";
    }

    private PackRequest.Builder request(PackageFormat... formats) throws PackagingException {
        return PackRequest.builder(id("my-app"), version("1.0.0"), output)
                .formats(Arrays.asList(formats))
                .artifact(artifact)
                .addFileSet(FileSet.of(octopusDir).withOptional(true));
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(output)) {
            return files.filter(f -> f.getFileName().toString().contains(".tmp-"))
                    .collect(Collectors.toList());
        }
    }

    private static PackageId id(String id) throws PackagingException {
        return PackageId.of(id);
    }

    private static OctopusVersion version(String version) throws PackagingException {
        return OctopusVersion.parse(version);
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static Path write(Path file, String content) throws IOException {
        return write(file, content.getBytes(UTF_8));
    }

    private static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void writeJar(Path file, String entry, String content) throws IOException {
        Files.createDirectories(file.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes(UTF_8));
            zip.closeEntry();
        }
    }

    private static Map<String, byte[]> zipFiles(Path zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipFile zipFile = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : Collections.list(zipFile.getEntries())) {
                if (!entry.isDirectory()) {
                    try (InputStream in = zipFile.getInputStream(entry)) {
                        files.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return files;
    }

    private static Map<String, TarArchiveEntry> tarEntries(Path tarGz) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tarGz)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), entry);
                }
            }
        }
        return entries;
    }
}

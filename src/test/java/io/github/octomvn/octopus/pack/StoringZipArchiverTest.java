package io.github.octomvn.octopus.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Plexus adds besides plain files (directories, symbolic links) goes through our writer, in Plexus' order. */
class StoringZipArchiverTest {
    @TempDir
    Path temp;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void directoriesEmptyFilesAndLinksAreWrittenInTheOrderPlexusAddsThem() throws Exception {
        Path file = Files.writeString(temp.resolve("readme.txt"), "hello ".repeat(100));
        Path empty = Files.createFile(temp.resolve("empty.txt"));
        Path zip = temp.resolve("out.zip");
        StoringZipArchiver archiver = new StoringZipArchiver(Map.of(), pool, 4, 8, () -> Files.newOutputStream(zip));
        archiver.setDestFile(temp.resolve("plexus.zip").toFile());
        archiver.configureReproducibleBuild(FileTime.from(Instant.parse("2026-11-25T00:00:00Z")));
        archiver.addFile(file.toFile(), "app/docs/readme.txt", 0644);
        archiver.addFile(empty.toFile(), "app/empty.txt", 0600);
        archiver.addSymlink("app/current", "docs/readme.txt");
        archiver.createArchive();

        List<String> names = new ArrayList<>();
        try (ZipFile read = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : Collections.list(read.getEntriesInPhysicalOrder())) {
                names.add(entry.getName());
            }
            // parent directories first, as Plexus adds them, with its default directory mode
            assertThat(names)
                    .containsExactly("app/", "app/docs/", "app/docs/readme.txt", "app/empty.txt", "app/current");
            assertThat(read.getEntry("app/docs/").isDirectory()).isTrue();
            assertThat(read.getEntry("app/docs/").getUnixMode() & UnixStat.DIR_FLAG)
                    .isEqualTo(UnixStat.DIR_FLAG);
            assertThat(read.getEntry("app/empty.txt").getSize()).isZero();
            assertThat(read.getEntry("app/empty.txt").getUnixMode()).isEqualTo(UnixStat.FILE_FLAG | 0600);
            assertThat(read.getEntry("app/docs/readme.txt").getMethod()).isEqualTo(ZipArchiveEntry.DEFLATED);
            ZipArchiveEntry link = read.getEntry("app/current");
            assertThat(link.isUnixSymlink()).isTrue();
            assertThat(read.getUnixSymlink(link)).isEqualTo("docs/readme.txt");
            assertThat(new String(
                            read.getInputStream(read.getEntry("app/docs/readme.txt"))
                                    .readAllBytes(),
                            StandardCharsets.UTF_8))
                    .isEqualTo("hello ".repeat(100));
        }
    }

    @Test
    void entryNamesAreUtf8Only() {
        StoringZipArchiver archiver = new StoringZipArchiver(Map.of(), pool, 2, 8, OutputStream::nullOutputStream);
        archiver.setEncoding("utf8");

        assertThatThrownBy(() -> archiver.setEncoding("Cp437"))
                .hasMessage("Zip entry names are written in UTF-8 only, not Cp437.");
    }
}

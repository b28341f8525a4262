package io.github.octomvn.octopus.pack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackManifestTest {
    @TempDir
    Path target;

    private PackedPackage zip;

    @BeforeEach
    void pack() throws Exception {
        Path scripts = Files.createDirectories(target.resolve("scripts"));
        Files.write(scripts.resolve("deploy.sh"), "#!/bin/sh\n".getBytes(UTF_8));
        zip = new PackageBuilder()
                .pack(PackRequest.builder(
                                PackageId.of("my-app"), OctopusVersion.parse("1.0.0"), target.resolve("octopus"))
                        .addFileSet(FileSet.of(scripts))
                        .build())
                .get(0);
    }

    @Test
    void readsBackThePackagesItWasWrittenWith() throws Exception {
        PackManifest.write(target, List.of(zip));

        assertThat(PackManifest.read(target)).contains(List.of(zip.file()));
    }

    @Test
    void vouchesForAFileOnlyWithARealSha1() throws Exception {
        PackManifest.write(target, List.of(zip));
        assertThat(PackManifest.entries(target)).singleElement().satisfies(entry -> {
            assertThat(entry.vouchesFor(zip.file())).isTrue();
            assertThat(entry.sha1()).isEqualTo(zip.sha1());
        });

        PackedPackage damaged = new PackedPackage(zip.file(), zip.format(), zip.sizeBytes(), 1, "not-a-sha1");
        PackManifest.write(target, List.of(damaged));

        assertThat(PackManifest.entries(target)).isEmpty();
    }

    @Test
    void noManifestMeansNoPackages() throws Exception {
        assertThat(PackManifest.read(target)).isEmpty();
    }

    @Test
    void refusesAPackageThatChangedSinceThePackWroteIt() throws Exception {
        PackManifest.write(target, List.of(zip));
        Files.write(zip.file(), "an older build's package".getBytes(UTF_8));

        assertThatThrownBy(() -> PackManifest.read(target))
                .isInstanceOf(PackagingException.class)
                .hasMessage("The package " + zip.file() + " has changed since the last pack wrote it (24 bytes, not "
                        + zip.sizeBytes() + "), so it may not be this build's. Run the packaging build again.");
    }

    @Test
    void refusesAPackageOfTheSameSizeWithOtherBytes() throws Exception {
        PackManifest.write(target, List.of(zip));
        byte[] bytes = Files.readAllBytes(zip.file());
        bytes[bytes.length / 2] ^= 1;
        Files.write(zip.file(), bytes);

        assertThatThrownBy(() -> PackManifest.read(target))
                .hasMessage("The package " + zip.file() + " has changed since the last pack wrote it (another SHA-1),"
                        + " so it may not be this build's. Run the packaging build again.");
    }

    @Test
    void trustsAFileOfTheRecordedSizeAndModificationTimeWithoutReadingIt() throws Exception {
        PackManifest.write(target, List.of(zip));
        FileTime written = Files.getLastModifiedTime(zip.file());
        byte[] bytes = Files.readAllBytes(zip.file());
        bytes[bytes.length / 2] ^= 1;
        Files.write(zip.file(), bytes);
        // what a push by hand cannot tell from the file it packed, short of reading it
        Files.setLastModifiedTime(zip.file(), written);

        assertThat(PackManifest.read(target)).contains(List.of(zip.file()));
    }

    @Test
    void readsAFileWithAnotherModificationTimeAndAcceptsItsSameBytes() throws Exception {
        PackManifest.write(target, List.of(zip));
        Files.setLastModifiedTime(zip.file(), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

        assertThat(PackManifest.read(target)).contains(List.of(zip.file()));
    }

    @Test
    void aManifestWithoutModificationTimesChecksTheSha1() throws Exception {
        PackManifest.write(target, List.of(zip));
        Path manifest = target.resolve(PackManifest.FILE_NAME);
        Files.write(
                manifest,
                new String(Files.readAllBytes(manifest), UTF_8)
                        .replaceAll("\\s*\"lastModified\"[^,}]*", "")
                        .replaceAll(",(\\s*})", "$1")
                        .getBytes(UTF_8));
        assertThat(new String(Files.readAllBytes(manifest), UTF_8)).doesNotContain("lastModified");
        assertThat(PackManifest.read(target)).contains(List.of(zip.file()));
        FileTime written = Files.getLastModifiedTime(zip.file());
        byte[] bytes = Files.readAllBytes(zip.file());
        bytes[bytes.length / 2] ^= 1;
        Files.write(zip.file(), bytes);
        Files.setLastModifiedTime(zip.file(), written);

        assertThatThrownBy(() -> PackManifest.read(target)).hasMessageContaining("(another SHA-1)");
    }

    @Test
    void aValueThatIsAnObjectOrArrayIsPassedOverWholeNotReadAsTheEntrysFields() throws Exception {
        String relative = target.relativize(zip.file()).toString().replace('\\', '/');
        Files.write(
                target.resolve(PackManifest.FILE_NAME),
                ("{\"tool\": {\"packages\": []}, \"packages\": ["
                                + "{\"sha1\": {\"file\": \"elsewhere.zip\", \"sizeBytes\": 1}, \"file\": \"" + relative
                                + "\", \"sizeBytes\": [1, 2], \"extra\": {\"sha1\": \"x\"}},"
                                + "{\"file\": \"" + relative + "\", \"sizeBytes\": " + zip.sizeBytes()
                                + ", \"sha1\": \"" + zip.sha1() + "\", \"lastModified\": \"x\"}]}")
                        .getBytes(UTF_8));

        assertThatThrownBy(() -> PackManifest.read(target))
                .hasMessageContaining("the entry of " + relative + " has no size or SHA-1");
        assertThat(PackManifest.entries(target))
                .singleElement()
                .satisfies(entry -> assertThat(entry.sha1()).isEqualTo(zip.sha1()));
    }

    @Test
    void refusesAPackageThatIsGone() throws Exception {
        PackManifest.write(target, List.of(zip));
        Files.delete(zip.file());

        assertThatThrownBy(() -> PackManifest.read(target))
                .hasMessage("The package " + zip.file()
                        + " that the last pack wrote is gone. Run the packaging build again.");
    }

    @Test
    void invalidateRemovesTheManifestAndTemporaryFilesOfAKilledWrite() throws Exception {
        PackManifest.write(target, List.of(zip));
        Path leftover = Files.write(target.resolve(".octopus-packages.json12345.tmp"), "{".getBytes(UTF_8));

        PackManifest.invalidate(target);

        assertThat(target.resolve(PackManifest.FILE_NAME)).doesNotExist();
        assertThat(leftover).doesNotExist();
        assertThat(PackManifest.read(target)).isEmpty();
        assertThat(zip.file()).exists();
    }

    @Test
    void invalidateWithoutABuildDirectoryDoesNothing() throws Exception {
        PackManifest.invalidate(target.resolve("not-yet"));

        assertThat(target.resolve("not-yet")).doesNotExist();
    }
}

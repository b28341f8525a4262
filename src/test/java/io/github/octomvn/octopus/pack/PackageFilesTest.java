package io.github.octomvn.octopus.pack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageFilesTest {
    @TempDir
    Path base;

    @Test
    void globSkipsHiddenFilesSuchAsThoseOfAKilledPack() throws Exception {
        Path octopus = Files.createDirectories(base.resolve("target/octopus"));
        Path zip = Files.write(octopus.resolve("my-app.1.0.0.zip"), "PK".getBytes(UTF_8));
        Files.write(octopus.resolve(".my-app.1.0.0.zip.tmp-3kx9a"), "PK half".getBytes(UTF_8));

        assertThat(PackageFiles.resolve(base, List.of("target/octopus/*"))).containsExactly(zip);
    }

    @Test
    void globStartingWithADotMatchesHiddenFiles() throws Exception {
        Path octopus = Files.createDirectories(base.resolve("out"));
        Path hidden = Files.write(octopus.resolve(".my-app.1.0.0.zip"), "PK".getBytes(UTF_8));

        assertThat(PackageFiles.resolve(base, List.of("out/.*.zip"))).containsExactly(hidden);
    }
}

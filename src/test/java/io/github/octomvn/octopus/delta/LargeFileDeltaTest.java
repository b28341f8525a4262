package io.github.octomvn.octopus.delta;

import static io.github.octomvn.octopus.testing.TestFiles.sha1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 64 MiB package, generated on disk block by block (never committed, never whole in memory), with an insertion,
 * an overwrite and a deletion: the delta crosses many 4 MiB buffer boundaries, rebuilds the file exactly and stays
 * small.
 */
class LargeFileDeltaTest {

    private static final int BLOCK = 1024 * 1024;
    private static final int BLOCKS = 64;

    @TempDir
    Path dir;

    @Test
    void buildsAndAppliesTheDeltaOfA64MiBFile() throws Exception {
        Path base = write(dir.resolve("app.1.0.0.zip"), false);
        Path newFile = write(dir.resolve("app.1.0.1.zip"), true);
        long[] lastProgress = {-1};

        Signature signature = new SignatureReader().read(new SignatureBuilder().build(base));
        DeltaFile delta = new DeltaBuilder()
                .withProgressListener((scanned, total) -> lastProgress[0] = scanned)
                .buildInDirectory(signature, newFile, dir);
        Path rebuilt = dir.resolve("rebuilt.zip");
        AppliedDelta applied = new DeltaApplier().apply(base, delta.path(), rebuilt);

        assertThat(signature.chunkCount()).isEqualTo(BLOCKS * BLOCK / 2048);
        assertThat(delta.newFileSize()).isEqualTo(Files.size(newFile));
        assertThat(lastProgress[0]).isEqualTo(Files.size(newFile));
        assertThat(applied.sha1()).isEqualTo(sha1(newFile)).isEqualTo(delta.newFileSha1());
        assertThat(Files.size(rebuilt)).isEqualTo(Files.size(newFile));
        // Three edits, each costing at most two chunks plus its own bytes.
        assertThat(delta.deltaSize()).isLessThan(3 * 2 * 2048 + 100 + 200);
    }

    /** Writes the base, or the new version: 100 bytes inserted in block 10, 50 changed in 40, 1000 cut from 60. */
    private static Path write(Path path, boolean edited) throws IOException {
        byte[] block = new byte[BLOCK];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path))) {
            for (int k = 0; k < BLOCKS; k++) {
                new Random(k).nextBytes(block);
                if (edited && k == 40) {
                    for (int i = 0; i < 50; i++) {
                        block[333_333 + i] ^= (byte) 0x5A;
                    }
                }
                if (edited && k == 60) {
                    out.write(block, 1000, BLOCK - 1000);
                    continue;
                }
                out.write(block);
                if (edited && k == 10) {
                    byte[] inserted = new byte[100];
                    new Random(-1).nextBytes(inserted);
                    out.write(inserted);
                }
            }
        }
        return path;
    }
}

package io.github.octomvn.octopus.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** For any base and new file, applying the built delta to the base rebuilds the new file byte for byte. */
class DeltaRoundTripTest {

    @TempDir
    Path dir;

    private int files;

    /** Builds signature and delta, applies it, checks the rebuilt file; returns what the builder reported. */
    private DeltaFile roundTrip(byte[] base, byte[] newFile, int chunkSize, RollingChecksumAlgorithm algorithm)
            throws Exception {
        int n = files++;
        Path basePath = Bytes.write(dir, "base" + n, base);
        Signature signature = new SignatureReader()
                .read(new SignatureBuilder()
                        .withChunkSize(chunkSize)
                        .withRollingChecksum(algorithm)
                        .build(basePath));
        DeltaFile delta = new DeltaBuilder()
                .withBufferSize(64 * 1024)
                .build(signature, Bytes.write(dir, "new" + n, newFile), dir.resolve("delta" + n));

        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        AppliedDelta applied = new DeltaApplier().apply(basePath, Files.newInputStream(delta.path()), rebuilt);

        if (!Arrays.equals(rebuilt.toByteArray(), newFile)) {
            throw new AssertionError("rebuilt file differs: base " + base.length + ", new " + newFile.length
                    + ", chunk " + chunkSize + ", " + algorithm + ", " + delta);
        }
        assertThat(applied.sha1()).isEqualTo(delta.newFileSha1());
        assertThat(delta.newFileSize()).isEqualTo(newFile.length);
        assertThat(delta.deltaSize()).isEqualTo(Files.size(delta.path()));
        Files.delete(delta.path());
        return delta;
    }

    @ParameterizedTest
    @CsvSource({
        "128, ADLER32",
        "128, ADLER32_V2",
        "700, ADLER32",
        "2048, ADLER32",
        "2048, ADLER32_V2",
        "31744, ADLER32",
        "31744, ADLER32_V2"
    })
    void rebuildsRandomlyEditedFiles(int chunkSize, RollingChecksumAlgorithm algorithm) throws Exception {
        Random random = new Random(chunkSize * 31L + algorithm.ordinal());
        for (int round = 0; round < 40; round++) {
            byte[] base = Bytes.random(random, random.nextInt(400_000));
            byte[] newFile = Edits.randomlyEdited(random, base, random.nextInt(6));
            roundTrip(base, newFile, chunkSize, algorithm);
        }
    }

    @ParameterizedTest
    @CsvSource({"128, ADLER32", "2048, ADLER32", "2048, ADLER32_V2", "31744, ADLER32"})
    void sendsLittleWhenLittleChanged(int chunkSize, RollingChecksumAlgorithm algorithm) throws Exception {
        Random random = new Random(chunkSize);
        byte[] base = Bytes.random(random, 1_000_000);
        byte[] newFile = base;
        for (int i = 0; i < 3; i++) {
            newFile = random.nextBoolean() ? Edits.insert(random, newFile) : Edits.overwrite(random, newFile);
        }

        DeltaFile delta = roundTrip(base, newFile, chunkSize, algorithm);

        // Each edit costs at most the chunks it touches, the edit itself and a few command headers.
        assertThat(delta.deltaSize()).isLessThan(3L * (2L * chunkSize + 3_000 + 100) + 100);
    }

    @Test
    void findsAFewInsertedBytesAgainstAnAdler32V2Signature() throws Exception {
        // The spec's warning: with Octodiff's inexact V2 roll this gave ~197 kB instead of ~2 kB.
        Random random = new Random(200);
        byte[] base = Bytes.random(random, 200_000);
        byte[] newFile = Bytes.concat(
                Bytes.slice(base, 0, 100_000), Bytes.random(random, 5), Bytes.slice(base, 100_000, 200_000));

        DeltaFile delta = roundTrip(base, newFile, 2048, RollingChecksumAlgorithm.ADLER32_V2);

        assertThat(delta.deltaSize()).isLessThan(2_200);
    }

    @Test
    void sharesMovedBlocks() throws Exception {
        Random random = new Random(77);
        // Blocks of whole chunks move without a byte of DATA; unaligned ones cost the chunks they cut.
        byte[] a = Bytes.random(random, 150 * 2048);
        byte[] b = Bytes.random(random, 150 * 2048);
        byte[] c = Bytes.random(random, 150 * 2048);

        DeltaFile aligned =
                roundTrip(Bytes.concat(a, b, c), Bytes.concat(c, a, b), 2048, RollingChecksumAlgorithm.ADLER32);
        DeltaFile unaligned = roundTrip(
                Bytes.concat(a, b, c),
                Bytes.concat(Bytes.slice(c, 5, c.length), a, b),
                2048,
                RollingChecksumAlgorithm.ADLER32);

        assertThat(aligned.literalBytes()).isZero();
        assertThat(aligned.copyCommands()).isEqualTo(2);
        assertThat(unaligned.literalBytes()).isLessThan(2 * 2048);
    }

    @Test
    void identicalFilesAreOneCopy() throws Exception {
        byte[] base = Bytes.random(new Random(1), 1_234_567);

        DeltaFile delta = roundTrip(base, base, 2048, RollingChecksumAlgorithm.ADLER32);

        assertThat(delta.copyCommands()).isEqualTo(1);
        assertThat(delta.dataCommands()).isZero();
        assertThat(delta.deltaSize()).isEqualTo(42 + 17);
    }

    @Test
    void appendsAndTruncationsKeepTheSharedPrefix() throws Exception {
        Random random = new Random(6);
        byte[] base = Bytes.random(random, 500_000);

        DeltaFile appended = roundTrip(
                base, Bytes.concat(base, Bytes.random(random, 10_000)), 2048, RollingChecksumAlgorithm.ADLER32);
        DeltaFile truncated = roundTrip(base, Bytes.slice(base, 0, 300_001), 2048, RollingChecksumAlgorithm.ADLER32);

        assertThat(appended.literalBytes()).isLessThan(10_000 + 2048);
        assertThat(truncated.literalBytes()).isLessThan(2048);
    }

    @Test
    void emptyAndTinyFiles() throws Exception {
        Random random = new Random(9);
        byte[] small = Bytes.random(random, 100);
        for (RollingChecksumAlgorithm algorithm : RollingChecksumAlgorithm.values()) {
            assertThat(roundTrip(new byte[0], new byte[0], 2048, algorithm).deltaSize())
                    .isEqualTo(42);
            assertThat(roundTrip(small, new byte[0], 2048, algorithm).deltaSize())
                    .isEqualTo(42);
            roundTrip(new byte[0], small, 2048, algorithm);
            assertThat(roundTrip(small, small, 2048, algorithm).copyCommands()).isEqualTo(1);
            roundTrip(small, Bytes.random(random, 100), 128, algorithm);
            roundTrip(small, Bytes.slice(small, 1, 100), 128, algorithm);
            roundTrip(Bytes.random(random, 3000), small, 128, algorithm);
            roundTrip(new byte[] {7}, new byte[] {7}, 128, algorithm);
        }
    }

    @Test
    void allDifferentFilesCostAboutTheirFullSize() throws Exception {
        Random random = new Random(10);
        byte[] newFile = Bytes.random(random, 300_000);

        DeltaFile delta = roundTrip(Bytes.random(random, 300_000), newFile, 2048, RollingChecksumAlgorithm.ADLER32);

        assertThat(delta.copyCommands()).isZero();
        assertThat(delta.ratio())
                .as("above the 95 %% cut-off, so the push sends the file")
                .isGreaterThan(0.95);
        assertThat(delta.deltaSize()).isEqualTo(42 + 9 + 300_000);
    }

    @Test
    void usesSignaturesWhoseChunksHaveMixedLengths() throws Exception {
        // Octodiff only writes equal chunks, but the format allows any lengths within bounds; the reader accepts them,
        // so the builder must place them right.
        Random random = new Random(14);
        byte[] base = Bytes.random(random, 128 + 31744 + 300 + 2048 + 5);
        int[] lengths = {128, 31744, 300, 2048, 5};
        ByteArrayOutputStream signature = new ByteArrayOutputStream();
        signature.write(Bytes.hex("4f43544f534947 01 04 53484131 07 41646c65723332 3e3e3e"));
        int offset = 0;
        for (int length : lengths) {
            byte[] entry = new byte[26];
            Octodiff.putShortLe(entry, 0, length);
            Octodiff.putIntLe(entry, 2, RollingChecksumAlgorithm.ADLER32.calculate(base, offset, length));
            System.arraycopy(
                    java.security.MessageDigest.getInstance("SHA-1").digest(Bytes.slice(base, offset, offset + length)),
                    0,
                    entry,
                    6,
                    20);
            signature.write(entry);
            offset += length;
        }
        Path basePath = Bytes.write(dir, "mixed-base", base);
        byte[] newFile = Bytes.concat(Bytes.slice(base, 128, 128 + 31744), Bytes.random(random, 10), base);

        DeltaFile delta = new DeltaBuilder()
                .build(
                        new SignatureReader().read(signature.toByteArray()),
                        Bytes.write(dir, "mixed-new", newFile),
                        dir.resolve("mixed-delta"));
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        new DeltaApplier().apply(basePath, Files.newInputStream(delta.path()), rebuilt);

        assertThat(rebuilt.toByteArray()).isEqualTo(newFile);
        assertThat(Bytes.commands(Files.readAllBytes(delta.path())))
                .as("the largest chunk is found anywhere, the smallest at the end")
                .startsWith("COPY 128+31744")
                .endsWith("COPY 34220+5");
    }

    @Test
    void forgedSignatureWithOneChecksumForAllChunksCostsAHashPerPositionNotAScan() throws Exception {
        // 200,000 chunks claiming the checksum of 2048 zero bytes, none with their SHA-1 but the last: comparing the
        // window with each in turn would take 10^10 comparisons for these 100 kB; bisecting by SHA-1 takes 18 each.
        byte[] zeros = new byte[2048];
        int checksum = RollingChecksumAlgorithm.ADLER32.calculate(zeros, 0, zeros.length);
        Random random = new Random(15);
        int chunks = 200_000;
        byte[] signature = new byte[24 + 26 * chunks];
        System.arraycopy(Bytes.hex("4f43544f534947 01 04 53484131 07 41646c65723332 3e3e3e"), 0, signature, 0, 24);
        for (int i = 0; i < chunks; i++) {
            int at = 24 + 26 * i;
            Octodiff.putShortLe(signature, at, 2048);
            Octodiff.putIntLe(signature, at + 2, checksum);
            byte[] sha1 = i == chunks - 1
                    ? java.security.MessageDigest.getInstance("SHA-1").digest(zeros)
                    : Bytes.random(random, 20);
            System.arraycopy(sha1, 0, signature, at + 6, 20);
        }
        byte[] newFile = new byte[100_000];

        DeltaFile delta = new DeltaBuilder()
                .build(
                        new SignatureReader().read(signature),
                        Bytes.write(dir, "zeros", newFile),
                        dir.resolve("zeros.delta"));

        assertThat(Bytes.commands(Files.readAllBytes(delta.path())))
                .as("every whole window of zeros is the last chunk")
                .allMatch(c -> c.equals("COPY " + 2048L * (chunks - 1) + "+2048") || c.startsWith("DATA"));
        assertThat(delta.copiedBytes()).isEqualTo(2048L * (100_000 / 2048));
    }

    @Test
    void lowEntropyFilesWithManyEqualChunks() throws Exception {
        byte[] zeros = new byte[700_000];
        byte[] pattern = Bytes.godfData(700_000);
        Random random = new Random(12);

        DeltaFile fromZeros =
                roundTrip(zeros, Edits.randomlyEdited(random, zeros, 4), 2048, RollingChecksumAlgorithm.ADLER32);
        roundTrip(pattern, Edits.randomlyEdited(random, pattern, 4), 128, RollingChecksumAlgorithm.ADLER32_V2);
        roundTrip(zeros, pattern, 2048, RollingChecksumAlgorithm.ADLER32);

        assertThat(fromZeros.ratio()).isLessThan(0.5);
    }
}

package io.github.octomvn.octopus.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deltas are byte-compatible with go-octodiff's vectors (§5.5, §11 #35) and independent of the read buffer. */
class DeltaBuilderTest {

    private static final String DELTA_HEADER = "4f43544f44454c5441 01 04 53484131 14000000";

    @TempDir
    Path dir;

    private int files;

    private byte[] delta(byte[] base, SignatureBuilder signatureBuilder, byte[] newFile, DeltaBuilder builder)
            throws Exception {
        Signature signature = new SignatureReader().read(SignatureTest.signatureOf(base, signatureBuilder));
        return Files.readAllBytes(deltaFile(signature, newFile, builder).path());
    }

    private byte[] delta(byte[] base, SignatureBuilder signatureBuilder, byte[] newFile) throws Exception {
        return delta(base, signatureBuilder, newFile, new DeltaBuilder());
    }

    private DeltaFile deltaFile(Signature signature, byte[] newFile, DeltaBuilder builder) throws IOException {
        int n = files++;
        return builder.build(signature, Bytes.write(dir, "new" + n, newFile), dir.resolve("delta" + n));
    }

    @Test
    void noOpDeltaOfAFileAgainstItsOwnSignatureIsTheSpecVector() throws Exception {
        byte[] delta = delta(Bytes.godfBlob(), new SignatureBuilder(), Bytes.godfBlob());

        assertThat(Bytes.hex(delta))
                .isEqualTo(Bytes.hex(Bytes.hex(DELTA_HEADER + "330bd06982d3b5dbda6c1a6ad16687a0cdb03c0d 3e3e3e"
                        + "60 0000000000000000 0802000000000000")));
    }

    @Test
    void aSha1KnownBeforehandGivesTheSameDeltaAndAWrongOneIsRefusedWhenApplied() throws Exception {
        byte[] base = Bytes.random(new java.util.Random(3), 10 * 1024 * 1024);
        byte[] newFile = base.clone();
        newFile[5 * 1024 * 1024] ^= 1;
        Signature signature = new SignatureReader().read(SignatureTest.signatureOf(base, new SignatureBuilder()));
        Path newPath = Bytes.write(dir, "new.bin", newFile);
        Path basePath = Bytes.write(dir, "base.bin", base);

        DeltaFile hashed = new DeltaBuilder().build(signature, newPath, dir.resolve("hashed.delta"));
        DeltaFile known = new DeltaBuilder().build(signature, newPath, dir.resolve("known.delta"), Bytes.sha1(newFile));

        assertThat(Files.readAllBytes(known.path())).isEqualTo(Files.readAllBytes(hashed.path()));
        assertThat(known.newFileSha1()).isEqualTo(Bytes.sha1(newFile));
        String wrong = Bytes.sha1(base);
        DeltaFile lying = new DeltaBuilder().build(signature, newPath, dir.resolve("wrong.delta"), wrong);
        assertThatThrownBy(() -> new DeltaApplier().apply(basePath, lying.path(), dir.resolve("rebuilt")))
                .isInstanceOf(InvalidDeltaException.class)
                .hasMessageContaining("but the delta expects " + Bytes.sha1(base));
        assertThat(dir.resolve("rebuilt")).doesNotExist();
    }

    @Test
    void repeatedContentIsOneMergedCopyNotOneCopyPerChunk() throws Exception {
        // Every chunk of a run of zeros has one checksum and one SHA-1: Octodiff's earliest match would make each
        // window a COPY of chunk 0, 17 bytes per 2 KiB; continuing the previous COPY merges them all.
        byte[] zeros = new byte[1024 * 1024];
        byte[] changed = zeros.clone();
        changed[512 * 1024 + 5] = 1;

        assertThat(Bytes.commands(delta(zeros, new SignatureBuilder(), zeros))).containsExactly("COPY 0+1048576");
        assertThat(Bytes.commands(delta(zeros, new SignatureBuilder(), changed)))
                .containsExactly("COPY 0+524288", "DATA 6", "COPY 524288+522240", "DATA 2042");
    }

    @Test
    void prependedByteIsOneDataByteThenOneCopyAsTheSpecVector() throws Exception {
        byte[] newFile = Bytes.concat(Bytes.hex("aa"), Bytes.godfBlob());

        byte[] delta = delta(Bytes.godfBlob(), new SignatureBuilder().withChunkSize(128), newFile);

        assertThat(Bytes.hex(delta))
                .isEqualTo(Bytes.hex(Bytes.hex(DELTA_HEADER + "e5ca5051b8cf462ed567a8f88802fd9e62a0f0e8 3e3e3e"
                        + "80 0100000000000000 aa 60 0000000000000000 0802000000000000")));
    }

    @Test
    void emptySignatureGivesOneDataCommandOfTheWholeFile() throws Exception {
        byte[] delta = delta(new byte[0], new SignatureBuilder(), Bytes.godfBlob());

        assertThat(Bytes.hex(delta))
                .isEqualTo(Bytes.hex(Bytes.concat(
                        Bytes.hex(DELTA_HEADER + "330bd06982d3b5dbda6c1a6ad16687a0cdb03c0d 3e3e3e 80 0802000000000000"),
                        Bytes.godfBlob())));
    }

    @Test
    void changeInAFileSmallerThanOneChunkGivesAllData() throws Exception {
        byte[] newFile = changedGodfData(520);

        byte[] delta = delta(Bytes.godfBlob(), new SignatureBuilder(), newFile);

        assertThat(Bytes.headerHash(delta)).isEqualTo("14ba64eeabad295dd60cfabd648ff176b6489077");
        assertThat(Bytes.commands(delta)).containsExactly("DATA 520");
    }

    @Test
    void smallChangeWith128ByteChunksIsGoOctodiffsVector() throws Exception {
        byte[] newFile = changedGodfData(520);

        byte[] delta = delta(Bytes.godfBlob(), new SignatureBuilder().withChunkSize(128), newFile);

        // go-octodiff's test comment says 247 bytes; its expected hex is these 196.
        assertThat(Bytes.hex(delta))
                .isEqualTo(Bytes.hex(Bytes.concat(
                        Bytes.hex(DELTA_HEADER + "14ba64eeabad295dd60cfabd648ff176b6489077 3e3e3e 80 8000000000000000"),
                        Bytes.slice(newFile, 0, 128),
                        Bytes.hex("60 8000000000000000 8801000000000000"))));
    }

    @Test
    void smallChangeIn128KiBFileHasGoOctodiffsCommands() throws Exception {
        // go-octodiff's vector repeats the 520-byte blob, so later chunks equal earlier ones: the earliest of equal
        // chunks wins, and adjacent copies merge.
        byte[] delta = delta(Bytes.godfData(128 * 1024), new SignatureBuilder(), changedGodfData(128 * 1024));

        assertThat(Bytes.headerHash(delta)).isEqualTo("50f7ec0e6d4fe4ab8400b759e2b000f1d0aced8e");
        assertThat(Bytes.commands(delta))
                .containsExactly("DATA 40", "COPY 30720+100352", "DATA 8", "COPY 30720+28672", "DATA 2000");
    }

    @Test
    void disjointChangesIn128KiBFileHaveGoOctodiffsCommands() throws Exception {
        byte[] newFile = changedGodfData(128 * 1024);
        newFile[32000] = (byte) 0xaa;
        newFile[33000] = (byte) 0xab;
        newFile[34000] = (byte) 0xac;

        byte[] delta = delta(Bytes.godfData(128 * 1024), new SignatureBuilder(), newFile);

        assertThat(Bytes.headerHash(delta)).isEqualTo("645a41cab32226e8e9212c54db711c22653c0051");
        assertThat(Bytes.commands(delta))
                .containsExactly(
                        "DATA 40",
                        "COPY 30720+30720",
                        "DATA 3248",
                        "COPY 53248+77824",
                        "DATA 8",
                        "COPY 30720+18432",
                        "DATA 800");
    }

    @Test
    void deltaDoesNotDependOnTheReadBufferSize() throws Exception {
        Random random = new Random(8);
        byte[] base = Bytes.random(random, 300_000);
        byte[] newFile = Edits.randomlyEdited(random, base, 12);
        for (int chunkSize : new int[] {128, 2048, 31744}) {
            SignatureBuilder signature = new SignatureBuilder().withChunkSize(chunkSize);
            byte[] expected = delta(base, signature, newFile);
            for (int bufferSize : new int[] {1, chunkSize + 2, 2 * chunkSize + 7, 65_536}) {
                assertThat(delta(base, signature, newFile, new DeltaBuilder().withBufferSize(bufferSize)))
                        .as("chunk %d, buffer %d", chunkSize, bufferSize)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void oneBuilderAndSignatureServeParallelBuilds() throws Exception {
        Random random = new Random(21);
        byte[] base = Bytes.random(random, 400_000);
        Signature signature = new SignatureReader().read(SignatureTest.signatureOf(base, new SignatureBuilder()));
        DeltaBuilder builder = new DeltaBuilder().withBufferSize(10_000);
        Path basePath = Bytes.write(dir, "shared-base", base);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                byte[] newFile = Edits.randomlyEdited(random, base, 5);
                Path newPath = Bytes.write(dir, "parallel-new" + t, newFile);
                Path deltaPath = dir.resolve("parallel-delta" + t);
                results.add(pool.submit(() -> {
                    builder.build(signature, newPath, deltaPath);
                    java.io.ByteArrayOutputStream rebuilt = new java.io.ByteArrayOutputStream();
                    new DeltaApplier().apply(basePath, Files.newInputStream(deltaPath), rebuilt);
                    return java.util.Arrays.equals(rebuilt.toByteArray(), newFile);
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reportsSizesAndCommandCounts() throws Exception {
        byte[] base = Bytes.random(new Random(2), 100_000);
        byte[] newFile =
                Bytes.concat(Bytes.slice(base, 0, 50_000), new byte[] {1, 2, 3}, Bytes.slice(base, 50_000, 100_000));
        Signature signature = new SignatureReader().read(SignatureTest.signatureOf(base, new SignatureBuilder()));

        DeltaFile delta = deltaFile(signature, newFile, new DeltaBuilder());

        assertThat(delta.newFileSize()).isEqualTo(100_003);
        assertThat(delta.deltaSize()).isEqualTo(Files.size(delta.path()));
        assertThat(delta.newFileSha1()).isEqualTo(Bytes.sha1(newFile));
        assertThat(delta.copiedBytes() + delta.literalBytes()).isEqualTo(100_003);
        // The chunk holding the insertion is sent whole: 2048 + 3 bytes, the rest copied in two runs.
        assertThat(delta.literalBytes()).isEqualTo(2051);
        assertThat(delta.copyCommands()).isEqualTo(2);
        assertThat(delta.dataCommands()).isEqualTo(1);
        assertThat(delta.ratio()).isLessThan(0.03);
    }

    @Test
    void reportsProgressUpToTheFileSize() throws Exception {
        byte[] base = Bytes.random(new Random(4), 200_000);
        Signature signature = new SignatureReader().read(SignatureTest.signatureOf(base, new SignatureBuilder()));
        List<long[]> reports = new ArrayList<>();

        deltaFile(
                signature,
                base,
                new DeltaBuilder()
                        .withBufferSize(50_000)
                        .withProgressListener((scanned, total) -> reports.add(new long[] {scanned, total})));

        assertThat(reports).hasSizeGreaterThan(3);
        assertThat(reports).allSatisfy(r -> assertThat(r[1]).isEqualTo(200_000));
        assertThat(reports.get(0)[0]).isZero();
        assertThat(reports.get(reports.size() - 1)[0]).isEqualTo(200_000);
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i)[0]).isGreaterThanOrEqualTo(reports.get(i - 1)[0]);
        }
    }

    @Test
    void buildsIntoATemporaryFileOfTheGivenDirectory() throws Exception {
        Signature signature =
                new SignatureReader().read(SignatureTest.signatureOf(Bytes.godfBlob(), new SignatureBuilder()));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));

        DeltaFile delta =
                new DeltaBuilder().buildInDirectory(signature, Bytes.write(dir, "new", Bytes.godfBlob()), tmp);

        assertThat(delta.path().getParent()).isEqualTo(tmp);
        assertThat(delta.path().getFileName().toString())
                .startsWith("octodiff-")
                .endsWith(".delta");
        assertThat(delta.deltaSize()).isEqualTo(42 + 17);
    }

    @Test
    void leavesNoTemporaryFileBehindWhenTheNewFileIsMissing() throws Exception {
        Signature signature =
                new SignatureReader().read(SignatureTest.signatureOf(Bytes.godfBlob(), new SignatureBuilder()));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));

        assertThatThrownBy(() -> new DeltaBuilder().buildInDirectory(signature, dir.resolve("missing.zip"), tmp))
                .isInstanceOf(IOException.class);
        try (var entries = Files.list(tmp)) {
            assertThat(entries).isEmpty();
        }
    }

    /** go-octodiff's "small change" edit: three bytes at offset 32. */
    private static byte[] changedGodfData(int length) {
        byte[] data = Bytes.godfData(length);
        data[32] = (byte) 0xaa;
        data[33] = (byte) 0xab;
        data[34] = (byte) 0xac;
        return data;
    }
}

package io.github.octomvn.octopus.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures are written byte for byte as Octodiff writes them and read strictly (§5.3). */
class SignatureTest {

    private static final String HEADER = "4f43544f534947 01 04 53484131 07 41646c65723332 3e3e3e";
    private static final String ENTRY = "0802 f79fa2f0 330bd06982d3b5dbda6c1a6ad16687a0cdb03c0d";

    @TempDir
    Path dir;

    static byte[] signatureOf(byte[] base, SignatureBuilder builder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        builder.write(new ByteArrayInputStream(base), out);
        return out.toByteArray();
    }

    private static Signature read(byte[] signature) throws UnusableSignatureException {
        return new SignatureReader().read(signature);
    }

    private static void assertUnusable(byte[] signature, String message) {
        assertThatThrownBy(() -> read(signature))
                .isInstanceOf(UnusableSignatureException.class)
                .hasMessageContaining(message);
        assertThatThrownBy(() -> new SignatureReader().read(new ByteArrayInputStream(signature)))
                .as("streamed")
                .isInstanceOf(UnusableSignatureException.class);
    }

    @Test
    void writesTheSpecVectorForTheGoOctodiffBlob() throws Exception {
        assertThat(Bytes.hex(signatureOf(Bytes.godfBlob(), new SignatureBuilder())))
                .isEqualTo(Bytes.hex(Bytes.hex(HEADER + ENTRY)));
        assertThat(Bytes.hex(new SignatureBuilder().build(Bytes.write(dir, "blob", Bytes.godfBlob()))))
                .isEqualTo(Bytes.hex(Bytes.hex(HEADER + ENTRY)));
    }

    @Test
    void writesGoOctodiffVectorsForOtherChunkSizesAndAdler32V2() throws Exception {
        assertThat(Bytes.hex(signatureOf(
                        Bytes.godfBlob(), new SignatureBuilder().withChunkSize(SignatureBuilder.MIN_CHUNK_SIZE))))
                .isEqualTo("4f43544f5349470104534841310741646c657233323e3e3e"
                        + "8000951f26e719f3978cb607e80a9aab3abbcac8bb1ecbcecf3e"
                        + "80001f18260f0f73196c2aa57877ee5e31291a59b5afca449365"
                        + "8000e035f42a42c4a73471dea3b9746e22dd93893fd8549f11bd"
                        + "8000dd2ff46b72e00e30ecae4c70ee07721d221a3b8a6d1847fa"
                        + "08008a02860c21d4023a8ba580ecdba742e7400aa40b6e449bb3");
        assertThat(Bytes.hex(signatureOf(
                        Bytes.godfData(100 * 1024),
                        new SignatureBuilder().withChunkSize(SignatureBuilder.MAX_CHUNK_SIZE))))
                .isEqualTo("4f43544f5349470104534841310741646c657233323e3e3e"
                        + "007cb823382f5470f51bab46eeb3913379e7b70a0d7329a9afce"
                        + "007cb5278ac69c31becd9bcd36f9afbd350ec15f4c437fd0cb67"
                        + "007c7a20e05ec605af9c2fd5a61b60f65600f5849f6ce1c53cf1"
                        + "001cac9ce9f194d25de18f219fa7832df14593cade50d8b0d2a2");
        assertThat(Bytes.hex(signatureOf(
                        Bytes.godfBlob(),
                        new SignatureBuilder().withRollingChecksum(RollingChecksumAlgorithm.ADLER32_V2))))
                .isEqualTo("4f43544f5349470104534841310941646c6572333256323e3e3e"
                        + "0802f79fe5f8330bd06982d3b5dbda6c1a6ad16687a0cdb03c0d");
    }

    @Test
    void writesTheDefaultSignatureOfALargerFileAsGoOctodiffDoes() throws Exception {
        byte[] signature = signatureOf(Bytes.godfData(100 * 1024), new SignatureBuilder());
        // 50 chunks of 2048; the first two and the last entries of go-octodiff's vector.
        assertThat(signature).hasSize(24 + 50 * 26);
        assertThat(Bytes.hex(Bytes.slice(signature, 24, 24 + 52)))
                .isEqualTo("00080a73b304debbdddd84c899bd9e2cfc5bc2a8bd2adf4d1043"
                        + "0008b470604864abf8d34217d6104c6c3e0a173283bce0cc4e8f");
        assertThat(Bytes.hex(Bytes.slice(signature, signature.length - 26, signature.length)))
                .isEqualTo("0008a37257b6b454502c707c573fa7fc80c1685273e54b2a4f76");
    }

    @Test
    void writesTheSameSignatureOnManyThreadsAsOnOne() throws Exception {
        Random random = new Random(7);
        int segment = 4 * 1024 * 1024;
        // empty, shorter than a chunk, a segment and a bit, several segments with a short last chunk
        for (int length : new int[] {0, 100, segment, segment + 2049, 3 * segment - 1}) {
            Path file = Bytes.write(dir, "base-" + length + ".bin", Bytes.random(random, length));
            for (RollingChecksumAlgorithm algorithm : RollingChecksumAlgorithm.values()) {
                for (int chunkSize :
                        new int[] {SignatureBuilder.MIN_CHUNK_SIZE, 2048, SignatureBuilder.MAX_CHUNK_SIZE}) {
                    SignatureBuilder builder =
                            new SignatureBuilder().withChunkSize(chunkSize).withRollingChecksum(algorithm);
                    ByteArrayOutputStream sequential = new ByteArrayOutputStream();
                    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                        builder.write(in, sequential);
                    }
                    for (int threads : new int[] {1, 2, 4}) {
                        ByteArrayOutputStream parallel = new ByteArrayOutputStream();
                        builder.write(file, parallel, threads);
                        assertThat(parallel.toByteArray())
                                .as("%d bytes, %s, chunks of %d, %d threads", length, algorithm, chunkSize, threads)
                                .isEqualTo(sequential.toByteArray());
                    }
                }
            }
        }
    }

    @Test
    void readsASignatureFileAsItReadsTheSameBytes() throws Exception {
        byte[] signature = signatureOf(Bytes.godfData(100 * 1024), new SignatureBuilder().withChunkSize(1000));
        Path file = Bytes.write(dir, "signature.bin", signature);

        Signature fromFile = new SignatureReader().read(file);

        assertThat(fromFile.chunks())
                .isEqualTo(new SignatureReader().read(signature).chunks());
        assertThat(fromFile.rollingChecksumAlgorithm()).isEqualTo(RollingChecksumAlgorithm.ADLER32);
        Path torn = Bytes.write(dir, "torn.bin", Arrays.copyOf(signature, signature.length - 3));
        assertThatThrownBy(() -> new SignatureReader().read(torn))
                .isInstanceOf(UnusableSignatureException.class)
                .hasMessageContaining("not a whole number of 26-byte entries");
        assertThatThrownBy(() -> new SignatureReader(10).read(file)).isInstanceOf(UnusableSignatureException.class);
    }

    @Test
    void readsGoOctodiffSignatures() throws Exception {
        Signature standard = read(Bytes.hex(HEADER + ENTRY));
        assertThat(standard.hashAlgorithm()).isEqualTo("SHA1");
        assertThat(standard.rollingChecksumAlgorithm()).isEqualTo(RollingChecksumAlgorithm.ADLER32);
        assertThat(standard.chunks())
                .containsExactly(new ChunkSignature(0, 520, 4037189623L, "330bd06982d3b5dbda6c1a6ad16687a0cdb03c0d"));

        Signature v2 = read(Bytes.hex("4f43544f5349470104534841310941646c6572333256323e3e3e"
                + "0802f79fe5f8330bd06982d3b5dbda6c1a6ad16687a0cdb03c0d"));
        assertThat(v2.rollingChecksumAlgorithm()).isEqualTo(RollingChecksumAlgorithm.ADLER32_V2);
        assertThat(v2.chunks()).extracting(ChunkSignature::rollingChecksum).containsExactly(4175798263L);

        Signature small = read(signatureOf(Bytes.godfBlob(), new SignatureBuilder().withChunkSize(128)));
        assertThat(small.chunks())
                .containsExactly(
                        new ChunkSignature(0, 128, 3878035349L, "19f3978cb607e80a9aab3abbcac8bb1ecbcecf3e"),
                        new ChunkSignature(128, 128, 254154783L, "0f73196c2aa57877ee5e31291a59b5afca449365"),
                        new ChunkSignature(256, 128, 720647648L, "42c4a73471dea3b9746e22dd93893fd8549f11bd"),
                        new ChunkSignature(384, 128, 1811165149L, "72e00e30ecae4c70ee07721d221a3b8a6d1847fa"),
                        new ChunkSignature(512, 8, 210109066L, "21d4023a8ba580ecdba742e7400aa40b6e449bb3"));
        assertThat(small.baseFileLength()).isEqualTo(520);

        Signature large = read(signatureOf(Bytes.godfData(100 * 1024), new SignatureBuilder().withChunkSize(31744)));
        assertThat(large.chunks())
                .extracting(ChunkSignature::startOffset, ChunkSignature::length, ChunkSignature::rollingChecksum)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, 31744, 792208312L),
                        org.assertj.core.groups.Tuple.tuple(31744L, 31744, 3330942901L),
                        org.assertj.core.groups.Tuple.tuple(63488L, 31744, 1591746682L),
                        org.assertj.core.groups.Tuple.tuple(95232L, 7168, 4058619052L));
    }

    @Test
    void readsTheSignatureOfAnEmptyFileAsNoChunks() throws Exception {
        Signature empty = read(signatureOf(new byte[0], new SignatureBuilder()));
        assertThat(empty.chunkCount()).isZero();
        assertThat(empty.baseFileLength()).isZero();
    }

    @Test
    void readsTheBase64TextTheServerSends() throws Exception {
        String base64 = java.util.Base64.getEncoder().encodeToString(Bytes.hex(HEADER + ENTRY));

        assertThat(new SignatureReader().readBase64(base64).chunks())
                .isEqualTo(read(Bytes.hex(HEADER + ENTRY)).chunks());
        assertThatThrownBy(() -> new SignatureReader().readBase64("T0NUT1NJRw==!"))
                .isInstanceOf(UnusableSignatureException.class)
                .hasMessageContaining("not base64");
        assertThatThrownBy(() -> new SignatureReader().readBase64(""))
                .isInstanceOf(UnusableSignatureException.class)
                .hasMessageContaining("no OCTOSIG header");
    }

    @Test
    void readsAStreamAsItReadsBytes() throws Exception {
        byte[] signature = signatureOf(Bytes.random(new Random(3), 300_000), new SignatureBuilder().withChunkSize(128));
        Signature fromStream = new SignatureReader().read(new TrickleInputStream(signature));
        assertThat(fromStream.chunks()).isEqualTo(read(signature).chunks());
        assertThat(fromStream.chunkCount()).isEqualTo((300_000 + 127) / 128);
    }

    @Test
    void refusesAnythingButTheOctosigMagic() {
        assertUnusable(Bytes.hex("4f43544f534947"), "ends after its header");
        assertUnusable(Bytes.hex("4f43544f44454c5441 01 04 53484131"), "no OCTOSIG header");
        assertUnusable(new byte[0], "no OCTOSIG header");
        assertUnusable("{\"Signature\":\"\"}".getBytes(), "no OCTOSIG header");
    }

    @Test
    void refusesOtherVersions() {
        assertUnusable(Bytes.hex("4f43544f534947 02 04 53484131 07 41646c65723332 3e3e3e"), "version 2");
        assertUnusable(Bytes.hex("4f43544f534947 00 04 53484131 07 41646c65723332 3e3e3e"), "version 0");
    }

    @Test
    void refusesHashesOtherThanSha1() {
        assertUnusable(Bytes.hex("4f43544f534947 01 06 534841323536 07 41646c65723332 3e3e3e"), "'SHA256'");
        assertUnusable(Bytes.hex("4f43544f534947 01 04 73686131 07 41646c65723332 3e3e3e"), "'sha1'");
    }

    @Test
    void refusesUnknownRollingChecksums() {
        assertUnusable(Bytes.hex("4f43544f534947 01 04 53484131 07 41646c65723634 3e3e3e"), "'Adler64'");
        assertUnusable(Bytes.hex("4f43544f534947 01 04 53484131 00 3e3e3e"), "''");
    }

    @Test
    void refusesHostileOrBrokenNameLengthsBeforeAllocating() {
        assertUnusable(Bytes.hex("4f43544f534947 01 ffffffff07 53484131"), "name length");
        assertUnusable(Bytes.hex("4f43544f534947 01 ffffffff7f"), "malformed length");
        assertUnusable(Bytes.hex("4f43544f534947 01 ffff"), "ends inside");
        assertUnusable(Bytes.hex("4f43544f534947 01 41 534841"), "name length");
        assertUnusable(Bytes.hex("4f43544f534947 01 04 534841"), "ends inside");
        assertUnusable(Bytes.hex("4f43544f534947 01 02 c328"), "not UTF-8");
    }

    @Test
    void refusesAMissingEndOfMetadataMarker() {
        assertUnusable(Bytes.hex("4f43544f534947 01 04 53484131 07 41646c65723332 3e3e"), "ends inside");
        assertUnusable(Bytes.hex("4f43544f534947 01 04 53484131 07 41646c65723332 3e3e3f" + ENTRY), "'>>>'");
    }

    @Test
    void refusesAChunkAreaThatIsNotWholeEntries() {
        byte[] whole = Bytes.hex(HEADER + ENTRY + ENTRY);
        for (int cut = 1; cut < 26; cut++) {
            assertUnusable(Arrays.copyOf(whole, whole.length - cut), "26-byte entries");
        }
        assertUnusable(Bytes.concat(whole, new byte[1]), "26-byte entries");
    }

    @Test
    void refusesChunkLengthsOutsideOctodiffsBounds() {
        assertUnusable(Bytes.hex(HEADER + "0000 f79fa2f0 330bd06982d3b5dbda6c1a6ad16687a0cdb03c0d"), "length 0");
        assertUnusable(Bytes.hex(HEADER + "ffff f79fa2f0 330bd06982d3b5dbda6c1a6ad16687a0cdb03c0d"), "length -1");
        assertUnusable(Bytes.hex(HEADER + "017c f79fa2f0 330bd06982d3b5dbda6c1a6ad16687a0cdb03c0d"), "length 31745");
        assertUnusable(
                Bytes.hex(HEADER + "7f00 f79fa2f0 330bd06982d3b5dbda6c1a6ad16687a0cdb03c0d" + ENTRY),
                "only the last chunk may be shorter");
    }

    @Test
    void acceptsChunksOfMixedLengthsWithinBoundsAndPlacesThemEndToEnd() throws Exception {
        Signature mixed = read(Bytes.hex(HEADER
                + "8000 00000000 0000000000000000000000000000000000000000"
                + "007c 00000000 0000000000000000000000000000000000000000"
                + "0001 00000000 0000000000000000000000000000000000000000"
                + "0100 00000000 0000000000000000000000000000000000000000"));
        assertThat(mixed.chunks()).extracting(ChunkSignature::startOffset).containsExactly(0L, 128L, 31872L, 32128L);
        assertThat(mixed.baseFileLength()).isEqualTo(32129);
    }

    @Test
    void refusesMoreChunksThanItsLimit() throws Exception {
        byte[] signature = signatureOf(new byte[128 * 10], new SignatureBuilder().withChunkSize(128));
        assertThat(new SignatureReader(10).read(signature).chunkCount()).isEqualTo(10);
        assertThatThrownBy(() -> new SignatureReader(9).read(signature))
                .isInstanceOf(UnusableSignatureException.class)
                .hasMessageContaining("more than 9 chunks");
        assertThatThrownBy(() -> new SignatureReader(9).read(new ByteArrayInputStream(signature)))
                .isInstanceOf(UnusableSignatureException.class)
                .hasMessageContaining("more than 9 chunks");
    }

    @Test
    void turnsAFailingStreamIntoAnUnusableSignature() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> new SignatureReader().read(failing))
                .isInstanceOf(UnusableSignatureException.class)
                .hasMessageContaining("connection reset");
    }

    @Test
    void neverFailsOtherwiseOnMutatedOrTruncatedSignatures() throws Exception {
        Random random = new Random(99);
        byte[] valid = signatureOf(Bytes.random(random, 5_000), new SignatureBuilder().withChunkSize(128));
        for (int round = 0; round < 20_000; round++) {
            byte[] mutated = Arrays.copyOf(valid, random.nextInt(valid.length + 30));
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips && mutated.length > 0; f++) {
                // Mostly hit the header, where the structure is.
                int at = random.nextInt(random.nextBoolean() ? Math.min(mutated.length, 30) : mutated.length);
                mutated[at] = (byte) random.nextInt(256);
            }
            try {
                Signature signature = read(mutated);
                assertThat(signature.baseFileLength()).isLessThanOrEqualTo(31744L * signature.chunkCount());
            } catch (UnusableSignatureException expected) {
                // the only acceptable failure
            }
        }
    }

    @Test
    void builderRefusesChunkSizesOctodiffRefuses() {
        assertThatThrownBy(() -> new SignatureBuilder().withChunkSize(127))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignatureBuilder().withChunkSize(31745))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Hands out at most 7 bytes per read, as a slow network would. */
    static final class TrickleInputStream extends InputStream {
        private final ByteArrayInputStream in;

        TrickleInputStream(byte[] data) {
            this.in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, 7));
        }
    }

    static List<ChunkSignature> chunksOf(byte[] base, int chunkSize) throws Exception {
        return read(signatureOf(base, new SignatureBuilder().withChunkSize(chunkSize)))
                .chunks();
    }
}

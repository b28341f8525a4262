package io.github.octomvn.octopus.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelDeflaterTest {
    private static final int BLOCK = DeflateBlocks.BLOCK_SIZE;

    @TempDir
    Path temp;

    @Test
    void blocksJoinIntoOneRawDeflateStreamThatInflatesToTheInput() throws Exception {
        for (int size : new int[] {0, 1, 5000, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, 5 * BLOCK + 12345}) {
            byte[] input = TestData.mixed(size, size);
            Deflated deflated = deflate(input, 3);

            assertThat(inflate(deflated.bytes)).as("size %d", size).isEqualTo(input);
            assertThat(deflated.crc).isEqualTo(crc(input));
            assertThat(deflated.size).isEqualTo(size);
        }
    }

    @Test
    void bytesDoNotDependOnTheNumberOfThreads() throws Exception {
        byte[] input = TestData.mixed(7 * BLOCK + 777, 7);

        byte[] one = deflate(input, 1).bytes;

        assertThat(deflate(input, 4).bytes).isEqualTo(one);
        assertThat(deflate(input, 2).bytes).isEqualTo(one);
    }

    @Test
    void randomBlocksAreStoredSoTheyCostACopy() throws Exception {
        byte[] input = TestData.random(4 * BLOCK, 3);

        byte[] deflated = deflate(input, 2).bytes;

        // BTYPE 00 (stored) in the first block header, and only the stored blocks' few bytes of framing
        assertThat((deflated[0] >> 1) & 3).isEqualTo(0);
        assertThat(deflated.length).isLessThan(input.length + input.length / 1000);
        assertThat(inflate(deflated)).isEqualTo(input);
    }

    @Test
    void textKeepsItsCompressionWithinOnePercentOfOneSingleThreadedStream() throws Exception {
        byte[] input = TestData.text(6 * BLOCK, 11);
        Deflater single = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        single.setInput(input);
        single.finish();
        byte[] buffer = new byte[input.length];
        int singleSize = 0;
        while (!single.finished()) {
            singleSize += single.deflate(buffer);
        }
        single.end();

        int parallelSize = deflate(input, 2).bytes.length;

        assertThat(parallelSize).isLessThan(input.length / 2);
        assertThat((double) parallelSize).isLessThanOrEqualTo(singleSize * 1.01);
    }

    @Test
    void samplesTellRandomBytesFromText() {
        try (Deflaters deflaters = new Deflaters()) {
            assertThat(DeflateBlocks.looksIncompressible(TestData.random(BLOCK, 1), 0, BLOCK, deflaters))
                    .isTrue();
            assertThat(DeflateBlocks.looksIncompressible(TestData.text(BLOCK, 1), 0, BLOCK, deflaters))
                    .isFalse();
            assertThat(DeflateBlocks.looksIncompressible(new byte[BLOCK], 0, BLOCK, deflaters))
                    .isFalse();
        }
    }

    @Test
    void gzipStreamIsOneStandardMemberThatGzipAndTheJdkRead() throws Exception {
        byte[] input = TestData.mixed(3 * BLOCK + 99, 5);
        Path file = temp.resolve("data.gz");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ParallelGzipOutputStream out = new ParallelGzipOutputStream(Files.newOutputStream(file), pool, 4)) {
            out.write(input, 0, 1000);
            out.write(input[1000]);
            out.write(input, 1001, input.length - 1001);
        } finally {
            pool.shutdownNow();
        }

        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(in.readAllBytes()).isEqualTo(input);
        }
        assumeTrue(TestData.hasCommand("gzip"));
        assertThat(TestData.run(temp, "gzip", "-t", file.toString())).isEqualTo(0);
        // one member: gzip -l would report the sum of several; its uncompressed size is the input's
        Process list = new ProcessBuilder("gzip", "-lq", file.toString()).start();
        String listing = new String(list.getInputStream().readAllBytes()).trim();
        assertThat(list.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(listing.split("\\s+")[1]).isEqualTo(Integer.toString(input.length));
    }

    private static Deflated deflate(byte[] input, int threads) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ParallelDeflatingInputStream in =
                new ParallelDeflatingInputStream(new java.io.ByteArrayInputStream(input), pool, 2 * threads)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            assertThat(in.isComplete()).isTrue();
            return new Deflated(out.toByteArray(), in.crc(), in.size());
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] inflate(byte[] raw) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(raw);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new AssertionError("the deflate stream ends before its final block");
            }
            out.write(buffer, 0, n);
        }
        assertThat(inflater.getRemaining()).as("bytes after the final block").isEqualTo(0);
        inflater.end();
        return out.toByteArray();
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static final class Deflated {
        final byte[] bytes;
        final long crc;
        final long size;

        Deflated(byte[] bytes, long crc, long size) {
            this.bytes = bytes;
            this.crc = crc;
            this.size = size;
        }
    }
}

package io.github.octomvn.octopus.pack;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * One block of a block-parallel raw deflate stream, the pigz method: each block is deflated on its own, primed with
 * the previous block's last 32 KiB as preset dictionary so that it loses almost nothing to the split, and ends with a
 * sync flush (byte-aligned, not final), so that the blocks' outputs, concatenated in order, are one valid deflate
 * stream; only the last block is finished. The output depends on the bytes only, never on which thread ran a block.
 */
final class DeflateBlocks {
    /** Input bytes per block: big enough that the split costs nothing measurable, small enough to spread work. */
    static final int BLOCK_SIZE = 256 * 1024;
    /** Deflate's window: the most a block can refer back into the previous one. */
    static final int DICTIONARY_SIZE = 32 * 1024;

    static final int SAMPLE_SIZE = 4 * 1024;
    private static final int SAMPLES = 3;

    private DeflateBlocks() {}

    /** Bytes one block can deflate to: stored blocks add 5 bytes per 64 KiB, deflate falls back to them. */
    static final int OUTPUT_SIZE = BLOCK_SIZE + BLOCK_SIZE / 8 + 1024;

    /** Deflated bytes in a buffer that goes back to its pool once they are written. */
    static final class Output {
        final byte[] buffer;
        final int length;
        /** Whether the block went as stored blocks: its sample did not shrink, so it cost a copy. */
        final boolean stored;

        Output(byte[] buffer, int length, boolean stored) {
            this.buffer = buffer;
            this.length = length;
            this.stored = stored;
        }
    }

    /**
     * Deflates {@code data[0, length)} as the next block of a stream into {@code out} (of {@link #OUTPUT_SIZE}
     * bytes, or grown if ever needed); {@code previous} (null for the first block) is the block before, of which the
     * last {@code previousLength} bytes are the dictionary. A block whose sample does not shrink is written as stored
     * blocks, which costs a copy instead of a deflate. {@code deflaters} lends the zlib streams, whose native memory
     * is worth reusing.
     */
    static Output deflate(
            byte[] data,
            int length,
            byte[] previous,
            int previousLength,
            boolean last,
            int level,
            byte[] out,
            Deflaters deflaters) {
        boolean store = looksIncompressible(data, 0, length, deflaters);
        Deflater deflater = deflaters.take(store ? Deflater.NO_COMPRESSION : level);
        try {
            if (previous != null && !store) {
                int dictionary = Math.min(DICTIONARY_SIZE, previousLength);
                deflater.setDictionary(previous, previousLength - dictionary, dictionary);
            }
            deflater.setInput(data, 0, length);
            int n = 0;
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    n += deflater.deflate(out, n, out.length - n);
                }
            } else {
                while (true) {
                    n += deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
                    // a sync flush that filled the buffer may have more to write
                    if (n < out.length) {
                        break;
                    }
                    out = Arrays.copyOf(out, out.length * 2);
                }
            }
            return new Output(out, n, store);
        } finally {
            deflaters.give(deflater);
        }
    }

    /**
     * Whether a few small samples (start, middle, end) look like random bytes or already compressed data. Text,
     * whose bytes are far from evenly spread, is never mistaken; a sample costs a small fraction of deflating the
     * whole range.
     */
    static boolean looksIncompressible(byte[] data, int offset, int length, Deflaters deflaters) {
        if (length < SAMPLE_SIZE * SAMPLES) {
            return false;
        }
        int[] starts = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            starts[i] = offset + (int) ((long) (length - SAMPLE_SIZE) * i / (SAMPLES - 1));
        }
        return samplesIncompressible(data, starts, deflaters);
    }

    /**
     * Whether every {@link #SAMPLE_SIZE}-byte sample at {@code starts} has its bytes spread almost evenly (order-0
     * entropy of at least 7.9 bits a byte: random or compressed data, where text has 4 to 6), and the first of them
     * also fails to shrink by 3 % at deflate's fastest level, which would find repeats that the byte counts cannot
     * see. Counting bytes is some twenty times cheaper than deflating them, so random data costs little to detect.
     */
    static boolean samplesIncompressible(byte[] data, int[] starts, Deflaters deflaters) {
        int[] counts = new int[256];
        for (int start : starts) {
            if (entropyBitsPerByte(data, start, SAMPLE_SIZE, counts) < MIN_INCOMPRESSIBLE_ENTROPY) {
                return false;
            }
        }
        Deflater deflater = deflaters.take(Deflater.BEST_SPEED);
        try {
            byte[] out = new byte[SAMPLE_SIZE + SAMPLE_SIZE / 8 + 64];
            deflater.setInput(data, starts[0], SAMPLE_SIZE);
            deflater.finish();
            long compressed = 0;
            while (!deflater.finished()) {
                compressed += deflater.deflate(out);
            }
            return compressed * 100 > SAMPLE_SIZE * 97L;
        } finally {
            deflaters.give(deflater);
        }
    }

    /** Random 4 KiB samples measure about 7.95 (a sample that small never shows the full 8). */
    private static final double MIN_INCOMPRESSIBLE_ENTROPY = 7.9;

    private static double entropyBitsPerByte(byte[] data, int start, int length, int[] counts) {
        Arrays.fill(counts, 0);
        for (int i = start, end = start + length; i < end; i++) {
            counts[data[i] & 0xff]++;
        }
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / length;
                bits -= p * Math.log(p);
            }
        }
        return bits / Math.log(2);
    }
}

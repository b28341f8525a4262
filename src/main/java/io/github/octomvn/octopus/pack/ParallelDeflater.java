package io.github.octomvn.octopus.pack;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/**
 * Cuts the bytes written to it into {@link DeflateBlocks blocks}, deflates them on a pool and hands their output, in
 * order, to a sink: one raw deflate stream, with the CRC-32 and length of the input. At most {@code maxInFlight}
 * blocks are queued or running at once, and their buffers are reused, so memory stays a few megabytes and the
 * garbage collector idle whatever the size of the input.
 *
 * <p>The window widens towards {@code maxInFlight} while blocks turn out stored (random or compressed bytes cost only
 * a copy, and the writing thread should run on through them while a compressible block is still deflating) and
 * narrows to half of it while they deflate: enough to keep every thread busy without holding thirty-odd blocks of
 * text in memory for nothing.
 */
final class ParallelDeflater {
    /**
     * Where the deflated bytes go, block by block, in order. The sink hands each buffer back through
     * {@link #recycle} once it has written its bytes.
     */
    interface Sink {
        void accept(DeflateBlocks.Output deflated) throws IOException;
    }

    private final ExecutorService pool;
    private final int maxInFlight;
    private final int minInFlight;
    private int window;
    private final int level;
    private final Sink sink;
    private final ArrayDeque<Future<DeflateBlocks.Output>> inFlight = new ArrayDeque<>();
    /** The input block of each entry of {@link #inFlight}, in the same order. */
    private final ArrayDeque<byte[]> inFlightInputs = new ArrayDeque<>();
    /** Input blocks free for reuse: only the writing thread touches them. */
    private final ArrayDeque<byte[]> freeInputs = new ArrayDeque<>();
    /** Output buffers free for reuse: taken by the pool's threads, given back by the sink's. */
    private final Queue<byte[]> freeOutputs = new ConcurrentLinkedQueue<>();

    private final Deflaters deflaters = new Deflaters();
    /** The input of the block last handed to the sink: the dictionary of a block that may still be running. */
    private byte[] lastDrainedInput;

    private final CRC32 crc = new CRC32();
    private long bytesIn;
    private byte[] block = new byte[DeflateBlocks.BLOCK_SIZE];
    private int blockLength;
    private byte[] previous;
    private int previousLength;
    private boolean finished;

    ParallelDeflater(ExecutorService pool, int maxInFlight, int level, Sink sink) {
        this.pool = pool;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.minInFlight = Math.min(this.maxInFlight, Math.max(2, this.maxInFlight / 2));
        this.window = minInFlight;
        this.level = level;
        this.sink = sink;
    }

    void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, block.length - blockLength);
            System.arraycopy(b, off, block, blockLength, n);
            blockLength += n;
            off += n;
            len -= n;
            if (blockLength == block.length) {
                submit(false);
            }
        }
    }

    /** Deflates the rest as the final block and hands every remaining output to the sink. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        submit(true);
        while (!inFlight.isEmpty()) {
            drainOne();
        }
        deflaters.close();
    }

    /** Takes back an output buffer that the sink has written. */
    void recycle(byte[] output) {
        if (output.length == DeflateBlocks.OUTPUT_SIZE) {
            freeOutputs.add(output);
        }
    }

    /** CRC-32 of the input so far. */
    long crc() {
        return crc.getValue();
    }

    /** Input bytes so far. */
    long bytesIn() {
        return bytesIn;
    }

    private void submit(boolean last) throws IOException {
        byte[] data = block;
        int length = blockLength;
        byte[] dictionary = previous;
        int dictionaryLength = previousLength;
        crc.update(data, 0, length);
        bytesIn += length;
        inFlight.add(pool.submit(() -> {
            byte[] out = freeOutputs.poll();
            return DeflateBlocks.deflate(
                    data,
                    length,
                    dictionary,
                    dictionaryLength,
                    last,
                    level,
                    out != null ? out : new byte[DeflateBlocks.OUTPUT_SIZE],
                    deflaters);
        }));
        inFlightInputs.add(data);
        previous = data;
        previousLength = length;
        if (last) {
            block = null;
        } else {
            byte[] free = freeInputs.poll();
            block = free != null ? free : new byte[DeflateBlocks.BLOCK_SIZE];
        }
        blockLength = 0;
        while (inFlight.size() > window) {
            drainOne();
        }
    }

    private void drainOne() throws IOException {
        Future<DeflateBlocks.Output> next = inFlight.poll();
        byte[] input = inFlightInputs.poll();
        try {
            DeflateBlocks.Output output = next.get();
            // This block is done, so the one before, its dictionary, is no longer read by anyone.
            if (lastDrainedInput != null) {
                freeInputs.add(lastDrainedInput);
            }
            lastDrainedInput = input;
            window = output.stored ? Math.min(maxInFlight, window + 2) : Math.max(minInFlight, window - 1);
            sink.accept(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while deflating");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException("deflating a block failed: " + cause, cause);
        }
    }

    /** Cancels what is still queued, after a failure. */
    void abandon() {
        finished = true;
        for (Future<DeflateBlocks.Output> f : inFlight) {
            f.cancel(true);
        }
        inFlight.clear();
        inFlightInputs.clear();
        // Blocks still running may yet take one; any left behind are freed with the garbage.
        deflaters.close();
    }
}

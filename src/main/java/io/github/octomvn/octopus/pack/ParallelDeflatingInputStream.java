package io.github.octomvn.octopus.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.zip.Deflater;

/**
 * Reads a source and returns its bytes block-parallel deflated ({@link ParallelDeflater}): the raw deflate data of a
 * zip entry. Once it has returned end of stream, {@link #crc()} and {@link #size()} describe the source.
 */
final class ParallelDeflatingInputStream extends InputStream {
    private final InputStream source;
    private final ParallelDeflater deflater;
    private final ArrayDeque<DeflateBlocks.Output> ready = new ArrayDeque<>();
    private final byte[] readBuffer = new byte[64 * 1024];
    private byte[] current = new byte[0];
    private int currentLength;
    private int position;
    private boolean sourceDone;
    private volatile boolean complete;
    private volatile boolean exhausted;

    ParallelDeflatingInputStream(InputStream source, ExecutorService pool, int maxInFlight) {
        this.source = source;
        this.deflater = new ParallelDeflater(pool, maxInFlight, Deflater.DEFAULT_COMPRESSION, ready::add);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, currentLength - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    /** Writes the deflated blocks straight from their buffers: a gigabyte is not copied once more on the way. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        long transferred = 0;
        while (fill()) {
            out.write(current, position, currentLength - position);
            transferred += currentLength - position;
            position = currentLength;
        }
        return transferred;
    }

    /** Makes the current block one with bytes left to read; false at the end of the stream. */
    private boolean fill() throws IOException {
        while (position == currentLength) {
            if (!ready.isEmpty()) {
                if (currentLength > 0) {
                    deflater.recycle(current);
                }
                DeflateBlocks.Output next = ready.poll();
                current = next.buffer;
                currentLength = next.length;
                position = 0;
            } else if (complete) {
                exhausted = true;
                return false;
            } else {
                produce();
            }
        }
        return true;
    }

    /** Feeds the source until a deflated block is ready, or finishes the stream at the source's end. */
    private void produce() throws IOException {
        try {
            while (ready.isEmpty() && !sourceDone) {
                int n = source.read(readBuffer);
                if (n < 0) {
                    sourceDone = true;
                } else {
                    deflater.write(readBuffer, 0, n);
                }
            }
            if (ready.isEmpty() && sourceDone) {
                deflater.finish();
                complete = true;
            }
        } catch (IOException | RuntimeException | Error e) {
            deflater.abandon();
            throw e;
        }
    }

    /** Whether the whole source was read and deflated. */
    boolean isComplete() {
        return complete;
    }

    /**
     * Whether this stream has returned end of stream: every deflated byte has been read from it. The source may be
     * {@link #isComplete() complete} well before, while blocks wait to be read.
     */
    boolean isExhausted() {
        return exhausted;
    }

    /** CRC-32 of the source; meaningful once {@link #isComplete()}. */
    long crc() {
        return deflater.crc();
    }

    /** Length of the source; meaningful once {@link #isComplete()}. */
    long size() {
        return deflater.bytesIn();
    }

    @Override
    public void close() throws IOException {
        if (!complete) {
            deflater.abandon();
        }
        source.close();
    }
}

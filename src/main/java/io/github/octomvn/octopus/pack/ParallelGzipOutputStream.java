package io.github.octomvn.octopus.pack;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.zip.Deflater;

/**
 * A gzip stream whose deflate runs block-parallel ({@link ParallelDeflater}): one standard gzip member, which
 * {@code gzip -t}, {@code tar tzf} and {@link java.util.zip.GZIPInputStream} read as any other, and whose bytes do
 * not depend on the number of threads. The header carries no time and no name, as {@code gzip -n}'s.
 */
final class ParallelGzipOutputStream extends FilterOutputStream {
    // magic, deflate, no flags, no time, no extra flags, OS unknown (as the JDK's GZIPOutputStream writes)
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final ParallelDeflater deflater;
    private final OutputStream file;
    private boolean closed;

    ParallelGzipOutputStream(OutputStream out, ExecutorService pool, int maxInFlight) throws IOException {
        super(out);
        out.write(HEADER);
        this.file = out;
        this.deflater = new ParallelDeflater(pool, maxInFlight, Deflater.DEFAULT_COMPRESSION, this::writeBlock);
    }

    private void writeBlock(DeflateBlocks.Output block) throws IOException {
        file.write(block.buffer, 0, block.length);
        deflater.recycle(block.buffer);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        deflater.write(b, off, len);
    }

    @Override
    public void flush() {
        // Flushing would cut a block short and change the bytes; everything is written on close.
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deflater.finish();
            byte[] trailer = new byte[8];
            writeIntLE(trailer, 0, deflater.crc());
            writeIntLE(trailer, 4, deflater.bytesIn());
            out.write(trailer);
        } catch (IOException | RuntimeException | Error e) {
            deflater.abandon();
            try {
                out.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        out.close();
    }

    private static void writeIntLE(byte[] b, int off, long value) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (value >>> (8 * i));
        }
    }
}

package io.github.octomvn.octopus.pack;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes to another stream on a thread of its own: the bytes written here are gathered in a few large buffers, which
 * that thread writes in order. The archive file's stream hashes what it writes (the package's SHA-1), and hashing
 * a gigabyte costs seconds: on its own thread it overlaps the reading and deflating instead of adding to them. At most
 * {@link #BUFFERS} buffers of {@link #BUFFER_SIZE} bytes exist, reused, so a fast producer waits instead of piling up
 * memory. Closing it writes what is left, waits for the thread and closes the other stream; it may be closed again,
 * and after a failed write every close says so.
 */
final class BackgroundOutputStream extends OutputStream {
    static final int BUFFER_SIZE = 1024 * 1024;
    static final int BUFFERS = 4;

    private final OutputStream out;
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final Thread writer;
    private int allocated = 1;
    private byte[] buffer = new byte[BUFFER_SIZE];
    private int length;
    private volatile IOException failure;
    private boolean closed;

    BackgroundOutputStream(OutputStream out) {
        this.out = out;
        this.writer = new Thread(this::writeAll, "octopus-pack-write");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void write(int b) throws IOException {
        if (length == buffer.length) {
            handOff();
        }
        buffer[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (length == buffer.length) {
                handOff();
            }
            int n = Math.min(len, buffer.length - length);
            System.arraycopy(b, off, buffer, length, n);
            length += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() {
        // Everything is written, in order, by close; flushing a part early would only cost a smaller write.
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            if (failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
            return;
        }
        closed = true;
        try {
            if (failure == null && length > 0) {
                put(new Chunk(buffer, length));
            }
            put(Chunk.END);
            writer.join();
        } catch (InterruptedException e) {
            writer.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the archive");
        } finally {
            buffer = null;
            out.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void handOff() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        IOException failed = failure;
        if (failed != null) {
            throw new IOException(failed.getMessage(), failed);
        }
        try {
            put(new Chunk(buffer, length));
            if (allocated < BUFFERS) {
                buffer = new byte[BUFFER_SIZE];
                allocated++;
            } else {
                buffer = free.take();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the archive");
        }
        length = 0;
    }

    private void put(Chunk chunk) throws InterruptedException {
        full.put(chunk);
    }

    /** The writing thread: writes each chunk in order; after a failure it only takes them, until the end. */
    private void writeAll() {
        try {
            for (Chunk chunk = full.take(); chunk != Chunk.END; chunk = full.take()) {
                if (failure == null) {
                    try {
                        out.write(chunk.buffer, 0, chunk.length);
                    } catch (IOException e) {
                        failure = e;
                    } catch (RuntimeException e) {
                        failure = new IOException(e.toString(), e);
                    }
                }
                free.offer(chunk.buffer);
            }
        } catch (InterruptedException e) {
            if (failure == null) {
                failure = new InterruptedIOException("interrupted while writing the archive");
            }
        }
    }

    private static final class Chunk {
        static final Chunk END = new Chunk(null, 0);

        final byte[] buffer;
        final int length;

        Chunk(byte[] buffer, int length) {
            this.buffer = buffer;
            this.length = length;
        }
    }
}

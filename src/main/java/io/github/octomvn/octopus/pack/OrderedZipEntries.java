package io.github.octomvn.octopus.pack;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.parallel.InputStreamSupplier;

/**
 * Writes file entries into a zip in the order they are added, while a pool reads and deflates the next ones: each
 * entry's bytes are read (and deflated, if asked and if that shrinks them) on the pool as soon as it is added, and
 * written, finished, by the adding thread as soon as every entry before it is. An entry is written with its method,
 * CRC and sizes known, so it needs no data descriptor, and its bytes do not depend on the number of threads. A large
 * entry deflated block-parallel is the exception: it is written as it is deflated, its CRC and sizes after its data.
 *
 * <p>At most {@code maxInFlight} entries are read, deflated or waiting at once, and only those up to
 * {@link #IN_MEMORY_MAX} bytes are held in memory: a larger one (only ever stored) has its CRC computed on the pool
 * and is then copied from its source straight into the zip. So memory stays a few tens of megabytes whatever the tree.
 */
final class OrderedZipEntries {
    /** Entries up to this size are read whole; larger ones are read twice, for the CRC and for the copy. */
    static final int IN_MEMORY_MAX = 1024 * 1024;
    /** Files up to this size (most of a tree of sources, pages and scripts) are read into buffers this small. */
    static final int SMALL_MAX = 128 * 1024;

    private final ExecutorService pool;
    private final int maxInFlight;
    private final Deflaters deflaters = new Deflaters();
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    /**
     * Buffers free for reuse, of {@code SMALL_MAX + 1} and of {@code IN_MEMORY_MAX + 1} bytes: taken and given back by
     * the pool's threads and by the writing thread.
     */
    private final Queue<byte[]> smallBuffers = new ConcurrentLinkedQueue<>();

    private final Queue<byte[]> buffers = new ConcurrentLinkedQueue<>();

    OrderedZipEntries(ExecutorService pool, int maxInFlight) {
        this.pool = pool;
        this.maxInFlight = Math.max(1, maxInFlight);
    }

    /**
     * Queues a file entry whose name, time and mode are set; method, CRC and sizes are set here. Writes the entries
     * before it that are ready, and waits for the oldest if too many are in flight.
     *
     * @param deflate whether to deflate the bytes (they are stored all the same if deflating does not shrink them)
     * @param expectedSize the source's size as it was listed, or -1 if unknown: it only picks the buffer to read into
     */
    void add(ZipArchiveEntry entry, InputStreamSupplier source, boolean deflate, long expectedSize, ZipWriter zip)
            throws IOException {
        inFlight.add(new Pending(entry, source, pool.submit(() -> prepare(source, deflate, expectedSize))));
        while (!inFlight.isEmpty()
                && (inFlight.size() > maxInFlight || inFlight.peek().data.isDone())) {
            writeOldest(zip);
        }
    }

    /**
     * Writes every entry before it, then a large entry whose name, time and mode are set, deflated block-parallel as
     * it is written: the pool's threads deflate its blocks while this one writes them.
     *
     * @param sourceSize the size of the source, which must be one that {@link ZipWriter#canStream} takes
     */
    void addDeflating(
            ZipArchiveEntry entry, Supplier<ParallelDeflatingInputStream> data, long sourceSize, ZipWriter zip)
            throws IOException {
        while (!inFlight.isEmpty()) {
            writeOldest(zip);
        }
        try (ParallelDeflatingInputStream in = data.get()) {
            zip.writeDeflating(entry, in, sourceSize);
        }
    }

    /** Writes every entry still in flight. */
    void finish(ZipWriter zip) throws IOException {
        while (!inFlight.isEmpty()) {
            writeOldest(zip);
        }
        deflaters.close();
        buffers.clear();
        smallBuffers.clear();
    }

    /** Cancels what is still in flight, after a failure. */
    void abandon() {
        for (Pending pending : inFlight) {
            pending.data.cancel(true);
        }
        inFlight.clear();
        buffers.clear();
        smallBuffers.clear();
        // Tasks still running may yet take one; any left behind are freed with the garbage.
        deflaters.close();
    }

    private void writeOldest(ZipWriter zip) throws IOException {
        Pending pending = inFlight.poll();
        Prepared prepared = await(pending);
        ZipArchiveEntry entry = pending.entry;
        entry.setMethod(prepared.deflated ? ZipArchiveEntry.DEFLATED : ZipArchiveEntry.STORED);
        entry.setCrc(prepared.crc);
        entry.setSize(prepared.size);
        entry.setCompressedSize(prepared.deflated ? prepared.length : prepared.size);
        if (prepared.bytes != null) {
            zip.write(entry, prepared.bytes, prepared.length);
            giveBuffer(prepared.bytes);
        } else {
            try (InputStream in = new ExactLength(pending.source.get(), prepared.size, entry.getName())) {
                zip.write(entry, in);
            }
        }
    }

    private static Prepared await(Pending pending) throws IOException {
        try {
            return pending.data.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while packing " + pending.entry.getName());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException("packing " + pending.entry.getName() + " failed: " + cause, cause);
        }
    }

    /** Runs on the pool: reads the source and deflates or checksums it. */
    private Prepared prepare(InputStreamSupplier source, boolean deflate, long expectedSize) throws IOException {
        CRC32 crc = new CRC32();
        byte[] bytes = takeBuffer(expectedSize >= 0 && expectedSize <= SMALL_MAX ? SMALL_MAX : IN_MEMORY_MAX);
        boolean keep = false;
        try (InputStream in = source.get()) {
            int length = in.readNBytes(bytes, 0, bytes.length);
            if (length == bytes.length && bytes.length < IN_MEMORY_MAX + 1) {
                // larger than it was when listed: on into a large buffer
                byte[] large = takeBuffer(IN_MEMORY_MAX);
                System.arraycopy(bytes, 0, large, 0, length);
                giveBuffer(bytes);
                bytes = large;
                length += in.readNBytes(bytes, length, bytes.length - length);
            }
            crc.update(bytes, 0, length);
            if (length > IN_MEMORY_MAX) {
                long size = length;
                for (int n = in.read(bytes); n >= 0; n = in.read(bytes)) {
                    crc.update(bytes, 0, n);
                    size += n;
                }
                return new Prepared(crc.getValue(), size, null, 0, false);
            }
            if (deflate && length > 0) {
                Prepared deflated = deflate(bytes, length, crc.getValue());
                if (deflated != null) {
                    return deflated;
                }
            }
            keep = true;
            return new Prepared(crc.getValue(), length, bytes, length, false);
        } finally {
            if (!keep) {
                giveBuffer(bytes);
            }
        }
    }

    /**
     * The deflated entry, in a buffer of its own, or null if deflate does not make it smaller (then it is stored, as
     * zip does).
     */
    private Prepared deflate(byte[] bytes, int length, long crc) {
        byte[] out = takeBuffer(length <= SMALL_MAX ? SMALL_MAX : IN_MEMORY_MAX);
        Deflater deflater = deflaters.take(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(bytes, 0, length);
            deflater.finish();
            int n = 0;
            while (!deflater.finished() && n < length) {
                n += deflater.deflate(out, n, length - n);
            }
            if (deflater.finished() && n < length) {
                Prepared deflated = new Prepared(crc, length, out, n, true);
                out = null;
                return deflated;
            }
            return null;
        } finally {
            deflaters.give(deflater);
            if (out != null) {
                giveBuffer(out);
            }
        }
    }

    /**
     * A buffer of {@code max + 1} bytes ({@link #SMALL_MAX} or {@link #IN_MEMORY_MAX}), reused: garbage would grow
     * the heap, and the memory used, with the bytes packed, where a few dozen buffers serve any number of files; and
     * a tree of small files keeps only small ones.
     */
    private byte[] takeBuffer(int max) {
        byte[] buffer = (max == SMALL_MAX ? smallBuffers : buffers).poll();
        return buffer != null ? buffer : new byte[max + 1];
    }

    private void giveBuffer(byte[] buffer) {
        (buffer.length == SMALL_MAX + 1 ? smallBuffers : buffers).add(buffer);
    }

    private static final class Pending {
        final ZipArchiveEntry entry;
        final InputStreamSupplier source;
        final Future<Prepared> data;

        Pending(ZipArchiveEntry entry, InputStreamSupplier source, Future<Prepared> data) {
            this.entry = entry;
            this.source = source;
            this.data = data;
        }
    }

    /** An entry's data as it goes into the zip: in {@link #bytes}, or to be copied from the source if null. */
    private static final class Prepared {
        final long crc;
        final long size;
        final byte[] bytes;
        final int length;
        final boolean deflated;

        Prepared(long crc, long size, byte[] bytes, int length, boolean deflated) {
            this.crc = crc;
            this.size = size;
            this.bytes = bytes;
            this.length = length;
            this.deflated = deflated;
        }
    }

    /**
     * The second read of a large file: it must have the length the first read found, or the entry's header, written
     * before its data, would lie.
     */
    private static final class ExactLength extends FilterInputStream {
        private final long expected;
        private final String name;
        private long read;

        ExactLength(InputStream in, long expected, String name) {
            super(in);
            this.expected = expected;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            if (read > expected || (n < 0 && read < expected)) {
                throw new IOException(name + " changed while it was being packed (" + expected + " bytes, then "
                        + (n < 0 ? read : "more") + "). Pack again once nothing writes to it.");
            }
            return n;
        }
    }
}

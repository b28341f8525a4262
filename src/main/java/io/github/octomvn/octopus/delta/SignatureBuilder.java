package io.github.octomvn.octopus.delta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Writes the Octodiff signature of a base file (§5.3), as the server does for the stored package a delta will be built
 * against: the file cut into fixed-size chunks (the last one shorter), each described by length, rolling checksum and
 * SHA-1. Streams the file; memory does not grow with its size.
 */
public final class SignatureBuilder {

    public static final int MIN_CHUNK_SIZE = Octodiff.MIN_CHUNK_SIZE;
    public static final int DEFAULT_CHUNK_SIZE = Octodiff.DEFAULT_CHUNK_SIZE;
    public static final int MAX_CHUNK_SIZE = Octodiff.MAX_CHUNK_SIZE;

    private final int chunkSize;
    private final RollingChecksumAlgorithm algorithm;

    /** Octodiff's defaults: 2048-byte chunks, Adler32. */
    public SignatureBuilder() {
        this(DEFAULT_CHUNK_SIZE, RollingChecksumAlgorithm.ADLER32);
    }

    private SignatureBuilder(int chunkSize, RollingChecksumAlgorithm algorithm) {
        this.chunkSize = chunkSize;
        this.algorithm = algorithm;
    }

    /** The same builder cutting {@code chunkSize}-byte chunks (128 to 31,744 bytes, as Octodiff allows). */
    public SignatureBuilder withChunkSize(int chunkSize) {
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException(
                    "chunk size must be within " + MIN_CHUNK_SIZE + ".." + MAX_CHUNK_SIZE + ": " + chunkSize);
        }
        return new SignatureBuilder(chunkSize, algorithm);
    }

    /** The same builder writing {@code algorithm} checksums. */
    public SignatureBuilder withRollingChecksum(RollingChecksumAlgorithm algorithm) {
        return new SignatureBuilder(chunkSize, algorithm);
    }

    /** Writes the signature of everything {@code base} yields to {@code out}; closes neither. */
    public void write(InputStream base, OutputStream out) throws IOException {
        writeHeader(out);
        MessageDigest sha1 = Octodiff.sha1();
        byte[] chunk = new byte[chunkSize];
        byte[] entry = new byte[Octodiff.CHUNK_ENTRY_LENGTH];
        int n;
        while ((n = base.readNBytes(chunk, 0, chunkSize)) > 0) {
            describe(chunk, 0, n, sha1, entry, 0);
            out.write(entry);
        }
    }

    /**
     * Writes the signature of the file {@code base} to {@code out} (not closed), its chunks described on {@code threads}
     * threads: byte for byte what {@link #write(InputStream, OutputStream)} writes, in about 1/threads of the time,
     * since every chunk's checksum and SHA-1 depend on that chunk alone. Memory stays at a few segments of a few MiB;
     * the file must not change meanwhile (a stored package does not).
     */
    public void write(Path base, OutputStream out, int threads) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        if (threads == 1) {
            try (InputStream in = Files.newInputStream(base)) {
                write(in, out);
            }
            return;
        }
        writeHeader(out);
        int segmentChunks = Math.max(1, SEGMENT_BYTES / chunkSize);
        long segmentBytes = (long) segmentChunks * chunkSize;
        ExecutorService pool = Executors.newFixedThreadPool(threads, SIGNATURE_THREADS);
        try (FileChannel channel = FileChannel.open(base, StandardOpenOption.READ)) {
            long size = channel.size();
            Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
            for (long start = 0; start < size; start += segmentBytes) {
                long position = start;
                int length = (int) Math.min(segmentBytes, size - start);
                inFlight.add(pool.submit(() -> describeSegment(channel, position, length)));
                if (inFlight.size() >= 2 * threads) {
                    out.write(next(inFlight));
                }
            }
            while (!inFlight.isEmpty()) {
                out.write(next(inFlight));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Bytes of the file a segment task reads and describes at once. */
    private static final int SEGMENT_BYTES = 4 * 1024 * 1024;

    private static final ThreadFactory SIGNATURE_THREADS = task -> {
        Thread thread = new Thread(task, "octodiff-signature");
        thread.setDaemon(true);
        return thread;
    };

    private byte[] describeSegment(FileChannel channel, long position, int length) throws IOException {
        byte[] data = new byte[length];
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ended early at " + (position + buffer.position()));
            }
        }
        int chunks = (length + chunkSize - 1) / chunkSize;
        byte[] entries = new byte[chunks * Octodiff.CHUNK_ENTRY_LENGTH];
        MessageDigest sha1 = Octodiff.sha1();
        for (int i = 0; i < chunks; i++) {
            int offset = i * chunkSize;
            describe(
                    data, offset, Math.min(chunkSize, length - offset), sha1, entries, i * Octodiff.CHUNK_ENTRY_LENGTH);
        }
        return entries;
    }

    private static byte[] next(Deque<Future<byte[]>> inFlight) throws IOException {
        try {
            return inFlight.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while building a signature");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            throw new IOException("could not build the signature: " + cause, cause);
        }
    }

    private void writeHeader(OutputStream out) throws IOException {
        out.write(Octodiff.SIGNATURE_MAGIC);
        out.write(Octodiff.FORMAT_VERSION);
        out.write(Octodiff.dotNetString(Octodiff.HASH_ALGORITHM));
        out.write(Octodiff.dotNetString(algorithm.wireName()));
        out.write(Octodiff.END_OF_METADATA);
    }

    /** The 26-byte entry of the chunk {@code data[offset, offset + length)} into {@code entries} at {@code at}. */
    private void describe(byte[] data, int offset, int length, MessageDigest sha1, byte[] entries, int at) {
        Octodiff.putShortLe(entries, at, length);
        Octodiff.putIntLe(entries, at + 2, algorithm.calculate(data, offset, length));
        sha1.update(data, offset, length);
        try {
            sha1.digest(entries, at + 6, Octodiff.HASH_LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature of {@code base} in memory (about 1.3 % of the file at the default chunk size). */
    public byte[] build(Path base) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(base)) {
            write(in, out);
        }
        return out.toByteArray();
    }
}

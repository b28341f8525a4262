package io.github.octomvn.octopus.delta;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * Builds the Octodiff delta of a new file against a base file's {@link Signature} (§5.5), reading the new file once
 * through a bounded buffer and writing the delta to a file.
 *
 * <p>The search is Octodiff's: at every position not covered by an earlier match, the window of the signature's
 * largest chunk length (its smallest once fewer bytes remain in the file) is looked up by rolling checksum and every
 * candidate is confirmed by SHA-1; the earliest base chunk with the window's SHA-1 becomes a COPY, unmatched bytes
 * become DATA, adjacent COPYs merge. Thread-safe: one builder may run several builds at once. Unlike Octodiff, the window near a buffer's end does not shrink:
 * the unscanned tail moves to the front of the buffer before more is read, so the delta does not depend on the buffer
 * size and matches across buffer boundaries are found.
 */
public final class DeltaBuilder {

    /** The new file is read through a buffer of this size: memory stays flat whatever the file's size. */
    public static final int DEFAULT_BUFFER_SIZE = 4 * 1024 * 1024;

    private final int bufferSize;
    private final DeltaProgressListener progress;

    public DeltaBuilder() {
        this(DEFAULT_BUFFER_SIZE, DeltaProgressListener.NONE);
    }

    private DeltaBuilder(int bufferSize, DeltaProgressListener progress) {
        this.bufferSize = bufferSize;
        this.progress = progress;
    }

    /** The same builder reporting progress to {@code listener}. */
    public DeltaBuilder withProgressListener(DeltaProgressListener listener) {
        return new DeltaBuilder(bufferSize, listener);
    }

    /**
     * The same builder reading through a {@code bufferSize}-byte buffer; raised to one byte more than the signature's
     * largest chunk if smaller. Tests use tiny buffers to cross many buffer boundaries.
     */
    public DeltaBuilder withBufferSize(int bufferSize) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer size must be positive: " + bufferSize);
        }
        return new DeltaBuilder(bufferSize, progress);
    }

    /**
     * Writes the delta of {@code newFile} against {@code signature} to {@code deltaFile} (replaced if present; left
     * half-written if the build fails).
     */
    public DeltaFile build(Signature signature, Path newFile, Path deltaFile) throws IOException {
        return build(signature, newFile, deltaFile, null);
    }

    /**
     * As {@link #build(Signature, Path, Path)}, for a new file whose SHA-1 the caller has computed already (while it
     * waited for the signature, say): the build does not hash the file again, and the delta declares
     * {@code newFileSha1} (hex), so a wrong one makes the server refuse the delta.
     */
    public DeltaFile build(Signature signature, Path newFile, Path deltaFile, String newFileSha1) throws IOException {
        byte[] knownSha1 = newFileSha1 == null ? null : Octodiff.sha1FromHex(newFileSha1);
        long total = Files.size(newFile);
        try (InputStream in = Files.newInputStream(newFile);
                FileChannel out = FileChannel.open(
                        deltaFile,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            DeltaWriter writer = new DeltaWriter(out);
            writer.writeHeader();
            byte[] sha1;
            try (FileHasher hasher = knownSha1 != null
                    ? FileHasher.known(knownSha1)
                    : total > bufferSize ? FileHasher.background() : FileHasher.inline()) {
                sha1 = new Scan(signature, in, total, writer, hasher).run();
            }
            long size = writer.finish(sha1);
            return new DeltaFile(
                    deltaFile,
                    size,
                    writer.copiedBytes() + writer.literalBytes(),
                    Octodiff.hex(sha1),
                    writer.copiedBytes(),
                    writer.literalBytes(),
                    writer.copyCommands(),
                    writer.dataCommands());
        }
    }

    /**
     * Writes the delta to a new temporary file in {@code directory}; on failure the file is deleted again. The
     * caller deletes it once sent.
     */
    public DeltaFile buildInDirectory(Signature signature, Path newFile, Path directory) throws IOException {
        Path deltaFile = Files.createTempFile(directory, "octodiff-", ".delta");
        try {
            return build(signature, newFile, deltaFile);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(deltaFile);
            throw e;
        }
    }

    /** One build: the scan state over the new file. */
    private final class Scan {
        private final Signature signature;
        private final RollingChecksumAlgorithm algorithm;
        private final InputStream in;
        private final long total;
        private final DeltaWriter writer;
        private final FileHasher fileSha1;
        private final MessageDigest windowSha1 = Octodiff.sha1();
        private final byte[] windowHash = new byte[Octodiff.HASH_LENGTH];
        /** Base offset where the last COPY ended, -1 before the first. */
        private long copyEnd = -1;

        private final byte[] buffer;

        /** Absolute file offset of buffer[0]; buffer holds [base, base + length). */
        private long base;

        private int length;
        private boolean eof;

        Scan(Signature signature, InputStream in, long total, DeltaWriter writer, FileHasher fileSha1) {
            this.fileSha1 = fileSha1;
            this.signature = signature;
            this.algorithm = signature.rollingChecksumAlgorithm();
            this.in = in;
            this.total = total;
            this.writer = writer;
            // A small file needs no 4 MiB buffer; one byte more than the file lets the first read see its end.
            int size = (int) Math.min(bufferSize, total + 1);
            this.buffer = new byte[Math.max(size, signature.maxChunkLength() + 1)];
        }

        byte[] run() throws IOException {
            progress.progress(0, total);
            if (signature.chunkCount() == 0) {
                copyAllAsData();
            } else {
                search();
            }
            progress.progress(base + length, total);
            return fileSha1.digest();
        }

        private void copyAllAsData() throws IOException {
            while (true) {
                fill();
                writer.data(buffer, 0, length);
                if (eof) {
                    return;
                }
                fileSha1.awaitIdle();
                base += length;
                length = 0;
            }
        }

        private void search() throws IOException {
            int max = signature.maxChunkLength();
            int min = signature.minChunkLength();
            long position = 0;
            // Bytes before this are already written: as COPY, or as DATA once no match could start at them.
            long dataFrom = 0;
            int checksum = 0;
            int window = 0;
            boolean fresh = true;
            fill();
            while (true) {
                int i = (int) (position - base);
                int available = length - i;
                if (!eof && available <= max) {
                    // Keep the unscanned tail, read on: rolling needs the window plus the next byte.
                    writer.data(buffer, (int) (dataFrom - base), (int) (position - dataFrom));
                    dataFrom = position;
                    fileSha1.awaitIdle();
                    System.arraycopy(buffer, i, buffer, 0, available);
                    base = position;
                    length = available;
                    fill();
                    progress.progress(base + length, total);
                    continue;
                }
                if (available < min) {
                    break;
                }
                int w = available >= max ? max : min;
                if (fresh || w != window) {
                    checksum = algorithm.calculate(buffer, i, w);
                    window = w;
                    fresh = false;
                }
                long match = matchingChunkOffset(checksum, i, w);
                if (match >= 0) {
                    writer.data(buffer, (int) (dataFrom - base), (int) (position - dataFrom));
                    writer.copy(match, w);
                    copyEnd = match + w;
                    position += w;
                    dataFrom = position;
                    fresh = true;
                    continue;
                }
                if (available > w) {
                    checksum = algorithm.roll(checksum, buffer[i], buffer[i + w], w);
                } else {
                    fresh = true;
                }
                position++;
            }
            writer.data(buffer, (int) (dataFrom - base), (int) (base + length - dataFrom));
        }

        /** Base-file offset of the first chunk equal to buffer[i, i + w), or -1. */
        private long matchingChunkOffset(int checksum, int i, int w) {
            int first = signature.firstWithChecksum(checksum);
            if (first < 0 || !signature.mayMatch(first, w)) {
                return -1;
            }
            windowSha1.update(buffer, i, w);
            try {
                windowSha1.digest(windowHash, 0, windowHash.length);
            } catch (DigestException e) {
                throw new IllegalStateException(e);
            }
            int chunk = signature.matchingChunk(first, w, windowHash);
            if (chunk < 0) {
                return -1;
            }
            return signature.chunkOffset(copyEnd < 0 ? chunk : signature.preferChunkAt(copyEnd, chunk));
        }

        /** Reads until the buffer is full or the file ends, hashing what arrives. */
        private void fill() throws IOException {
            int from = length;
            while (length < buffer.length) {
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    eof = true;
                    break;
                }
                length += n;
            }
            fileSha1.update(buffer, from, length - from);
        }
    }
}

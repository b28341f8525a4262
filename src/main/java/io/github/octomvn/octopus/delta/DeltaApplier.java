package io.github.octomvn.octopus.delta;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Rebuilds a new file from a base file and an Octodiff delta (§5.5), strictly: header, version, "SHA1" with a 20-byte
 * hash, known commands only, whole DATA payloads, COPYs inside the base, and the rebuilt file's SHA-1 equal to the one
 * in the header. Independent of {@link DeltaBuilder}, so it can check it, and is what a server does with a delta.
 */
public final class DeltaApplier {

    private final long maxOutputBytes;

    /** An applier without an output limit. */
    public DeltaApplier() {
        this(Long.MAX_VALUE);
    }

    private DeltaApplier(long maxOutputBytes) {
        this.maxOutputBytes = maxOutputBytes;
    }

    /**
     * The same applier refusing deltas that would rebuild more than {@code maxOutputBytes}: a few bytes of COPY can
     * describe terabytes, which a server must not write on a client's word.
     */
    public DeltaApplier withMaxOutputBytes(long maxOutputBytes) {
        if (maxOutputBytes < 0) {
            throw new IllegalArgumentException("maxOutputBytes must not be negative: " + maxOutputBytes);
        }
        return new DeltaApplier(maxOutputBytes);
    }

    /**
     * Rebuilds into {@code output} (replaced if present); on any failure the output file is deleted, so a refused
     * delta never leaves a half-built package behind.
     */
    public AppliedDelta apply(Path baseFile, Path deltaFile, Path output) throws IOException, InvalidDeltaException {
        boolean done = false;
        try (InputStream delta = Files.newInputStream(deltaFile);
                OutputStream out = Files.newOutputStream(output)) {
            AppliedDelta applied = apply(baseFile, delta, out);
            done = true;
            return applied;
        } finally {
            if (!done) {
                Files.deleteIfExists(output);
            }
        }
    }

    /**
     * Rebuilds into {@code out}, reading {@code delta} to its end; closes neither. Bytes reach {@code out} before the
     * final hash check, so on failure the caller discards what was written.
     */
    public AppliedDelta apply(Path baseFile, InputStream delta, OutputStream out)
            throws IOException, InvalidDeltaException {
        InputStream in = new BufferedInputStream(delta, 64 * 1024);
        byte[] expectedHash = readHeader(in);
        byte[] operands = new byte[16];
        long written = 0;
        try (FileChannel base = FileChannel.open(baseFile, StandardOpenOption.READ);
                Output output = new Output(out)) {
            long baseSize = base.size();
            int command;
            while ((command = in.read()) >= 0) {
                if (command == Octodiff.COPY_COMMAND) {
                    readOperands(in, operands, 16, "COPY");
                    long start = Octodiff.longLe(operands, 0);
                    long length = Octodiff.longLe(operands, 8);
                    if (start < 0 || length < 0 || start > baseSize || length > baseSize - start) {
                        throw new InvalidDeltaException("COPY of " + length + " bytes at " + start
                                + " reaches beyond the base file of " + baseSize + " bytes");
                    }
                    checkOutput(written, length);
                    long position = start;
                    long remaining = length;
                    while (remaining > 0) {
                        byte[] buffer = output.buffer();
                        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, remaining));
                        int n = base.read(chunk, position);
                        if (n <= 0) {
                            throw new IOException("base file ended early at " + position + " while copying");
                        }
                        output.emit(n);
                        position += n;
                        remaining -= n;
                    }
                    written += length;
                } else if (command == Octodiff.DATA_COMMAND) {
                    readOperands(in, operands, 8, "DATA");
                    long length = Octodiff.longLe(operands, 0);
                    if (length < 0) {
                        throw new InvalidDeltaException("DATA command with negative length " + length);
                    }
                    checkOutput(written, length);
                    long remaining = length;
                    while (remaining > 0) {
                        byte[] buffer = output.buffer();
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                        if (n < 0) {
                            throw new InvalidDeltaException("delta ends inside a DATA command: " + remaining + " of "
                                    + length + " bytes missing");
                        }
                        output.emit(n);
                        remaining -= n;
                    }
                    written += length;
                } else {
                    throw new InvalidDeltaException(String.format("unknown delta command 0x%02x", command));
                }
            }
            byte[] actual = output.sha1();
            if (!Arrays.equals(actual, expectedHash)) {
                throw new InvalidDeltaException("rebuilt file has SHA-1 " + Octodiff.hex(actual)
                        + " but the delta expects " + Octodiff.hex(expectedHash));
            }
            return new AppliedDelta(written, Octodiff.hex(actual));
        }
    }

    /**
     * Where rebuilt bytes go: written to the output at once and hashed on a second thread meanwhile, in two buffers
     * that take turns, so that hashing a large package costs little more than copying it.
     */
    private static final class Output implements AutoCloseable {
        private static final int BUFFER_SIZE = 1024 * 1024;

        private final OutputStream out;
        private final FileHasher hasher = FileHasher.background();
        private final byte[][] buffers = {new byte[BUFFER_SIZE], new byte[BUFFER_SIZE]};
        private int current;

        Output(OutputStream out) {
            this.out = out;
        }

        /** The buffer to fill next; its bytes were hashed before it is handed out again. */
        byte[] buffer() {
            return buffers[current];
        }

        /** Writes and hashes the first {@code n} bytes of {@link #buffer()}. */
        void emit(int n) throws IOException {
            byte[] filled = buffers[current];
            out.write(filled, 0, n);
            hasher.awaitIdle(); // the other buffer, filled last time, is hashed: it may be refilled
            hasher.update(filled, 0, n);
            current = 1 - current;
        }

        byte[] sha1() throws IOException {
            return hasher.digest();
        }

        @Override
        public void close() {
            hasher.close();
        }
    }

    private void checkOutput(long written, long more) throws InvalidDeltaException {
        if (more > maxOutputBytes - written) {
            throw new InvalidDeltaException("delta would rebuild more than " + maxOutputBytes + " bytes");
        }
    }

    private static byte[] readHeader(InputStream in) throws IOException, InvalidDeltaException {
        if (!Arrays.equals(in.readNBytes(Octodiff.DELTA_MAGIC.length), Octodiff.DELTA_MAGIC)) {
            throw new InvalidDeltaException("not an Octodiff delta (no OCTODELTA header)");
        }
        int version = in.read();
        if (version != Octodiff.FORMAT_VERSION) {
            throw new InvalidDeltaException(
                    version < 0 ? "delta ends after its header" : "unsupported delta version " + version);
        }
        byte[] name = Octodiff.dotNetString(Octodiff.HASH_ALGORITHM);
        if (!Arrays.equals(readExactly(in, name.length), name)) {
            throw new InvalidDeltaException("delta hash algorithm is not SHA1");
        }
        byte[] length = readExactly(in, 4);
        if (Octodiff.intLe(length, 0) != Octodiff.HASH_LENGTH) {
            throw new InvalidDeltaException(
                    "delta declares a hash of " + Octodiff.intLe(length, 0) + " bytes; SHA-1 has 20");
        }
        byte[] hash = readExactly(in, Octodiff.HASH_LENGTH);
        if (!Arrays.equals(readExactly(in, Octodiff.END_OF_METADATA.length), Octodiff.END_OF_METADATA)) {
            throw new InvalidDeltaException("delta metadata does not end with '>>>'");
        }
        return hash;
    }

    private static void readOperands(InputStream in, byte[] operands, int length, String command)
            throws IOException, InvalidDeltaException {
        if (in.readNBytes(operands, 0, length) != length) {
            throw new InvalidDeltaException("delta ends inside a " + command + " command");
        }
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException, InvalidDeltaException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new InvalidDeltaException("delta ends inside its header");
        }
        return bytes;
    }
}

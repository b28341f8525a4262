package io.github.octomvn.octopus.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes Octodiff delta commands (§5.5) to a file in one pass: adjacent COPYs merge into one, consecutive literal
 * bytes share one DATA command whose length is patched in when it closes, and the new file's SHA-1 is patched into the
 * header at the end, so the builder never reads the new file twice nor holds a gap in memory.
 */
final class DeltaWriter {

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
    /** Bytes handed to the channel so far; buffer content follows them. */
    private long flushed;

    private long hashPosition;
    private long pendingCopyStart = -1;
    private long pendingCopyLength;
    private long dataLengthPosition = -1;
    private long dataLength;

    private long copiedBytes;
    private long literalBytes;
    private int copyCommands;
    private int dataCommands;

    DeltaWriter(FileChannel channel) {
        this.channel = channel;
    }

    void writeHeader() throws IOException {
        buffer.put(Octodiff.DELTA_MAGIC);
        buffer.put((byte) Octodiff.FORMAT_VERSION);
        buffer.put(Octodiff.dotNetString(Octodiff.HASH_ALGORITHM));
        byte[] length = new byte[4];
        Octodiff.putIntLe(length, 0, Octodiff.HASH_LENGTH);
        buffer.put(length);
        hashPosition = position();
        buffer.put(new byte[Octodiff.HASH_LENGTH]);
        buffer.put(Octodiff.END_OF_METADATA);
    }

    void copy(long start, long length) throws IOException {
        closeData();
        if (pendingCopyStart >= 0 && pendingCopyStart + pendingCopyLength == start) {
            pendingCopyLength += length;
        } else {
            flushCopy();
            pendingCopyStart = start;
            pendingCopyLength = length;
        }
        copiedBytes += length;
    }

    void data(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        flushCopy();
        if (dataLengthPosition < 0) {
            ensureRoom(9);
            buffer.put((byte) Octodiff.DATA_COMMAND);
            dataLengthPosition = position();
            buffer.put(new byte[8]);
            dataLength = 0;
            dataCommands++;
        }
        if (length > buffer.remaining()) {
            flush();
            if (length > buffer.remaining()) {
                writeFully(ByteBuffer.wrap(bytes, offset, length), flushed);
                flushed += length;
                dataLength += length;
                literalBytes += length;
                return;
            }
        }
        buffer.put(bytes, offset, length);
        dataLength += length;
        literalBytes += length;
    }

    /** Ends the delta: pending commands out, the new file's hash into the header; returns the delta's size. */
    long finish(byte[] newFileSha1) throws IOException {
        closeData();
        flushCopy();
        flush();
        writeFully(ByteBuffer.wrap(newFileSha1), hashPosition);
        return flushed;
    }

    long copiedBytes() {
        return copiedBytes;
    }

    long literalBytes() {
        return literalBytes;
    }

    int copyCommands() {
        return copyCommands;
    }

    int dataCommands() {
        return dataCommands;
    }

    private void flushCopy() throws IOException {
        if (pendingCopyStart < 0) {
            return;
        }
        ensureRoom(17);
        byte[] command = new byte[17];
        command[0] = (byte) Octodiff.COPY_COMMAND;
        Octodiff.putLongLe(command, 1, pendingCopyStart);
        Octodiff.putLongLe(command, 9, pendingCopyLength);
        buffer.put(command);
        pendingCopyStart = -1;
        copyCommands++;
    }

    private void closeData() throws IOException {
        if (dataLengthPosition < 0) {
            return;
        }
        byte[] length = new byte[8];
        Octodiff.putLongLe(length, 0, dataLength);
        if (dataLengthPosition >= flushed) {
            // Still buffered (the common case for short gaps): patch in place.
            int at = (int) (dataLengthPosition - flushed);
            for (int i = 0; i < 8; i++) {
                buffer.put(at + i, length[i]);
            }
        } else {
            writeFully(ByteBuffer.wrap(length), dataLengthPosition);
        }
        dataLengthPosition = -1;
    }

    private long position() {
        return flushed + buffer.position();
    }

    private void ensureRoom(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    private void writeFully(ByteBuffer bytes, long at) throws IOException {
        long position = at;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            flushed += channel.write(buffer, flushed);
        }
        buffer.clear();
    }
}

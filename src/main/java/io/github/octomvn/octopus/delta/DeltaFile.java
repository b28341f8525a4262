package io.github.octomvn.octopus.delta;

import java.nio.file.Path;

/** A delta the builder wrote, with the sizes the push flow decides on and reports. */
public final class DeltaFile {

    private final Path path;
    private final long deltaSize;
    private final long newFileSize;
    private final String newFileSha1;
    private final long copiedBytes;
    private final long literalBytes;
    private final int copyCommands;
    private final int dataCommands;

    DeltaFile(
            Path path,
            long deltaSize,
            long newFileSize,
            String newFileSha1,
            long copiedBytes,
            long literalBytes,
            int copyCommands,
            int dataCommands) {
        this.path = path;
        this.deltaSize = deltaSize;
        this.newFileSize = newFileSize;
        this.newFileSha1 = newFileSha1;
        this.copiedBytes = copiedBytes;
        this.literalBytes = literalBytes;
        this.copyCommands = copyCommands;
        this.dataCommands = dataCommands;
    }

    /** Where the delta was written; the caller owns (and deletes) it. */
    public Path path() {
        return path;
    }

    /** Bytes of the delta file, header included: what a delta push sends. */
    public long deltaSize() {
        return deltaSize;
    }

    /** Bytes of the new file: what a full push would send. */
    public long newFileSize() {
        return newFileSize;
    }

    /** Lower-case hex SHA-1 of the new file, as written in the delta header. */
    public String newFileSha1() {
        return newFileSha1;
    }

    /** Bytes of the new file rebuilt from the base by COPY commands. */
    public long copiedBytes() {
        return copiedBytes;
    }

    /** Bytes of the new file carried in DATA commands. */
    public long literalBytes() {
        return literalBytes;
    }

    public int copyCommands() {
        return copyCommands;
    }

    public int dataCommands() {
        return dataCommands;
    }

    /** Delta size over new-file size (1.0 for an empty new file, so an empty file is never "worth" a delta). */
    public double ratio() {
        return newFileSize == 0 ? 1.0 : (double) deltaSize / newFileSize;
    }

    @Override
    public String toString() {
        return "delta " + deltaSize + " of " + newFileSize + " bytes (" + copyCommands + " COPY, " + dataCommands
                + " DATA) at " + path;
    }
}

package io.github.octomvn.octopus.delta;

import java.util.Objects;

/** One chunk of the base file as a signature describes it: where it starts, how long it is, its two hashes. */
public final class ChunkSignature {

    private final long startOffset;
    private final int length;
    private final long rollingChecksum;
    private final String sha1;

    ChunkSignature(long startOffset, int length, long rollingChecksum, String sha1) {
        this.startOffset = startOffset;
        this.length = length;
        this.rollingChecksum = rollingChecksum;
        this.sha1 = sha1;
    }

    /** Offset in the base file: the sum of the lengths of the chunks before it (not stored in the signature). */
    public long startOffset() {
        return startOffset;
    }

    public int length() {
        return length;
    }

    /** The rolling checksum as the unsigned 32-bit value Octodiff writes. */
    public long rollingChecksum() {
        return rollingChecksum;
    }

    /** Lower-case hex SHA-1 of the chunk. */
    public String sha1() {
        return sha1;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChunkSignature)) {
            return false;
        }
        ChunkSignature other = (ChunkSignature) o;
        return startOffset == other.startOffset
                && length == other.length
                && rollingChecksum == other.rollingChecksum
                && sha1.equals(other.sha1);
    }

    @Override
    public int hashCode() {
        return Objects.hash(startOffset, length, rollingChecksum, sha1);
    }

    @Override
    public String toString() {
        return "chunk@" + startOffset + "+" + length + " rolling=" + rollingChecksum + " sha1=" + sha1;
    }
}

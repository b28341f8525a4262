package io.github.octomvn.octopus.delta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A base file's Octodiff signature, read and indexed for the delta builder: chunk entries in compact arrays (about 28
 * bytes per chunk, plus a lookup table) rather than one object per chunk, so a signature of a multi-GiB base fits a
 * small heap.
 */
public final class Signature {

    private final RollingChecksumAlgorithm algorithm;
    private final int count;
    /** SHA-1 of chunk i at [20 i, 20 i + 20), file order. */
    private final byte[] hashes;
    /** Length of chunk i (1..31744), file order. */
    private final char[] lengths;
    /** Start of chunk i, or null when all chunks but the last have one length (what Octodiff writes). */
    private final long[] offsets;

    private final long baseLength;
    private final int minLength;
    private final int maxLength;

    /** Checksums sorted (grouped) with their chunk index; within a group by SHA-1, then file order. */
    private final int[] sortedChecksums;

    private final int[] sortedChunks;
    /** Open addressing: checksum → 1 + first position of its group in the sorted arrays, 0 when absent. */
    private final int[] table;

    private final int tableShift;

    Signature(RollingChecksumAlgorithm algorithm, int count, int[] checksums, byte[] hashes, char[] lengths) {
        this.algorithm = algorithm;
        this.count = count;
        this.hashes = hashes;
        this.lengths = lengths;
        boolean uniform = true;
        int min = Integer.MAX_VALUE;
        int max = 0;
        long total = 0;
        for (int i = 0; i < count; i++) {
            int length = lengths[i];
            min = Math.min(min, length);
            max = Math.max(max, length);
            total += length;
            if (i > 0 && (i < count - 1 ? length != lengths[0] : length > lengths[0])) {
                uniform = false;
            }
        }
        this.baseLength = total;
        this.minLength = count == 0 ? 0 : min;
        this.maxLength = max;
        if (uniform) {
            this.offsets = null;
        } else {
            this.offsets = new long[count];
            long offset = 0;
            for (int i = 0; i < count; i++) {
                offsets[i] = offset;
                offset += lengths[i];
            }
        }

        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            keys[i] = ((long) checksums[i] << 32) | i;
        }
        Arrays.sort(keys);
        this.sortedChecksums = new int[count];
        this.sortedChunks = new int[count];
        for (int i = 0; i < count; i++) {
            sortedChecksums[i] = (int) (keys[i] >>> 32);
            sortedChunks[i] = (int) keys[i];
        }
        for (int from = 0; from < count; ) {
            int to = from + 1;
            while (to < count && sortedChecksums[to] == sortedChecksums[from]) {
                to++;
            }
            if (to - from > 1) {
                sortGroup(from, to);
            }
            from = to;
        }
        // At most half full, so the common case (no chunk has this checksum) ends after a probe or two.
        int capacity = 2;
        while (capacity < 2L * count) {
            capacity <<= 1;
        }
        this.table = new int[capacity];
        this.tableShift = 32 - Integer.numberOfTrailingZeros(capacity);
        for (int i = count - 1; i >= 0; i--) {
            if (i == 0 || sortedChecksums[i - 1] != sortedChecksums[i]) {
                int slot = slot(sortedChecksums[i]);
                while (table[slot] != 0) {
                    slot = (slot + 1) & (capacity - 1);
                }
                table[slot] = i + 1;
            }
        }
    }

    public RollingChecksumAlgorithm rollingChecksumAlgorithm() {
        return algorithm;
    }

    /** Always "SHA1": the only chunk hash Octodiff defines and the only one the reader accepts. */
    public String hashAlgorithm() {
        return Octodiff.HASH_ALGORITHM;
    }

    public int chunkCount() {
        return count;
    }

    /** Length of the base file the signature describes: the sum of its chunk lengths. */
    public long baseFileLength() {
        return baseLength;
    }

    /** The chunks in file order; allocates one object per chunk, so meant for tests and diagnostics. */
    public List<ChunkSignature> chunks() {
        List<ChunkSignature> chunks = new ArrayList<>(count);
        int[] checksums = new int[count];
        for (int i = 0; i < count; i++) {
            checksums[sortedChunks[i]] = sortedChecksums[i];
        }
        for (int i = 0; i < count; i++) {
            chunks.add(new ChunkSignature(
                    chunkOffset(i),
                    chunkLength(i),
                    checksums[i] & 0xFFFFFFFFL,
                    Octodiff.hex(Arrays.copyOfRange(hashes, i * 20, i * 20 + 20))));
        }
        return Collections.unmodifiableList(chunks);
    }

    int minChunkLength() {
        return minLength;
    }

    int maxChunkLength() {
        return maxLength;
    }

    long chunkOffset(int chunk) {
        return offsets == null ? (long) chunk * lengths[0] : offsets[chunk];
    }

    int chunkLength(int chunk) {
        return lengths[chunk];
    }

    /** Position of the first sorted entry with this checksum, or -1: the builder's per-byte question. */
    int firstWithChecksum(int checksum) {
        int slot = slot(checksum);
        int mask = table.length - 1;
        int entry;
        while ((entry = table[slot]) != 0) {
            if (sortedChecksums[entry - 1] == checksum) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** Whether a window of {@code length} bytes could match the group at {@code first}, before hashing it. */
    boolean mayMatch(int first, int length) {
        boolean single = first + 1 == count || sortedChecksums[first + 1] != sortedChecksums[first];
        return !single || lengths[sortedChunks[first]] == length;
    }

    /**
     * The earliest chunk of the group at {@code first} whose SHA-1 is {@code sha1} and whose length is {@code length},
     * or -1. A binary search, so a hostile signature with millions of chunks sharing one checksum costs a few
     * comparisons per position instead of millions.
     */
    int matchingChunk(int first, int length, byte[] sha1) {
        int end = groupEnd(first);
        int low = first;
        int high = end;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (compareHash(sortedChunks[mid], sha1) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        if (low == end || compareHash(sortedChunks[low], sha1) != 0) {
            return -1;
        }
        // Equal SHA-1 means equal content, hence equal length; only a forged signature differs here.
        int chunk = sortedChunks[low];
        return lengths[chunk] == length ? chunk : -1;
    }

    private int groupEnd(int first) {
        int checksum = sortedChecksums[first];
        int step = 1;
        int known = first;
        // Gallop, then bisect: groups are almost always one entry long.
        while (known + step < count && sortedChecksums[known + step] == checksum) {
            known += step;
            step <<= 1;
        }
        int low = known + 1;
        int high = Math.min(count, known + step);
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sortedChecksums[mid] == checksum) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private int compareHash(int chunk, byte[] sha1) {
        int from = chunk * Octodiff.HASH_LENGTH;
        return Arrays.compareUnsigned(hashes, from, from + Octodiff.HASH_LENGTH, sha1, 0, Octodiff.HASH_LENGTH);
    }

    /** Orders chunks of equal checksum by (SHA-1, index): binary-searchable, earliest of equal chunks first. */
    private int compareChunks(int a, int b) {
        int byHash = Arrays.compareUnsigned(
                hashes,
                a * Octodiff.HASH_LENGTH,
                (a + 1) * Octodiff.HASH_LENGTH,
                hashes,
                b * Octodiff.HASH_LENGTH,
                (b + 1) * Octodiff.HASH_LENGTH);
        return byHash != 0 ? byHash : Integer.compare(a, b);
    }

    /** Heapsort of sortedChunks[from, to): in place, O(n log n) even for a forged group of millions. */
    private void sortGroup(int from, int to) {
        int n = to - from;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(from, i, n);
        }
        for (int last = n - 1; last > 0; last--) {
            swap(from, from + last);
            siftDown(from, 0, last);
        }
    }

    private void siftDown(int from, int root, int n) {
        while (true) {
            int child = 2 * root + 1;
            if (child >= n) {
                return;
            }
            if (child + 1 < n && compareChunks(sortedChunks[from + child + 1], sortedChunks[from + child]) > 0) {
                child++;
            }
            if (compareChunks(sortedChunks[from + root], sortedChunks[from + child]) >= 0) {
                return;
            }
            swap(from + root, from + child);
            root = child;
        }
    }

    private void swap(int i, int j) {
        int t = sortedChunks[i];
        sortedChunks[i] = sortedChunks[j];
        sortedChunks[j] = t;
    }

    private int slot(int checksum) {
        // Fibonacci hashing: Adler sums cluster in their low bits, the multiply spreads them over the table.
        return (checksum * 0x9E3779B9) >>> tableShift;
    }
}

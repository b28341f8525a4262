package io.github.octomvn.octopus.delta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A base file's Octodiff signature, read and indexed for the delta builder: chunk entries in compact arrays (about 40
 * bytes per chunk with the index) rather than one object per chunk, so a signature of a multi-GiB base fits a small
 * heap. Immutable, so one signature may serve several builds at once.
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

    /*
     * The index the builder asks at every byte of the new file. Chunks are bucketed by a hash of their checksum and,
     * within a bucket, ordered by (checksum, SHA-1, file order): equal checksums form a run, bisectable by SHA-1, whose
     * first equal entry is the earliest equal chunk (Octodiff's choice). A bit set of 16 bits per chunk, small enough
     * to stay in cache, turns away almost every position before the bucket arrays are touched.
     */
    private final int[] sortedChecksums;
    private final int[] sortedChunks;
    /** Bucket b holds sorted positions [bucketStart[b], bucketStart[b + 1]). */
    private final int[] bucketStart;

    private final int bucketShift;
    private final long[] filter;
    private final int filterShift;

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

        int bucketBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, count - 1)));
        this.bucketShift = 32 - bucketBits;
        int buckets = 1 << bucketBits;
        this.bucketStart = new int[buckets + 1];
        for (int i = 0; i < count; i++) {
            bucketStart[bucket(checksums[i]) + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            bucketStart[b + 1] += bucketStart[b];
        }
        // Counting sort: placing advances each bucket's start to its end, the shift below puts the starts back.
        this.sortedChecksums = new int[count];
        this.sortedChunks = new int[count];
        for (int i = 0; i < count; i++) {
            int position = bucketStart[bucket(checksums[i])]++;
            sortedChecksums[position] = checksums[i];
            sortedChunks[position] = i;
        }
        System.arraycopy(bucketStart, 0, bucketStart, 1, buckets);
        bucketStart[0] = 0;
        for (int b = 0; b < buckets; b++) {
            if (bucketStart[b + 1] - bucketStart[b] > 1) {
                sortRange(bucketStart[b], bucketStart[b + 1]);
            }
        }

        int filterBits = Math.max(6, bucketBits + 4);
        this.filterShift = 32 - filterBits;
        this.filter = new long[1 << (filterBits - 6)];
        for (int i = 0; i < count; i++) {
            int bit = mix(checksums[i]) >>> filterShift;
            filter[bit >>> 6] |= 1L << bit;
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
        int hash = mix(checksum);
        int bit = hash >>> filterShift;
        if ((filter[bit >>> 6] & (1L << bit)) == 0) {
            return -1;
        }
        int b = hash >>> bucketShift;
        int low = bucketStart[b];
        int high = bucketStart[b + 1];
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Integer.compareUnsigned(sortedChecksums[mid], checksum) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low < bucketStart[b + 1] && sortedChecksums[low] == checksum ? low : -1;
    }

    /** Whether a window of {@code length} bytes could match the run at {@code first}, before hashing it. */
    boolean mayMatch(int first, int length) {
        boolean single = first + 1 == count || sortedChecksums[first + 1] != sortedChecksums[first];
        return !single || lengths[sortedChunks[first]] == length;
    }

    /**
     * The earliest chunk of the run at {@code first} whose SHA-1 is {@code sha1} and whose length is {@code length},
     * or -1. A binary search, so a forged signature with millions of chunks sharing one checksum costs a few
     * comparisons per position instead of millions.
     */
    int matchingChunk(int first, int length, byte[] sha1) {
        int end = runEnd(first);
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

    /** End of the run of equal checksums starting at {@code first}; equal checksums share a bucket, so it is contiguous. */
    private int runEnd(int first) {
        int checksum = sortedChecksums[first];
        int step = 1;
        int known = first;
        // Gallop, then bisect: runs are almost always one entry long.
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

    /**
     * The chunk starting at base offset {@code offset} if it holds the same bytes as {@code chunk} (equal length and
     * SHA-1), else {@code chunk}. Repeated content (a run of zeros, a file packed twice) matches many chunks; taking
     * the one that continues the previous COPY lets the two merge into one command instead of one per chunk.
     */
    int preferChunkAt(long offset, int chunk) {
        int at = chunkStartingAt(offset);
        if (at < 0 || at == chunk || lengths[at] != lengths[chunk]) {
            return chunk;
        }
        int a = at * Octodiff.HASH_LENGTH;
        int b = chunk * Octodiff.HASH_LENGTH;
        return Arrays.equals(hashes, a, a + Octodiff.HASH_LENGTH, hashes, b, b + Octodiff.HASH_LENGTH) ? at : chunk;
    }

    /** The chunk that starts exactly at {@code offset}, or -1. */
    private int chunkStartingAt(long offset) {
        if (offset < 0 || offset >= baseLength) {
            return -1;
        }
        if (offsets == null) {
            long index = offset / lengths[0];
            return offset % lengths[0] == 0 && index < count ? (int) index : -1;
        }
        int found = Arrays.binarySearch(offsets, offset);
        return found >= 0 ? found : -1;
    }

    private int compareHash(int chunk, byte[] sha1) {
        int from = chunk * Octodiff.HASH_LENGTH;
        return Arrays.compareUnsigned(hashes, from, from + Octodiff.HASH_LENGTH, sha1, 0, Octodiff.HASH_LENGTH);
    }

    /** The order within a bucket: checksum (unsigned), SHA-1, file order. */
    private int compareEntries(int i, int j) {
        int byChecksum = Integer.compareUnsigned(sortedChecksums[i], sortedChecksums[j]);
        if (byChecksum != 0) {
            return byChecksum;
        }
        int a = sortedChunks[i];
        int b = sortedChunks[j];
        int byHash = Arrays.compareUnsigned(
                hashes,
                a * Octodiff.HASH_LENGTH,
                (a + 1) * Octodiff.HASH_LENGTH,
                hashes,
                b * Octodiff.HASH_LENGTH,
                (b + 1) * Octodiff.HASH_LENGTH);
        return byHash != 0 ? byHash : Integer.compare(a, b);
    }

    /** Heapsort of the sorted positions [from, to): in place, O(n log n) even for a forged bucket of millions. */
    private void sortRange(int from, int to) {
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
            if (child + 1 < n && compareEntries(from + child + 1, from + child) > 0) {
                child++;
            }
            if (compareEntries(from + root, from + child) >= 0) {
                return;
            }
            swap(from + root, from + child);
            root = child;
        }
    }

    private void swap(int i, int j) {
        int checksum = sortedChecksums[i];
        sortedChecksums[i] = sortedChecksums[j];
        sortedChecksums[j] = checksum;
        int chunk = sortedChunks[i];
        sortedChunks[i] = sortedChunks[j];
        sortedChunks[j] = chunk;
    }

    private int bucket(int checksum) {
        return mix(checksum) >>> bucketShift;
    }

    /** Murmur3's finaliser: Adler sums cluster, the index needs their bits spread evenly. */
    private static int mix(int checksum) {
        int h = checksum;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}

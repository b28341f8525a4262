package io.github.octomvn.octopus.delta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.security.MessageDigest;

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
        out.write(Octodiff.SIGNATURE_MAGIC);
        out.write(Octodiff.FORMAT_VERSION);
        out.write(Octodiff.dotNetString(Octodiff.HASH_ALGORITHM));
        out.write(Octodiff.dotNetString(algorithm.wireName()));
        out.write(Octodiff.END_OF_METADATA);
        MessageDigest sha1 = Octodiff.sha1();
        byte[] chunk = new byte[chunkSize];
        byte[] entry = new byte[Octodiff.CHUNK_ENTRY_LENGTH];
        int n;
        while ((n = base.readNBytes(chunk, 0, chunkSize)) > 0) {
            Octodiff.putShortLe(entry, 0, n);
            Octodiff.putIntLe(entry, 2, algorithm.calculate(chunk, 0, n));
            sha1.update(chunk, 0, n);
            try {
                sha1.digest(entry, 6, Octodiff.HASH_LENGTH);
            } catch (DigestException e) {
                throw new IllegalStateException(e);
            }
            out.write(entry);
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

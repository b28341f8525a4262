package io.github.octomvn.octopus.delta;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads an Octodiff signature strictly (§5.3): magic, version 1, "SHA1", a known rolling checksum, end-of-metadata
 * marker, then whole 26-byte chunk entries with lengths within Octodiff's bounds. Anything else, including input
 * too large to index, is an {@link UnusableSignatureException}, never a runtime failure.
 */
public final class SignatureReader {

    /**
     * Default cap on chunk entries: 4 Mi entries is a 104 MiB signature, a base of 8 GiB at the default chunk size,
     * and about 160 MiB of heap once indexed.
     */
    public static final int DEFAULT_MAX_CHUNKS = 4 * 1024 * 1024;

    /** .NET strings are length-prefixed; a hostile length must not make us allocate before we refuse it. */
    private static final int MAX_NAME_BYTES = 64;

    private final int maxChunks;

    public SignatureReader() {
        this(DEFAULT_MAX_CHUNKS);
    }

    /** A reader that refuses signatures of more than {@code maxChunks} chunks. */
    public SignatureReader(int maxChunks) {
        if (maxChunks < 0 || maxChunks > Integer.MAX_VALUE / Octodiff.HASH_LENGTH) {
            throw new IllegalArgumentException(
                    "maxChunks must be within 0.." + Integer.MAX_VALUE / Octodiff.HASH_LENGTH + ": " + maxChunks);
        }
        this.maxChunks = maxChunks;
    }

    /** Reads a signature held in memory (e.g. the base64-decoded body the server sent). */
    public Signature read(byte[] signature) throws UnusableSignatureException {
        try {
            ByteArrayInputStream in = new ByteArrayInputStream(signature);
            RollingChecksumAlgorithm algorithm = readHeader(in);
            int remaining = in.available();
            if (remaining % Octodiff.CHUNK_ENTRY_LENGTH != 0) {
                throw new UnusableSignatureException("signature chunk area of " + remaining
                        + " bytes is not a whole number of " + Octodiff.CHUNK_ENTRY_LENGTH + "-byte entries");
            }
            return readChunks(in, algorithm, remaining / Octodiff.CHUNK_ENTRY_LENGTH);
        } catch (IOException e) {
            throw new UnusableSignatureException("could not read the signature: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the base64 text of the server's {@code Signature} field (§5.1); text that is not base64 is as unusable as
     * a malformed signature.
     */
    public Signature readBase64(String signature) throws UnusableSignatureException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new UnusableSignatureException("signature is not base64: " + e.getMessage(), e);
        }
        return read(bytes);
    }

    /**
     * Reads a signature from a stream to its end, e.g. the server's base64 decoded on the fly
     * ({@code Base64.getDecoder().wrap(...)}) so a large signature is never held twice; does not close it.
     */
    public Signature read(InputStream signature) throws UnusableSignatureException {
        try {
            // Entries are read 26 bytes at a time; a network stream must not see one call per entry.
            InputStream in = new BufferedInputStream(signature, 64 * 1024);
            RollingChecksumAlgorithm algorithm = readHeader(in);
            return readChunks(in, algorithm, -1);
        } catch (IOException e) {
            throw new UnusableSignatureException("could not read the signature: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a signature file (e.g. the server's answer saved to disk): its size says how many chunks there are, so
     * the arrays are allocated once, at their final size, instead of doubling as a stream's must (half again the
     * heap, for a moment, on a multi-GiB base).
     */
    public Signature read(Path signature) throws UnusableSignatureException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(signature), 64 * 1024)) {
            long size = Files.size(signature);
            RollingChecksumAlgorithm algorithm = readHeader(in);
            long remaining = size - headerLength(algorithm);
            if (remaining < 0 || remaining % Octodiff.CHUNK_ENTRY_LENGTH != 0) {
                throw new UnusableSignatureException("signature chunk area of " + remaining
                        + " bytes is not a whole number of " + Octodiff.CHUNK_ENTRY_LENGTH + "-byte entries");
            }
            long chunks = remaining / Octodiff.CHUNK_ENTRY_LENGTH;
            if (chunks > maxChunks) {
                throw tooMany();
            }
            return readChunks(in, algorithm, (int) chunks);
        } catch (IOException e) {
            throw new UnusableSignatureException("could not read the signature: " + e.getMessage(), e);
        }
    }

    private static long headerLength(RollingChecksumAlgorithm algorithm) {
        return Octodiff.SIGNATURE_MAGIC.length
                + 1
                + Octodiff.dotNetString(Octodiff.HASH_ALGORITHM).length
                + Octodiff.dotNetString(algorithm.wireName()).length
                + Octodiff.END_OF_METADATA.length;
    }

    private static RollingChecksumAlgorithm readHeader(InputStream in) throws IOException, UnusableSignatureException {
        if (!Arrays.equals(in.readNBytes(Octodiff.SIGNATURE_MAGIC.length), Octodiff.SIGNATURE_MAGIC)) {
            throw new UnusableSignatureException("not an Octodiff signature (no OCTOSIG header)");
        }
        int version = in.read();
        if (version != Octodiff.FORMAT_VERSION) {
            throw new UnusableSignatureException(
                    version < 0 ? "signature ends after its header" : "unsupported signature version " + version);
        }
        String hash = readName(in, "hash algorithm");
        if (!Octodiff.HASH_ALGORITHM.equals(hash)) {
            throw new UnusableSignatureException("unsupported signature hash algorithm '" + hash + "' (only SHA1)");
        }
        String rolling = readName(in, "rolling checksum algorithm");
        RollingChecksumAlgorithm algorithm = RollingChecksumAlgorithm.byWireName(rolling)
                .orElseThrow(() -> new UnusableSignatureException(
                        "unsupported rolling checksum algorithm '" + rolling + "' (only Adler32, Adler32V2)"));
        if (!Arrays.equals(
                readExactly(in, Octodiff.END_OF_METADATA.length, "end-of-metadata marker"), Octodiff.END_OF_METADATA)) {
            throw new UnusableSignatureException("signature metadata does not end with '>>>'");
        }
        return algorithm;
    }

    /** {@code knownCount} is the exact entry count when the size is known up front, -1 for a stream. */
    private Signature readChunks(InputStream in, RollingChecksumAlgorithm algorithm, int knownCount)
            throws IOException, UnusableSignatureException {
        if (knownCount > maxChunks) {
            throw tooMany();
        }
        int capacity = knownCount >= 0 ? knownCount : Math.min(maxChunks, 4096);
        int[] checksums;
        byte[] hashes;
        char[] lengths;
        try {
            checksums = new int[capacity];
            hashes = new byte[capacity * Octodiff.HASH_LENGTH];
            lengths = new char[capacity];
        } catch (OutOfMemoryError e) {
            throw tooLarge(capacity);
        }
        byte[] entry = new byte[Octodiff.CHUNK_ENTRY_LENGTH];
        int count = 0;
        while (true) {
            int n = in.readNBytes(entry, 0, entry.length);
            if (n == 0) {
                break;
            }
            if (n < entry.length) {
                throw new UnusableSignatureException("signature ends inside a chunk entry: the chunk area is not a"
                        + " whole number of " + Octodiff.CHUNK_ENTRY_LENGTH + "-byte entries");
            }
            if (count == capacity) {
                if (count == maxChunks) {
                    throw tooMany();
                }
                capacity = (int) Math.min(maxChunks, 2L * capacity);
                try {
                    checksums = Arrays.copyOf(checksums, capacity);
                    hashes = Arrays.copyOf(hashes, capacity * Octodiff.HASH_LENGTH);
                    lengths = Arrays.copyOf(lengths, capacity);
                } catch (OutOfMemoryError e) {
                    throw tooLarge(capacity);
                }
            }
            int length = Octodiff.shortLe(entry, 0);
            if (length < 1 || length > Octodiff.MAX_CHUNK_SIZE) {
                throw new UnusableSignatureException("signature chunk " + count + " has length " + length
                        + ", outside 1.." + Octodiff.MAX_CHUNK_SIZE);
            }
            lengths[count] = (char) length;
            checksums[count] = Octodiff.intLe(entry, 2);
            System.arraycopy(entry, 6, hashes, count * Octodiff.HASH_LENGTH, Octodiff.HASH_LENGTH);
            count++;
        }
        // Octodiff cuts every chunk but the last at the chosen chunk size, never below 128 bytes.
        for (int i = 0; i < count - 1; i++) {
            if (lengths[i] < Octodiff.MIN_CHUNK_SIZE) {
                throw new UnusableSignatureException("signature chunk " + i + " has length " + (int) lengths[i]
                        + " but only the last chunk may be shorter than " + Octodiff.MIN_CHUNK_SIZE);
            }
        }
        try {
            if (capacity != count) {
                // The signature keeps these arrays; a stream's doubling must not leave up to half of them unused.
                hashes = Arrays.copyOf(hashes, count * Octodiff.HASH_LENGTH);
                lengths = Arrays.copyOf(lengths, count);
            }
            return new Signature(algorithm, count, checksums, hashes, lengths);
        } catch (OutOfMemoryError e) {
            throw tooLarge(count);
        }
    }

    private UnusableSignatureException tooMany() {
        return new UnusableSignatureException("signature has more than " + maxChunks + " chunks");
    }

    private static UnusableSignatureException tooLarge(int chunks) {
        return new UnusableSignatureException("signature of " + chunks + " chunks does not fit in memory");
    }

    private static String readName(InputStream in, String what) throws IOException, UnusableSignatureException {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new UnusableSignatureException("signature ends inside the " + what);
            }
            if (shift == 28 && (b & 0xF0) != 0) {
                throw new UnusableSignatureException("malformed length of the " + what);
            }
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (length < 0 || length > MAX_NAME_BYTES) {
            throw new UnusableSignatureException("implausible " + what + " name length " + length);
        }
        byte[] bytes = readExactly(in, length, what);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UnusableSignatureException("the " + what + " name is not UTF-8");
        }
    }

    private static byte[] readExactly(InputStream in, int length, String what)
            throws IOException, UnusableSignatureException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new UnusableSignatureException("signature ends inside the " + what);
        }
        return bytes;
    }
}

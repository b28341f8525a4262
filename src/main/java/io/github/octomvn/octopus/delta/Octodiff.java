package io.github.octomvn.octopus.delta;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Constants and byte helpers of the Octodiff binary formats (§5.3, §5.5), shared by readers and writers. */
final class Octodiff {

    static final byte[] SIGNATURE_MAGIC = ascii("OCTOSIG");
    static final byte[] DELTA_MAGIC = ascii("OCTODELTA");
    static final byte[] END_OF_METADATA = ascii(">>>");
    static final int FORMAT_VERSION = 1;
    static final String HASH_ALGORITHM = "SHA1";
    static final int HASH_LENGTH = 20;

    /** A signature entry: int16 length, uint32 rolling checksum, SHA-1. */
    static final int CHUNK_ENTRY_LENGTH = 2 + 4 + HASH_LENGTH;

    static final int COPY_COMMAND = 0x60;
    static final int DATA_COMMAND = 0x80;

    static final int MIN_CHUNK_SIZE = 128;
    static final int DEFAULT_CHUNK_SIZE = 2048;
    static final int MAX_CHUNK_SIZE = 31 * 1024;

    private Octodiff() {}

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1.
            throw new IllegalStateException(e);
        }
    }

    /** A .NET BinaryWriter string: 7-bit-encoded length, then UTF-8; our names are short ASCII. */
    static byte[] dotNetString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 127) {
            throw new IllegalArgumentException("name too long for one length byte: " + s);
        }
        byte[] out = new byte[utf8.length + 1];
        out[0] = (byte) utf8.length;
        System.arraycopy(utf8, 0, out, 1, utf8.length);
        return out;
    }

    static void putShortLe(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    static void putIntLe(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static void putLongLe(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static short shortLe(byte[] b, int at) {
        return (short) ((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8);
    }

    static int intLe(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static long longLe(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    /** The bytes of a hex SHA-1 (either case); a string that is not one is refused. */
    static byte[] sha1FromHex(String hex) {
        if (hex.length() != 2 * HASH_LENGTH || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("not a hex SHA-1: '" + hex + "'");
        }
        byte[] bytes = new byte[HASH_LENGTH];
        for (int i = 0; i < HASH_LENGTH; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >>> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}

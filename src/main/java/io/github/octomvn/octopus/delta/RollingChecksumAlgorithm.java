package io.github.octomvn.octopus.delta;

import java.util.Optional;

/** The two rolling checksums an Octodiff signature may name (§5.4), each with an exact roll. */
public enum RollingChecksumAlgorithm {
    /** Octodiff's default: Adler-32 with both sums kept modulo 2^16 instead of 65521. */
    ADLER32("Adler32") {
        @Override
        public int calculate(byte[] data, int offset, int length) {
            // Modulo 2^16 commutes with int overflow, so the sums can wrap freely and be masked once.
            int a = 1;
            int b = 0;
            for (int i = offset, end = offset + length; i < end; i++) {
                a += data[i] & 0xFF;
                b += a;
            }
            return ((b & 0xFFFF) << 16) | (a & 0xFFFF);
        }

        @Override
        public int roll(int checksum, byte removed, byte added, int windowSize) {
            int r = removed & 0xFF;
            int a = ((checksum & 0xFFFF) - r + (added & 0xFF)) & 0xFFFF;
            int b = ((checksum >>> 16) - windowSize * r + a - 1) & 0xFFFF;
            return (b << 16) | a;
        }
    },

    /** Standard Adler-32 (sums modulo 65521), the same value as {@link java.util.zip.Adler32}. */
    ADLER32_V2("Adler32V2") {
        @Override
        public int calculate(byte[] data, int offset, int length) {
            long a = 1;
            long b = 0;
            int i = offset;
            int end = offset + length;
            while (i < end) {
                // Reducing only every 5552 bytes (zlib's NMAX) is safe: the sums cannot overflow a long before.
                int stop = Math.min(end, i + 5552);
                for (; i < stop; i++) {
                    a += data[i] & 0xFF;
                    b += a;
                }
                a %= MODULUS;
                b %= MODULUS;
            }
            return (int) ((b << 16) | a);
        }

        @Override
        public int roll(int checksum, byte removed, byte added, int windowSize) {
            // Octodiff's C# and Go rolls reduce negative intermediates wrongly and then truncate to 16 bits, so
            // they drift from the true checksum and miss most matches; floorMod keeps every roll exact.
            int r = removed & 0xFF;
            int a = Math.floorMod((checksum & 0xFFFF) - r + (added & 0xFF), MODULUS);
            int b = Math.floorMod((checksum >>> 16) - windowSize * r + a - 1, MODULUS);
            return (b << 16) | a;
        }
    };

    private static final int MODULUS = 65521;

    private final String wireName;

    RollingChecksumAlgorithm(String wireName) {
        this.wireName = wireName;
    }

    /** The name written in a signature's header. */
    public String wireName() {
        return wireName;
    }

    /** The algorithm a signature names, if it is one we support (names are case-sensitive, as in Octodiff). */
    public static Optional<RollingChecksumAlgorithm> byWireName(String name) {
        for (RollingChecksumAlgorithm algorithm : values()) {
            if (algorithm.wireName.equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The checksum of {@code length} bytes starting at {@code offset}. */
    public abstract int calculate(byte[] data, int offset, int length);

    /**
     * The checksum of the window moved one byte on: {@code removed} left it at the front, {@code added} joined at
     * the back, the window keeping {@code windowSize} bytes. Equal to {@link #calculate} over the new window.
     */
    public abstract int roll(int checksum, byte removed, byte added, int windowSize);
}

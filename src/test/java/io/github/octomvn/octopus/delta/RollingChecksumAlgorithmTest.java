package io.github.octomvn.octopus.delta;

import static io.github.octomvn.octopus.delta.RollingChecksumAlgorithm.ADLER32;
import static io.github.octomvn.octopus.delta.RollingChecksumAlgorithm.ADLER32_V2;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Adler32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both rolling checksums match the published vectors (§5.4) and roll exactly, wrap-around included. */
class RollingChecksumAlgorithmTest {

    private static int calculate(RollingChecksumAlgorithm algorithm, byte[] data) {
        return algorithm.calculate(data, 0, data.length);
    }

    private static long unsigned(int checksum) {
        return checksum & 0xFFFFFFFFL;
    }

    @Test
    void adler32MatchesTheSpecVectors() {
        assertThat(calculate(ADLER32, "abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(0x024D0127);
        assertThat(calculate(ADLER32, Bytes.hex("FF FF FF")))
                .as("bytes >= 0x80 are unsigned")
                .isEqualTo(0x05FD02FE);
        assertThat(unsigned(calculate(ADLER32, Bytes.godfBlob()))).isEqualTo(0xF0A29FF7L);
    }

    @Test
    void adler32MatchesGoOctodiffCalculateVectors() {
        byte[] blob = Bytes.godfBlob();
        assertThat(unsigned(ADLER32.calculate(blob, 0, 100))).isEqualTo(2755533412L);
        assertThat(unsigned(ADLER32.calculate(blob, 1, 100))).isEqualTo(2888047271L);
        assertThat(unsigned(ADLER32.calculate(blob, 2, 100))).isEqualTo(2476743237L);
        assertThat(unsigned(ADLER32.calculate(blob, 93, 100))).isEqualTo(591925890L);
        assertThat(unsigned(calculate(ADLER32, blob))).isEqualTo(4037189623L);
        assertThat(unsigned(calculate(ADLER32, Bytes.godfData(100 * 1024)))).isEqualTo(2928347280L);
    }

    @Test
    void adler32V2MatchesGoOctodiffCalculateVectors() {
        byte[] blob = Bytes.godfBlob();
        assertThat(calculate(ADLER32_V2, "abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(38600999);
        assertThat(unsigned(ADLER32_V2.calculate(blob, 0, 100))).isEqualTo(2760448612L);
        assertThat(unsigned(ADLER32_V2.calculate(blob, 1, 100))).isEqualTo(2892962471L);
        assertThat(unsigned(ADLER32_V2.calculate(blob, 2, 100))).isEqualTo(2481658437L);
        assertThat(unsigned(ADLER32_V2.calculate(blob, 93, 100))).isEqualTo(595858050L);
        assertThat(unsigned(calculate(ADLER32_V2, blob))).isEqualTo(4175798263L);
        assertThat(unsigned(calculate(ADLER32_V2, Bytes.godfData(100 * 1024))))
                .as("long enough for both sums to wrap modulo 65521")
                .isEqualTo(180621253L);
    }

    @Test
    void adler32V2IsTheStandardAdler32() {
        Random random = new Random(5);
        for (int length : new int[] {0, 1, 127, 128, 2048, 5552, 5553, 31744, 100_000}) {
            byte[] data = Bytes.random(random, length);
            Adler32 reference = new Adler32();
            reference.update(data);
            assertThat(unsigned(calculate(ADLER32_V2, data)))
                    .as("length %d", length)
                    .isEqualTo(reference.getValue());
        }
        byte[] ones = new byte[200_000];
        Arrays.fill(ones, (byte) 0xFF);
        Adler32 reference = new Adler32();
        reference.update(ones);
        assertThat(unsigned(calculate(ADLER32_V2, ones))).isEqualTo(reference.getValue());
    }

    @Test
    void adler32RollMatchesGoOctodiffRotateVectors() {
        // For V1 the published rotate vectors are exact, so an exact roll reproduces them.
        for (int size : new int[] {8, 16, 24, 32}) {
            assertThat(unsigned(ADLER32.roll((int) 2755533412L, (byte) 0, (byte) 0xAF, size)))
                    .isEqualTo(3209698067L);
        }
        assertThat(unsigned(ADLER32.roll((int) 3209698067L, (byte) 0xAF, (byte) 0xFE, 8)))
                .isEqualTo(3577289570L);
        assertThat(unsigned(ADLER32.roll((int) 3209698067L, (byte) 0xAF, (byte) 0xFE, 16)))
                .isEqualTo(3485539170L);
        assertThat(unsigned(ADLER32.roll((int) 3209698067L, (byte) 0xAF, (byte) 0xFE, 24)))
                .isEqualTo(3393788770L);
        assertThat(unsigned(ADLER32.roll((int) 3209698067L, (byte) 0xAF, (byte) 0xFE, 32)))
                .isEqualTo(3302038370L);
    }

    @ParameterizedTest
    @EnumSource(RollingChecksumAlgorithm.class)
    void rollingEqualsRecomputingAtEveryPositionOfRandomData(RollingChecksumAlgorithm algorithm) {
        Random random = new Random(13);
        byte[] data = Bytes.random(random, 200_000);
        for (int window : new int[] {1, 2, 127, 128, 129, 2047, 2048, 5552, 31743, 31744}) {
            assertRollsExactly(algorithm, data, window, 0, Math.min(data.length - window, 20_000));
            int from = data.length - window - 3_000;
            assertRollsExactly(algorithm, data, window, from, data.length - window);
        }
    }

    @ParameterizedTest
    @EnumSource(RollingChecksumAlgorithm.class)
    void rollingStaysExactWhereTheSumsWrap(RollingChecksumAlgorithm algorithm) {
        // Long runs of 0xFF push both sums past the modulus on every step; runs of 0x00 entering a window of 0xFF
        // make "a - removed + added" negative: the steps the published vectors never reach.
        byte[] data = new byte[120_000];
        Random random = new Random(21);
        for (int i = 0; i < data.length; i += 1 + random.nextInt(4000)) {
            Arrays.fill(
                    data, i, Math.min(data.length, i + random.nextInt(3000)), random.nextBoolean() ? (byte) 0xFF : 0);
        }
        for (int window : new int[] {128, 2048, 31744}) {
            assertRollsExactly(algorithm, data, window, 0, data.length - window);
        }
    }

    @Test
    void adler32V2RollIsExactWhereOctodiffsTruncatingRollIsNot() {
        // A window whose byte sum reduces to a small "a" while it drops a 0xFF: "a - removed + added" is negative.
        byte[] data = new byte[301];
        Arrays.fill(data, 0, 256, (byte) 0xFF);
        data[256] = (byte) 244;
        int window = 300;
        int checksum = ADLER32_V2.calculate(data, 0, window);
        assertThat(checksum & 0xFFFF).as("a").isEqualTo(4);

        int expected = ADLER32_V2.calculate(data, 1, window);
        assertThat(ADLER32_V2.roll(checksum, data[0], data[window], window)).isEqualTo(expected);
        assertThat(goOctodiffRoll(checksum, data[0], data[window], window))
                .as("the roll the spec warns about")
                .isNotEqualTo(expected);
    }

    /** go-octodiff's Adler32V2 rotate: uint32 arithmetic, remainder, then truncation to 16 bits. */
    private static int goOctodiffRoll(int checksum, byte removed, byte added, int windowSize) {
        long r = removed & 0xFF;
        long b = (checksum >>> 16) & 0xFFFF;
        long a = checksum & 0xFFFF;
        a = (((a - r + (added & 0xFF)) & 0xFFFFFFFFL) % 65521) & 0xFFFF;
        b = (((b - windowSize * r + a - 1) & 0xFFFFFFFFL) % 65521) & 0xFFFF;
        return (int) ((b << 16) | a);
    }

    @Test
    void namesAreTheWireNames() {
        assertThat(ADLER32.wireName()).isEqualTo("Adler32");
        assertThat(ADLER32_V2.wireName()).isEqualTo("Adler32V2");
        assertThat(RollingChecksumAlgorithm.byWireName("Adler32V2")).contains(ADLER32_V2);
        assertThat(RollingChecksumAlgorithm.byWireName("adler32")).isEmpty();
        assertThat(RollingChecksumAlgorithm.byWireName("Adler64")).isEmpty();
    }

    /**
     * Rolls from {@code from} to {@code to} and compares with recomputing: at every position for windows up to 2048
     * bytes, at every 17th (and the last) for larger ones. Sampling loses nothing: a wrong step leaves an error in
     * the sums that every later exact step carries along.
     */
    private static void assertRollsExactly(
            RollingChecksumAlgorithm algorithm, byte[] data, int window, int from, int to) {
        int stride = window <= 2048 ? 1 : 17;
        int checksum = algorithm.calculate(data, from, window);
        for (int i = from; i < to; i++) {
            checksum = algorithm.roll(checksum, data[i], data[i + window], window);
            if ((i - from) % stride != 0 && i != to - 1) {
                continue;
            }
            int expected = algorithm.calculate(data, i + 1, window);
            if (checksum != expected) {
                throw new AssertionError(String.format(
                        "%s window %d: roll to %d gave %08x, recomputed %08x",
                        algorithm, window, i + 1, checksum, expected));
            }
        }
    }
}

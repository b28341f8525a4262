package io.github.octomvn.octopus.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The applier rebuilds exactly what a delta describes and refuses every delta that is wrong (§5.5). */
class DeltaApplierTest {

    private static final String HEADER = "4f43544f44454c5441 01 04 53484131 14000000";

    @TempDir
    Path dir;

    private Path base;

    @BeforeEach
    void writeBase() throws Exception {
        base = Bytes.write(dir, "base", Bytes.godfBlob());
    }

    private static byte[] delta(byte[] newFile, String commands) throws Exception {
        return Bytes.concat(Bytes.hex(HEADER + Bytes.sha1(newFile) + "3e3e3e"), Bytes.hex(commands));
    }

    private byte[] apply(byte[] delta) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AppliedDelta applied = new DeltaApplier().apply(base, new ByteArrayInputStream(delta), out);
        assertThat(applied.size()).isEqualTo(out.size());
        assertThat(applied.sha1()).isEqualTo(Bytes.sha1(out.toByteArray()));
        return out.toByteArray();
    }

    private void assertRefused(byte[] delta, String message) {
        assertThatThrownBy(() -> apply(delta))
                .isInstanceOf(InvalidDeltaException.class)
                .hasMessageContaining(message);
    }

    @Test
    void appliesTheSpecVectors() throws Exception {
        assertThat(apply(Bytes.hex(HEADER
                        + "330bd06982d3b5dbda6c1a6ad16687a0cdb03c0d 3e3e3e 60 0000000000000000 0802000000000000")))
                .isEqualTo(Bytes.godfBlob());
        assertThat(apply(Bytes.hex(HEADER + "e5ca5051b8cf462ed567a8f88802fd9e62a0f0e8 3e3e3e"
                        + "80 0100000000000000 aa 60 0000000000000000 0802000000000000")))
                .isEqualTo(Bytes.concat(Bytes.hex("aa"), Bytes.godfBlob()));
    }

    @Test
    void appliesCopiesInAnyOrderAndOverlapping() throws Exception {
        byte[] blob = Bytes.godfBlob();
        byte[] expected =
                Bytes.concat(Bytes.slice(blob, 500, 520), Bytes.slice(blob, 0, 30), Bytes.slice(blob, 10, 20));

        assertThat(apply(delta(
                        expected,
                        "60 f401000000000000 1400000000000000"
                                + "60 0000000000000000 1e00000000000000"
                                + "60 0a00000000000000 0a00000000000000")))
                .isEqualTo(expected);
    }

    @Test
    void anEmptyCommandListRebuildsAnEmptyFile() throws Exception {
        assertThat(apply(delta(new byte[0], ""))).isEmpty();
    }

    @Test
    void refusesABadHeader() throws Exception {
        byte[] good = delta(Bytes.godfBlob(), "60 0000000000000000 0802000000000000");
        assertRefused(Arrays.copyOf(good, 5), "no OCTODELTA header");
        assertRefused(Bytes.hex("4f43544f534947 01 04 53484131 07 41646c65723332 3e3e3e"), "no OCTODELTA header");
        byte[] version = good.clone();
        version[9] = 2;
        assertRefused(version, "version 2");
        byte[] sha256 = Bytes.hex("4f43544f44454c5441 01 06 534841323536 20000000");
        assertRefused(sha256, "not SHA1");
        byte[] hashLength = good.clone();
        hashLength[15] = 32;
        assertRefused(hashLength, "hash of 32 bytes");
        byte[] marker = good.clone();
        marker[41] = '?';
        assertRefused(marker, "'>>>'");
        assertRefused(Arrays.copyOf(good, 30), "ends inside its header");
    }

    @Test
    void refusesAnUnknownCommand() throws Exception {
        assertRefused(delta(Bytes.godfBlob(), "61 0000000000000000 0802000000000000"), "unknown delta command 0x61");
        assertRefused(delta(Bytes.godfBlob(), "60 0000000000000000 0802000000000000 00"), "0x00");
    }

    @Test
    void refusesATruncatedDataCommand() throws Exception {
        byte[] newFile = Bytes.hex("0102030405");
        assertRefused(delta(newFile, "80 0500000000000000 01020304"), "1 of 5 bytes missing");
        assertRefused(delta(newFile, "80 05000000"), "ends inside a DATA command");
        assertRefused(delta(newFile, "80 ffffffffffffffff 01"), "negative length");
    }

    @Test
    void refusesACopyBeyondTheBase() throws Exception {
        byte[] blob = Bytes.godfBlob();
        assertRefused(delta(blob, "60 0000000000000000 0902000000000000"), "beyond the base file of 520 bytes");
        assertRefused(delta(blob, "60 0100000000000000 0802000000000000"), "beyond the base");
        assertRefused(delta(blob, "60 0902000000000000 0000000000000000"), "beyond the base");
        assertRefused(delta(blob, "60 ffffffffffffffff 0100000000000000"), "beyond the base");
        assertRefused(delta(blob, "60 0100000000000000 ffffffffffffff7f"), "beyond the base");
        assertRefused(delta(blob, "60 00000000000000"), "ends inside a COPY command");
    }

    @Test
    void refusesARebuiltFileWhoseSha1IsNotTheHeaders() throws Exception {
        byte[] other = Bytes.hex(
                HEADER + "0000000000000000000000000000000000000000 3e3e3e" + "60 0000000000000000 0802000000000000");
        assertRefused(other, "but the delta expects 0000000000000000000000000000000000000000");
    }

    @Test
    void refusesToRebuildMoreThanItsLimit() throws Exception {
        byte[] twice = Bytes.concat(Bytes.godfBlob(), Bytes.godfBlob());
        byte[] delta = delta(twice, "60 0000000000000000 0802000000000000 60 0000000000000000 0802000000000000");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() ->
                        new DeltaApplier().withMaxOutputBytes(1000).apply(base, new ByteArrayInputStream(delta), out))
                .isInstanceOf(InvalidDeltaException.class)
                .hasMessageContaining("more than 1000 bytes");
        assertThat(new DeltaApplier()
                        .withMaxOutputBytes(1040)
                        .apply(base, new ByteArrayInputStream(delta), out)
                        .size())
                .isEqualTo(1040);
    }

    @Test
    void deletesTheOutputFileOfARefusedDelta() throws Exception {
        Path deltaFile = Bytes.write(dir, "delta", delta(Bytes.godfBlob(), "60 0000000000000000 0902000000000000"));
        Path output = dir.resolve("rebuilt");

        assertThatThrownBy(() -> new DeltaApplier().apply(base, deltaFile, output))
                .isInstanceOf(InvalidDeltaException.class);
        assertThat(output).doesNotExist();
    }

    @Test
    void rebuildsIntoAFile() throws Exception {
        Path deltaFile = Bytes.write(dir, "delta", delta(Bytes.godfBlob(), "60 0000000000000000 0802000000000000"));
        Path output = dir.resolve("rebuilt");

        AppliedDelta applied = new DeltaApplier().apply(base, deltaFile, output);

        assertThat(Files.readAllBytes(output)).isEqualTo(Bytes.godfBlob());
        assertThat(applied.sha1()).isEqualTo("330bd06982d3b5dbda6c1a6ad16687a0cdb03c0d");
    }

    @Test
    void neverFailsOtherwiseOnMutatedOrTruncatedDeltas() throws Exception {
        Random random = new Random(17);
        byte[] newFile = Bytes.concat(Bytes.slice(Bytes.godfBlob(), 100, 400), Bytes.random(random, 50));
        byte[] valid = delta(newFile, "60 6400000000000000 2c01000000000000 80 3200000000000000")
                .clone();
        valid = Bytes.concat(valid, Bytes.slice(newFile, 300, 350));
        assertThat(apply(valid)).isEqualTo(newFile);
        int refused = 0;
        for (int round = 0; round < 5_000; round++) {
            byte[] mutated = Arrays.copyOf(valid, random.nextInt(valid.length + 20));
            if (mutated.length > 0) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                byte[] rebuilt = apply(mutated);
                assertThat(Bytes.sha1(rebuilt)).isEqualTo(Bytes.headerHash(mutated));
            } catch (InvalidDeltaException expected) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(4_000);
    }
}

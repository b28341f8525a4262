package io.github.octomvn.octopus.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha1Test {
    @TempDir
    Path temp;

    @Test
    void hashesAFileAsShaOneSumDoes() throws Exception {
        Path file = Files.writeString(temp.resolve("abc.txt"), "abc", StandardCharsets.US_ASCII);

        assertThat(Sha1.of(file)).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(Sha1.hex(new byte[] {0, 15, (byte) 0xab})).isEqualTo("000fab");
    }

    @Test
    void anInterruptStopsItWithAnInterruptedIoException() throws Exception {
        Path file = Files.write(temp.resolve("big.bin"), new byte[1024 * 1024]);

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Sha1.of(file))
                    .isInstanceOf(InterruptedIOException.class)
                    .hasMessageContaining(file.toString());
        } finally {
            Thread.interrupted();
        }
    }
}

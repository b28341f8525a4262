package io.github.octomvn.octopus.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The archive's stream, written on a thread of its own. */
class BackgroundOutputStreamTest {
    @Test
    void writesEveryByteInOrderAcrossManyBuffersAndClosesTheStreamOnce() throws Exception {
        byte[] data =
                TestData.random(BackgroundOutputStream.BUFFER_SIZE * BackgroundOutputStream.BUFFERS * 3 + 12345, 7);
        CountingClose target = new CountingClose();
        BackgroundOutputStream out = new BackgroundOutputStream(target);
        int at = 0;
        for (int step = 1; at < data.length; step = step * 7 % 100_003 + 1) {
            int n = Math.min(step, data.length - at);
            if (n == 1) {
                out.write(data[at]);
            } else {
                out.write(data, at, n);
            }
            at += n;
        }
        out.close();
        out.close();

        assertThat(target.toByteArray()).isEqualTo(data);
        assertThat(target.closes).isEqualTo(1);
    }

    @Test
    void aFailedWriteIsReportedAndTheStreamStillClosed() throws Exception {
        CountingClose target = new CountingClose() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                throw new java.io.UncheckedIOException(new IOException("No space left on device"));
            }
        };
        BackgroundOutputStream out = new BackgroundOutputStream(target);

        assertThatThrownBy(() -> {
                    byte[] block = new byte[64 * 1024];
                    // more than the buffers hold, so the failure is seen while writing or at the latest on close
                    for (int i = 0; i < 200; i++) {
                        out.write(block);
                    }
                    out.close();
                })
                .isInstanceOf(IOException.class)
                .hasMessageContaining("No space left on device");
        // closing after the failure still closes the file, and still says why the archive is incomplete
        assertThatThrownBy(out::close).hasMessageContaining("No space left on device");
        assertThat(target.closes).isEqualTo(1);
    }

    private static class CountingClose extends ByteArrayOutputStream {
        int closes;

        @Override
        public void close() {
            closes++;
        }
    }
}

package io.github.octomvn.octopus.testserver;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts body bytes, keeps small bodies, and can trip after K bytes to simulate a dropped connection. */
final class CountingStream extends FilterInputStream {
    long count;
    long tripAfter = -1;
    private final ByteArrayOutputStream capture;

    CountingStream(InputStream in, boolean keep) {
        super(in);
        this.capture = keep ? new ByteArrayOutputStream() : null;
    }

    boolean keeping() {
        return capture != null;
    }

    byte[] captured() {
        return capture == null ? null : capture.toByteArray();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int wanted = len;
        if (tripAfter >= 0) {
            if (count >= tripAfter) {
                throw new Exchange.Abort();
            }
            wanted = (int) Math.min(len, tripAfter - count);
        }
        int n = in.read(b, off, wanted);
        if (n > 0) {
            count += n;
            if (capture != null) {
                capture.write(b, off, n);
            }
        }
        return n;
    }

    @Override
    public void close() {
        // the connection outlives the body
    }
}

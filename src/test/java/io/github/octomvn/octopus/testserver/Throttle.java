package io.github.octomvn.octopus.testserver;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongSupplier;

/**
 * A token bucket that holds the bytes of one direction of a simulated link to a given rate, shared by every
 * connection of the server (one link, like a CI agent's uplink). The bucket holds at most {@link #burstBytes}
 * tokens; taking more than there are leaves a debt that the taker waits off, so later takers queue behind it.
 * The clock and the sleep are injected, so that tests need no wall time.
 */
final class Throttle {

    /** Waits; {@link Thread#sleep} in a server, a fake clock's advance in a test. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long bytesPerSecond;
    private final long burstBytes;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    Throttle(long bytesPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("A throttle needs a positive rate, not " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        // 20 ms of traffic, at least 16 KiB: small enough to keep the rate even, large enough for a socket read
        this.burstBytes = Math.max(16 * 1024, bytesPerSecond / 50);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.last = nanoTime.getAsLong();
        this.tokens = burstBytes;
    }

    /** A throttle on the system clock. */
    static Throttle of(long bytesPerSecond) {
        return new Throttle(
                bytesPerSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** The most a single read or write takes at once. */
    int burstBytes() {
        return (int) Math.min(Integer.MAX_VALUE, burstBytes);
    }

    /** Takes {@code bytes} tokens, waiting as long as the link needs to carry them. */
    void take(long bytes) throws IOException {
        long waitNanos;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            tokens = Math.min(burstBytes, tokens + (double) (now - last) * bytesPerSecond / NANOS_PER_SECOND);
            last = now;
            tokens -= bytes;
            waitNanos = tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / bytesPerSecond);
        }
        if (waitNanos > 0) {
            try {
                sleeper.sleepNanos(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("throttle interrupted");
            }
        }
    }

    /** Bytes read from {@code in} arrive at this throttle's rate. */
    InputStream throttle(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    take(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, Math.min(len, burstBytes()));
                if (n > 0) {
                    take(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = in.skip(Math.min(n, burstBytes()));
                if (skipped > 0) {
                    take(skipped);
                }
                return skipped;
            }
        };
    }

    /** Bytes written to {@code out} leave at this throttle's rate. */
    OutputStream throttle(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                take(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    int n = Math.min(len, burstBytes());
                    take(n);
                    out.write(b, off, n);
                    off += n;
                    len -= n;
                }
            }
        };
    }
}

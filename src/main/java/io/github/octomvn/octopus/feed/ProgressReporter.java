package io.github.octomvn.octopus.feed;

import java.time.Clock;
import java.util.function.LongConsumer;

/**
 * Decides when upload progress is worth telling: not during the first seconds (small uploads stay
 * silent), then whenever another ~10 % went out or ~5 s passed, and once more at the end.
 */
final class ProgressReporter implements LongConsumer {

    static final long QUIET_MILLIS = 3_000;
    static final long INTERVAL_MILLIS = 5_000;

    private final UploadListener listener;
    private final long total;
    private final Clock clock;
    private final long startMillis;
    private long sent;
    private long lastReportedBytes;
    private long lastReportMillis;
    private boolean reported;
    private boolean broken;

    ProgressReporter(UploadListener listener, long total, Clock clock) {
        this.listener = listener;
        this.total = total;
        this.clock = clock;
        this.startMillis = clock.millis();
        this.lastReportMillis = startMillis;
    }

    @Override
    public synchronized void accept(long bytes) {
        sent += bytes;
        long now = clock.millis();
        if (now - startMillis < QUIET_MILLIS) {
            return;
        }
        boolean step = sent - lastReportedBytes >= Math.max(1, total / 10);
        boolean interval = now - lastReportMillis >= INTERVAL_MILLIS && sent > lastReportedBytes;
        if (step || interval) {
            report(now);
        }
    }

    /** Reports the final count if anything was reported before. */
    synchronized void finish() {
        if (reported && sent > lastReportedBytes) {
            report(clock.millis());
        }
    }

    private void report(long now) {
        lastReportedBytes = sent;
        lastReportMillis = now;
        reported = true;
        if (broken) {
            return;
        }
        try {
            listener.progress(sent, total);
        } catch (RuntimeException e) {
            // A failing listener runs on the HTTP client's thread and would abort the upload; mute it instead.
            broken = true;
        }
    }
}

package io.github.octomvn.octopus.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.octomvn.octopus.client.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private final TestClock clock = new TestClock();
    private final List<Long> reported = new ArrayList<>();
    private final UploadListener listener = new UploadListener() {
        @Override
        public void progress(long bytesSent, long totalBytes) {
            reported.add(bytesSent);
        }
    };

    @Test
    void staysSilentForAnUploadOfAFewSeconds() {
        ProgressReporter progress = new ProgressReporter(listener, 1000, clock);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMillis(250));
            progress.accept(100);
        }
        progress.finish();

        assertThat(reported).isEmpty();
    }

    @Test
    void reportsEveryTenPercentAfterTheQuietPeriod() {
        ProgressReporter progress = new ProgressReporter(listener, 1000, clock);
        clock.advance(Duration.ofSeconds(4));
        for (int i = 0; i < 100; i++) {
            progress.accept(10);
        }
        progress.finish();

        assertThat(reported).containsExactly(100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L);
    }

    @Test
    void reportsEveryFiveSecondsWhenProgressIsSlow() {
        ProgressReporter progress = new ProgressReporter(listener, 1_000_000, clock);
        clock.advance(Duration.ofSeconds(3));
        for (int second = 0; second < 20; second++) {
            clock.advance(Duration.ofSeconds(1));
            progress.accept(1000);
        }

        // Seconds 5, 10, 15 and 20 of the upload.
        assertThat(reported).containsExactly(2000L, 7000L, 12000L, 17000L);
    }

    @Test
    void reportsTheFinalCountOnlyIfItReportedBefore() {
        ProgressReporter progress = new ProgressReporter(listener, 1000, clock);
        clock.advance(Duration.ofSeconds(4));
        progress.accept(150);
        progress.accept(50);
        progress.finish();

        assertThat(reported).containsExactly(150L, 200L);
    }

    @Test
    void aFailingListenerIsMutedInsteadOfBreakingTheUpload() {
        int[] calls = {0};
        ProgressReporter progress = new ProgressReporter(
                new UploadListener() {
                    @Override
                    public void progress(long bytesSent, long totalBytes) {
                        calls[0]++;
                        throw new IllegalStateException("listener bug");
                    }
                },
                100,
                clock);
        clock.advance(Duration.ofSeconds(4));

        progress.accept(50);
        progress.accept(50);

        assertThat(calls[0]).isEqualTo(1);
    }
}

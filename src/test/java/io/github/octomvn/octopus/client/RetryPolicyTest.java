package io.github.octomvn.octopus.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = RetryPolicy.defaults();

    /** The pauses a policy takes through an outage that never ends, with the server's Retry-After if any. */
    private static List<Duration> pausesThroughAnOutage(RetryPolicy policy, Optional<Duration> retryAfter) {
        List<Duration> pauses = new ArrayList<>();
        Duration waited = Duration.ZERO;
        for (int attempt = 2; ; attempt++) {
            Optional<Duration> pause = policy.pauseBefore(attempt, retryAfter, waited);
            if (pause.isEmpty()) {
                return pauses;
            }
            pauses.add(pause.get());
            waited = waited.plus(pause.get());
        }
    }

    private static Duration sum(List<Duration> pauses) {
        return pauses.stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Test
    void backsOffExponentiallyFromOneSecond() {
        assertThat(policy.backoffBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoffBefore(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoffBefore(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.backoffBefore(6)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void byDefaultRidesOutAboutAMinuteOfOutage() {
        List<Duration> pauses = pausesThroughAnOutage(policy, Optional.empty());

        assertThat(pauses).extracting(Duration::getSeconds).containsExactly(1L, 2L, 4L, 8L, 15L, 15L, 15L);
        assertThat(sum(pauses)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.maxAttempts()).isEqualTo(RetryPolicy.DEFAULT_RETRIES + 1);
    }

    @Test
    void aShortRetryAfterDoesNotShortenTheWindow() {
        // A proxy answering 503 with Retry-After: 1 while Octopus restarts still gets its minute.
        List<Duration> pauses = pausesThroughAnOutage(policy, Optional.of(Duration.ofSeconds(1)));

        assertThat(sum(pauses)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void fewerRetriesGiveAShorterWindow() {
        assertThat(pausesThroughAnOutage(RetryPolicy.retries(3), Optional.empty()))
                .extracting(Duration::getSeconds)
                .containsExactly(1L, 2L, 4L);
        assertThat(pausesThroughAnOutage(RetryPolicy.retries(9), Optional.empty()))
                .extracting(Duration::getSeconds)
                .containsExactly(1L, 2L, 4L, 8L, 15L, 15L, 15L, 15L, 15L);
    }

    @Test
    void capsTheBackoff() {
        RetryPolicy many = RetryPolicy.of(20, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1));

        assertThat(many.backoffBefore(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(many.backoffBefore(20)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void stopsAfterTheMaximumAttempts() {
        int last = policy.maxAttempts();
        assertThat(policy.pauseBefore(last, Optional.empty(), Duration.ZERO)).contains(Duration.ofSeconds(15));
        assertThat(policy.pauseBefore(last + 1, Optional.empty(), Duration.ZERO))
                .isEmpty();
    }

    @Test
    void honoursALongerRetryAfter() {
        assertThat(policy.pauseBefore(2, Optional.of(Duration.ofSeconds(7)), Duration.ZERO))
                .contains(Duration.ofSeconds(7));
    }

    @Test
    void stopsWhenThePauseWouldExceedTheTotalBudget() {
        assertThat(policy.pauseBefore(2, Optional.of(Duration.ofMinutes(5)), Duration.ZERO))
                .isEmpty();
        assertThat(policy.pauseBefore(3, Optional.empty(), Duration.ofSeconds(59)))
                .isEmpty();
    }

    @Test
    void noneNeverRetries() {
        assertThat(RetryPolicy.none().pauseBefore(2, Optional.empty(), Duration.ZERO))
                .isEmpty();
        assertThat(RetryPolicy.retries(0).maxAttempts()).isEqualTo(1);
    }
}

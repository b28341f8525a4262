package io.github.octomvn.octopus.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = RetryPolicy.defaults();

    @Test
    void backsOffExponentiallyFromOneSecond() {
        assertThat(policy.backoffBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoffBefore(4)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void capsTheBackoff() {
        RetryPolicy many = RetryPolicy.of(20, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1));

        assertThat(many.backoffBefore(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(many.backoffBefore(20)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void stopsAfterTheMaximumAttempts() {
        assertThat(policy.pauseBefore(4, Optional.empty(), Duration.ZERO)).contains(Duration.ofSeconds(4));
        assertThat(policy.pauseBefore(5, Optional.empty(), Duration.ZERO)).isEmpty();
    }

    @Test
    void honoursRetryAfterInsteadOfTheBackoff() {
        assertThat(policy.pauseBefore(2, Optional.of(Duration.ofSeconds(7)), Duration.ZERO))
                .contains(Duration.ofSeconds(7));
    }

    @Test
    void stopsWhenThePauseWouldExceedTheTotalBudget() {
        assertThat(policy.pauseBefore(2, Optional.of(Duration.ofMinutes(5)), Duration.ZERO))
                .isEmpty();
        assertThat(policy.pauseBefore(3, Optional.empty(), Duration.ofSeconds(119)))
                .isEmpty();
    }

    @Test
    void noneNeverRetries() {
        assertThat(RetryPolicy.none().pauseBefore(2, Optional.empty(), Duration.ZERO))
                .isEmpty();
    }
}

package io.github.octomvn.octopus.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How often and how long transient failures are retried: exponential backoff bounded both in
 * attempts and in the total time spent waiting.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxTotalWait;

    private RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotalWait) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
        this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
        this.maxTotalWait = nonNegative(maxTotalWait, "maxTotalWait");
    }

    private static Duration nonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /** 4 attempts, backoff 1 s doubling up to 30 s, at most 2 minutes of waiting in total. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    /** A single attempt: nothing is retried. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** A custom policy; {@code maxTotalWait} bounds the sum of all pauses between attempts. */
    public static RetryPolicy of(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotalWait) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxTotalWait);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration maxTotalWait() {
        return maxTotalWait;
    }

    /** The exponential pause before attempt number {@code attempt} (2 or more): 1 s, 2 s, 4 s, ... capped. */
    Duration backoffBefore(int attempt) {
        Duration pause = initialBackoff;
        for (int i = 2; i < attempt && pause.compareTo(maxBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }

    /**
     * The pause before {@code attempt}, or empty when the policy says stop: too many attempts, or the
     * pause (the server's {@code Retry-After} when given, else the backoff) would exceed the total budget.
     */
    Optional<Duration> pauseBefore(int attempt, Optional<Duration> retryAfter, Duration waitedSoFar) {
        if (attempt > maxAttempts) {
            return Optional.empty();
        }
        Duration pause = retryAfter.orElse(backoffBefore(attempt));
        if (waitedSoFar.plus(pause).compareTo(maxTotalWait) > 0) {
            return Optional.empty();
        }
        return Optional.of(pause);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", maxTotalWait=" + maxTotalWait + "]";
    }
}

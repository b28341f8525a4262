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

    /** Retries by default: with the pauses of {@link #retries}, about a minute of outage is ridden out. */
    public static final int DEFAULT_RETRIES = 7;

    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(15);

    /** {@value #DEFAULT_RETRIES} retries, pausing 1, 2, 4, 8, 15, 15, 15 s: about a minute in all. */
    public static RetryPolicy defaults() {
        return retries(DEFAULT_RETRIES);
    }

    /**
     * {@code retries} retries after the first attempt, pausing 1, 2, 4, 8 s and then 15 s (or longer when the
     * server's {@code Retry-After} asks), for at most the sum of those pauses: 7 retries span a minute; 0 retries
     * none.
     */
    public static RetryPolicy retries(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, was " + retries);
        }
        RetryPolicy unbounded = new RetryPolicy(retries + 1, FIRST_PAUSE, LONGEST_PAUSE, Duration.ZERO);
        Duration window = Duration.ZERO;
        for (int attempt = 2; attempt <= retries + 1; attempt++) {
            window = window.plus(unbounded.backoffBefore(attempt));
        }
        return new RetryPolicy(retries + 1, FIRST_PAUSE, LONGEST_PAUSE, window);
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
     * pause would exceed the total budget. The pause is the backoff, or the server's {@code Retry-After} when that
     * is longer: never sooner than the server asks, and a short {@code Retry-After} does not shorten the window.
     */
    Optional<Duration> pauseBefore(int attempt, Optional<Duration> retryAfter, Duration waitedSoFar) {
        if (attempt > maxAttempts) {
            return Optional.empty();
        }
        Duration backoff = backoffBefore(attempt);
        Duration pause = retryAfter.filter(r -> r.compareTo(backoff) > 0).orElse(backoff);
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

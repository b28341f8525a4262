package io.github.octomvn.octopus.client;

import java.time.Duration;

/** Waits between retries; injected so that tests never sleep for real. */
@FunctionalInterface
public interface Sleeper {

    /** Blocks the calling thread for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;

    /** The real thing, backed by {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}

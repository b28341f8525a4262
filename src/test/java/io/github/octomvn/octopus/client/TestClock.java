package io.github.octomvn.octopus.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told to. */
public final class TestClock extends Clock {

    private volatile Instant now;
    private volatile Duration tick = Duration.ZERO;

    public TestClock(Instant start) {
        this.now = start;
    }

    public TestClock() {
        this(Instant.parse("2026-11-25T10:00:00Z"));
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** From now on every reading moves the clock on by {@code step}, as if work took that long. */
    public TestClock tickingBy(Duration step) {
        this.tick = step;
        return this;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Instant instant() {
        now = now.plus(tick);
        return now;
    }
}

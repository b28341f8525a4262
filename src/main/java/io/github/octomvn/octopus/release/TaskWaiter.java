package io.github.octomvn.octopus.release;

import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Waits for the tasks of deployments, telling {@code progress} one line per task on each change of state and
 * every 30 seconds while nothing changes ({@code Dev: Executing, 1m30s}), never one per poll; how a task ended is
 * its {@link TaskOutcome#summary()}. A pending manual
 * intervention or guided failure is said once and waited through until the time-out; at the time-out the tasks are
 * canceled if asked. Time comes from the injected clock and passes through the injected sleeper only.
 */
public final class TaskWaiter {

    /** How often each task is polled unless told otherwise. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    /** The longest silence about a task that is still running. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);

    /** How many lines of a failed task's log are kept. */
    public static final int LOG_TAIL_LINES = 20;

    // After asking for a cancel, how many more polls to see it through (Cancelling, then Canceled).
    private static final int CANCEL_POLLS = 6;

    private final ExecutionsApi api;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> progress;
    private final Duration pollInterval;

    public TaskWaiter(ExecutionsApi api, Clock clock, Sleeper sleeper, Consumer<String> progress) {
        this(api, clock, sleeper, progress, DEFAULT_POLL_INTERVAL);
    }

    private TaskWaiter(
            ExecutionsApi api, Clock clock, Sleeper sleeper, Consumer<String> progress, Duration pollInterval) {
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.progress = Objects.requireNonNull(progress, "progress");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("The poll interval must be positive, not " + pollInterval);
        }
        this.pollInterval = pollInterval;
    }

    /** The same waiter polling at another interval. */
    public TaskWaiter pollingEvery(Duration interval) {
        return new TaskWaiter(api, clock, sleeper, progress, interval);
    }

    /** One task being waited on. */
    private static final class Watch {
        final QueuedDeployment deployment;
        TaskSnapshot last;
        String shownState;
        boolean interruptionShown;
        Instant lastLine;
        TaskOutcome outcome;

        Watch(QueuedDeployment deployment) {
            this.deployment = deployment;
        }
    }

    /**
     * Polls every task until each has completed or {@code timeout} has passed, then returns one outcome per
     * deployment, in the order given.
     *
     * @throws OctopusException when polling fails past the connection's retries (e.g. 403 without TaskView)
     */
    public List<TaskOutcome> waitFor(List<QueuedDeployment> deployments, Duration timeout, boolean cancelOnTimeout)
            throws OctopusException {
        Instant start = clock.instant();
        List<Watch> watches = new ArrayList<>();
        deployments.forEach(d -> watches.add(new Watch(d)));
        while (true) {
            for (Watch watch : watches) {
                if (watch.outcome == null) {
                    poll(watch, start);
                }
            }
            if (watches.stream().allMatch(w -> w.outcome != null)) {
                break;
            }
            Duration waited = Duration.between(start, clock.instant());
            if (waited.compareTo(timeout) >= 0) {
                for (Watch watch : watches) {
                    if (watch.outcome == null) {
                        timedOut(watch, start, cancelOnTimeout);
                    }
                }
                break;
            }
            Duration left = timeout.minus(waited);
            pause(left.compareTo(pollInterval) < 0 ? left : pollInterval);
        }
        List<TaskOutcome> outcomes = new ArrayList<>();
        watches.forEach(w -> outcomes.add(w.outcome));
        return outcomes;
    }

    private void poll(Watch watch, Instant start) throws OctopusException {
        TaskSnapshot now = api.task(watch.deployment.taskId());
        watch.last = now;
        Instant at = clock.instant();
        Duration waited = Duration.between(start, at);
        String label = watch.deployment.label();
        if (now.completed()) {
            // the outcome's summary says how it ended; a progress line would say it twice
            watch.shownState = now.state();
        } else if (!now.state().equals(watch.shownState)) {
            progress.accept(label + ": " + now.state() + (waited.isZero() ? "" : ", " + elapsed(waited)));
            watch.shownState = now.state();
            watch.lastLine = at;
        } else if (Duration.between(watch.lastLine, at).compareTo(HEARTBEAT) >= 0) {
            progress.accept(label + ": " + now.state() + ", " + elapsed(waited));
            watch.lastLine = at;
        }
        if (now.pendingInterruptions() && !watch.interruptionShown) {
            progress.accept(
                    label + ": waiting for a manual intervention or guided failure in Octopus: " + now.webLink());
            watch.interruptionShown = true;
        } else if (!now.pendingInterruptions()) {
            watch.interruptionShown = false;
        }
        if (now.completed()) {
            watch.outcome = new TaskOutcome(
                    watch.deployment, now, false, false, waited, now.succeeded() ? List.of() : logTail(now.id()));
        }
    }

    private void timedOut(Watch watch, Instant start, boolean cancel) throws OctopusException {
        String label = watch.deployment.label();
        TaskSnapshot last = watch.last;
        boolean canceled = false;
        if (cancel) {
            progress.accept(label + ": still " + last.state() + " at the time-out; canceling " + last.id());
            api.cancel(last.id());
            for (int i = 0; i < CANCEL_POLLS && !last.completed(); i++) {
                pause(pollInterval);
                last = api.task(last.id());
            }
            canceled = last.completed();
        }
        watch.outcome = new TaskOutcome(
                watch.deployment, last, true, canceled, Duration.between(start, clock.instant()), logTail(last.id()));
    }

    /** The last lines of the raw log; none when it cannot be read (the failure message stands on its own). */
    private List<String> logTail(String taskId) {
        String raw;
        try {
            raw = api.rawLog(taskId);
        } catch (OctopusException e) {
            return Collections.emptyList();
        }
        List<String> lines = new ArrayList<>();
        for (String line : Arrays.asList(raw.split("\r?\n"))) {
            if (!line.trim().isEmpty()) {
                lines.add(line.replaceAll("\\s+$", ""));
            }
        }
        return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
    }

    private void pause(Duration duration) throws OctopusException {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OctopusException(
                    OctopusException.Kind.INTERRUPTED,
                    "Waiting for the deployment was interrupted; the deployment goes on in Octopus",
                    0,
                    false,
                    false,
                    null,
                    e);
        }
    }

    /** {@code 45s}, {@code 1m30s}, {@code 1h02m}. */
    public static String elapsed(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}

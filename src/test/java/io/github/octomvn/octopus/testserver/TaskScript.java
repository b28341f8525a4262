package io.github.octomvn.octopus.testserver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * How the server tasks of deployments progress, counted in polls ({@code GET tasks/{id}} or
 * {@code GET tasks?ids=}): each poll shows the current phase, then moves one poll on. Immutable; every method
 * returns a new script. {@code TaskScript.queued(1).thenExecuting(2).thenSucceeds()} answers Queued, Executing,
 * Executing, then Success on every later poll. A script without an end stays in its last phase forever (a task
 * stuck in Executing). A cancel request wins over the script: the next poll shows Cancelling, the one after
 * Canceled.
 */
public final class TaskScript {

    /** One phase: a state shown for a number of polls, and the log lines written when it starts. */
    static final class Phase {
        final String state;
        final int polls;
        final boolean pendingInterruption;
        final List<String> log;

        Phase(String state, int polls, boolean pendingInterruption, List<String> log) {
            this.state = state;
            this.polls = polls;
            this.pendingInterruption = pendingInterruption;
            this.log = Collections.unmodifiableList(new ArrayList<>(log));
        }
    }

    /** The final state, or none for a task that never completes. */
    static final class End {
        final String state;
        final String errorMessage;
        final List<String> log;

        End(String state, String errorMessage, List<String> log) {
            this.state = state;
            this.errorMessage = errorMessage;
            this.log = Collections.unmodifiableList(new ArrayList<>(log));
        }
    }

    private final List<Phase> phases;
    private final End end;

    private TaskScript(List<Phase> phases, End end) {
        this.phases = Collections.unmodifiableList(new ArrayList<>(phases));
        this.end = end;
    }

    /** The default: Queued for one poll, Executing for one, then Success. */
    public static TaskScript succeeds() {
        return queued(1).thenExecuting(1).thenSucceeds();
    }

    /** Starts Queued for {@code polls} polls. */
    public static TaskScript queued(int polls) {
        return new TaskScript(Collections.emptyList(), null).then("Queued", polls, false);
    }

    /** Starts straight in Executing for {@code polls} polls. */
    public static TaskScript executing(int polls) {
        return new TaskScript(Collections.emptyList(), null).then("Executing", polls, false);
    }

    /** Then Executing for {@code polls} polls. */
    public TaskScript thenExecuting(int polls) {
        return then("Executing", polls, false);
    }

    /**
     * Then Executing with {@code HasPendingInterruptions} (a manual intervention or guided failure waiting for
     * someone) for {@code polls} polls.
     */
    public TaskScript thenWaitingForIntervention(int polls) {
        return then("Executing", polls, true);
    }

    /** Log lines written when the last phase so far starts (they appear in the raw log from then on). */
    public TaskScript logging(String... lines) {
        if (phases.isEmpty() || end != null) {
            throw new IllegalStateException("logging() follows a phase");
        }
        List<Phase> copy = new ArrayList<>(phases);
        Phase last = copy.remove(copy.size() - 1);
        List<String> log = new ArrayList<>(last.log);
        log.addAll(Arrays.asList(lines));
        copy.add(new Phase(last.state, last.polls, last.pendingInterruption, log));
        return new TaskScript(copy, null);
    }

    /** Then Success, for good. */
    public TaskScript thenSucceeds() {
        return end(new End("Success", null, Collections.singletonList("Deployment completed successfully.")));
    }

    /** Then Failed with this {@code ErrorMessage}, the log lines written as it fails. */
    public TaskScript thenFails(String errorMessage, String... logLines) {
        List<String> log = new ArrayList<>(Arrays.asList(logLines));
        log.add(errorMessage);
        return end(new End("Failed", errorMessage, log));
    }

    /** Then TimedOut (the server's own task time-out), with the ErrorMessage Octopus gives it. */
    public TaskScript thenTimesOut() {
        String message = "The task exceeded its maximum run time and was timed out.";
        return end(new End("TimedOut", message, Collections.singletonList(message)));
    }

    /** Never completes: the last phase lasts for ever (stuck in Executing, or waiting on an intervention). */
    public TaskScript staysThere() {
        if (phases.isEmpty()) {
            throw new IllegalStateException("staysThere() follows a phase");
        }
        return new TaskScript(phases, null);
    }

    private TaskScript then(String state, int polls, boolean interruption) {
        if (end != null) {
            throw new IllegalStateException("The script has already ended in " + end.state);
        }
        if (polls < 0) {
            throw new IllegalArgumentException("polls must not be negative: " + polls);
        }
        List<Phase> copy = new ArrayList<>(phases);
        copy.add(new Phase(state, polls, interruption, Collections.emptyList()));
        return new TaskScript(copy, null);
    }

    private TaskScript end(End how) {
        if (end != null) {
            throw new IllegalStateException("The script has already ended in " + end.state);
        }
        return new TaskScript(phases, how);
    }

    /** The phase shown at this poll (0-based), or empty once the script has reached its end. */
    Optional<Phase> phaseAt(int poll) {
        int seen = 0;
        for (Phase phase : phases) {
            seen += phase.polls;
            if (poll < seen) {
                return Optional.of(phase);
            }
        }
        if (end == null) {
            for (int i = phases.size() - 1; i >= 0; i--) {
                if (phases.get(i).polls > 0 || i == 0) {
                    return Optional.of(phases.get(i));
                }
            }
        }
        return Optional.empty();
    }

    /** The end, absent for a script that never completes. */
    Optional<End> end() {
        return Optional.ofNullable(end);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Phase phase : phases) {
            text.append(phase.state)
                    .append(phase.pendingInterruption ? " (interruption)" : "")
                    .append(" x")
                    .append(phase.polls)
                    .append(" -> ");
        }
        return text.append(end == null ? "forever" : end.state).toString();
    }
}

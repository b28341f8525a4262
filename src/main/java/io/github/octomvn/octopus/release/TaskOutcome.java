package io.github.octomvn.octopus.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** How a deployment's task ended, or where it stood when waiting stopped. */
public final class TaskOutcome {

    private final QueuedDeployment deployment;
    private final TaskSnapshot last;
    private final boolean timedOut;
    private final boolean canceled;
    private final Duration waited;
    private final List<String> logTail;

    TaskOutcome(
            QueuedDeployment deployment,
            TaskSnapshot last,
            boolean timedOut,
            boolean canceled,
            Duration waited,
            List<String> logTail) {
        this.deployment = deployment;
        this.last = last;
        this.timedOut = timedOut;
        this.canceled = canceled;
        this.waited = waited;
        this.logTail = Collections.unmodifiableList(new ArrayList<>(logTail));
    }

    public QueuedDeployment deployment() {
        return deployment;
    }

    /** The last poll of the task. */
    public TaskSnapshot task() {
        return last;
    }

    /** True when the task finished successfully. */
    public boolean succeeded() {
        return !timedOut && last.succeeded();
    }

    /** Waiting stopped at the time-out before the task completed. */
    public boolean timedOut() {
        return timedOut;
    }

    /** The task was canceled at the time-out on this client's request. */
    public boolean canceledAfterTimeout() {
        return canceled;
    }

    /** How long this client waited, by its own clock. */
    public Duration waited() {
        return waited;
    }

    /** The last lines of the task's raw log, for a task that did not succeed (empty when it could not be read). */
    public List<String> logTail() {
        return logTail;
    }

    /** {@code Dev: Success in 1m30s, http://octopus/app#/Spaces-1/tasks/ServerTasks-7}. */
    public String summary() {
        String state = timedOut
                ? (canceled ? "canceled after timing out" : "still " + last.state() + " at the time-out")
                : last.state();
        return deployment.label() + ": " + state + " in " + TaskWaiter.elapsed(waited) + ", " + last.webLink();
    }

    /**
     * For a task that did not succeed: what happened, the task's ErrorMessage, the last lines of its log and its
     * link; empty for a success.
     */
    public Optional<String> failure() {
        if (succeeded()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("Deployment to ").append(deployment.label());
        if (timedOut) {
            text.append(canceled ? " was canceled after" : " did not finish within")
                    .append(" the deployment time-out (")
                    .append(TaskWaiter.elapsed(waited))
                    .append(canceled ? ")" : "; the task goes on in Octopus)");
        } else {
            text.append(" ended ").append(last.state());
        }
        last.errorMessage().ifPresent(message -> text.append(": ").append(message));
        if (last.pendingInterruptions()) {
            text.append(" (a manual intervention or guided failure is waiting in Octopus)");
        }
        if (!logTail.isEmpty()) {
            text.append("\nLast ").append(logTail.size()).append(" lines of the task log:");
            logTail.forEach(line -> text.append("\n  ").append(line));
        }
        text.append("\nTask: ").append(last.webLink());
        return Optional.of(text.toString());
    }

    @Override
    public String toString() {
        return summary();
    }
}

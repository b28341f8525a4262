package io.github.octomvn.octopus.testserver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The server tasks (one per deployment) and their progress: each poll moves a task one step along the
 * {@link TaskScript} chosen for its environment when it was queued. Times come from the server's clock.
 */
final class TaskStore {

    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** One server task. Every method is synchronized on the task. */
    static final class Task {
        final String id;
        final String spaceId;
        final String description;
        final String environmentName;
        final List<String> relatedIds;
        final TaskScript script;
        private final Clock clock;
        private final Instant queueTime;
        private Instant startTime;
        private Instant completedTime;
        private String state = "Queued";
        private boolean pendingInterruption;
        private String errorMessage;
        private int polls;
        private int cancelSteps = -1;
        private TaskScript.Phase shownPhase;
        private final List<String> log = new ArrayList<>();

        Task(
                String id,
                String spaceId,
                String description,
                String environmentName,
                List<String> relatedIds,
                TaskScript script,
                Clock clock) {
            this.id = id;
            this.spaceId = spaceId;
            this.description = description;
            this.environmentName = environmentName;
            this.relatedIds = Collections.unmodifiableList(new ArrayList<>(relatedIds));
            this.script = script;
            this.clock = clock;
            this.queueTime = clock.instant();
            line("Info", "Task queued: " + description);
        }

        /** One poll: shows the state this poll sees, then moves on. */
        synchronized void poll() {
            if (!isCompleted()) {
                advance();
            }
            polls++;
        }

        private void advance() {
            if (cancelSteps >= 0) {
                if (cancelSteps == 0) {
                    state = "Cancelling";
                    cancelSteps = 1;
                } else {
                    state = "Canceled";
                    pendingInterruption = false;
                    errorMessage = "The task was canceled.";
                    completedTime = clock.instant();
                    line("Fatal", "The task was canceled.");
                }
                return;
            }
            Optional<TaskScript.Phase> phase = script.phaseAt(polls);
            if (phase.isPresent()) {
                TaskScript.Phase now = phase.get();
                if (now != shownPhase) {
                    shownPhase = now;
                    if (!now.state.equals("Queued") && startTime == null) {
                        startTime = clock.instant();
                        line("Info", description);
                    }
                    if (now.pendingInterruption) {
                        line(
                                "Warning",
                                "Deployment is paused until a manual intervention or guided failure is"
                                        + " submitted.");
                    }
                    now.log.forEach(l -> line("Info", l));
                }
                state = now.state;
                pendingInterruption = now.pendingInterruption;
                return;
            }
            TaskScript.End end = script.end().orElseThrow();
            if (startTime == null) {
                startTime = clock.instant();
            }
            state = end.state;
            pendingInterruption = false;
            errorMessage = end.errorMessage;
            completedTime = clock.instant();
            end.log.forEach(l -> line(end.errorMessage == null ? "Info" : "Error", l));
        }

        /**
         * Asks for cancellation: a queued or running task shows Cancelling on the next poll and Canceled on the one
         * after. Returns false when the task had already completed.
         */
        synchronized boolean cancel() {
            if (isCompleted()) {
                return false;
            }
            if (cancelSteps < 0) {
                cancelSteps = 0;
                state = "Cancelling";
                line("Warning", "Cancellation requested by maven-ci.");
            }
            return true;
        }

        synchronized String state() {
            return state;
        }

        synchronized int polls() {
            return polls;
        }

        synchronized boolean cancelRequested() {
            return cancelSteps >= 0;
        }

        synchronized boolean isCompleted() {
            return completedTime != null;
        }

        synchronized boolean pendingInterruption() {
            return pendingInterruption;
        }

        synchronized Optional<String> errorMessage() {
            return Optional.ofNullable(errorMessage);
        }

        synchronized Instant queueTime() {
            return queueTime;
        }

        synchronized Optional<Instant> startTime() {
            return Optional.ofNullable(startTime);
        }

        synchronized Optional<Instant> completedTime() {
            return Optional.ofNullable(completedTime);
        }

        synchronized Duration duration() {
            Instant from = startTime == null ? queueTime : startTime;
            Instant to = completedTime == null ? clock.instant() : completedTime;
            return Duration.between(from, to);
        }

        synchronized List<String> log() {
            return new ArrayList<>(log);
        }

        /** The raw log as {@code GET tasks/{id}/raw} gives it: a header, then one line per entry. */
        synchronized String rawLog() {
            StringBuilder text = new StringBuilder();
            text.append("Task ID:        ").append(id).append("\r\n");
            text.append("Related IDs:    ")
                    .append(String.join(", ", relatedIds))
                    .append("\r\n");
            text.append("Task status:    ").append(state).append("\r\n");
            text.append("Task queued:    ").append(queueTime).append("\r\n");
            text.append("Task started:   ")
                    .append(startTime == null ? "" : startTime.toString())
                    .append("\r\n");
            text.append("Task completed: ")
                    .append(completedTime == null ? "" : completedTime.toString())
                    .append("\r\n");
            text.append("Task duration:  ").append(humanDuration(duration())).append("\r\n");
            text.append("Server version: 2024.1.100\r\n");
            text.append("Server node:    OCTOPUS-TEST\r\n\r\n");
            text.append("                    | == ").append(state).append(": ").append(description);
            text.append(" ==\r\n");
            log.forEach(l -> text.append(l).append("\r\n"));
            return text.toString();
        }

        private void line(String level, String message) {
            log.add(String.format(Locale.ROOT, "%s  %-7s  |   %s", LOG_TIME.format(clock.instant()), level, message));
        }
    }

    private final Clock clock;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, TaskScript> scripts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private TaskScript defaultScript = TaskScript.succeeds();
    private int nextId = 1;

    TaskStore(Clock clock) {
        this.clock = clock;
    }

    /** Tasks queued from now on for this environment (name, case-insensitive) follow this script. */
    synchronized void script(String environmentName, TaskScript script) {
        scripts.put(environmentName, script);
    }

    /** Tasks for environments without a script of their own follow this one. */
    synchronized void defaultScript(TaskScript script) {
        this.defaultScript = script;
    }

    synchronized Task queue(String spaceId, String description, String environmentName, List<String> relatedIds) {
        String id = "ServerTasks-" + nextId++;
        TaskScript script = scripts.getOrDefault(environmentName, defaultScript);
        List<String> related = new ArrayList<>(relatedIds);
        related.add(spaceId);
        Task task = new Task(id, spaceId, description, environmentName, related, script, clock);
        tasks.put(id.toLowerCase(Locale.ROOT), task);
        return task;
    }

    synchronized Optional<Task> find(String id) {
        return Optional.ofNullable(tasks.get(id.toLowerCase(Locale.ROOT)));
    }

    synchronized List<Task> all() {
        return new ArrayList<>(tasks.values());
    }

    /** Octopus's way of writing a task duration: "14 seconds", "1 minute", "3 hours". */
    static String humanDuration(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        if (seconds < 60) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        long hours = minutes / 60;
        return hours == 1 ? "1 hour" : hours + " hours";
    }
}

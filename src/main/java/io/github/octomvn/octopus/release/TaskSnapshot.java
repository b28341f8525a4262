package io.github.octomvn.octopus.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.octomvn.octopus.client.Json;
import java.util.Optional;

/** What one poll of a server task said: its state, whether it completed and how, and where to see it. */
public final class TaskSnapshot {

    private final String id;
    private final String state;
    private final boolean completed;
    private final boolean succeeded;
    private final boolean pendingInterruptions;
    private final String errorMessage;
    private final String duration;
    private final String webLink;

    TaskSnapshot(
            String id,
            String state,
            boolean completed,
            boolean succeeded,
            boolean pendingInterruptions,
            String errorMessage,
            String duration,
            String webLink) {
        this.id = id;
        this.state = state;
        this.completed = completed;
        this.succeeded = succeeded;
        this.pendingInterruptions = pendingInterruptions;
        this.errorMessage = errorMessage;
        this.duration = duration;
        this.webLink = webLink;
    }

    static TaskSnapshot of(JsonNode task, ExecutionsApi api) {
        String id = Json.text(task, "Id").orElse("?");
        String state = Json.text(task, "State").orElse("Unknown");
        // IsCompleted is authoritative; a server that leaves it out still names a final state.
        boolean completed = Json.field(task, "IsCompleted")
                .filter(JsonNode::isBoolean)
                .map(JsonNode::asBoolean)
                .orElse(isFinal(state));
        String web = Json.field(task, "Links")
                .flatMap(links -> Json.text(links, "Web"))
                .map(api::absolute)
                .orElse(api.space().webUrl() + "/tasks/" + id);
        return new TaskSnapshot(
                id,
                state,
                completed,
                Json.bool(task, "FinishedSuccessfully"),
                Json.bool(task, "HasPendingInterruptions"),
                Json.text(task, "ErrorMessage").orElse(null),
                Json.text(task, "Duration").orElse(null),
                web);
    }

    static boolean isFinal(String state) {
        return state.equals("Success")
                || state.equals("Failed")
                || state.equals("Canceled")
                || state.equals("TimedOut");
    }

    public String id() {
        return id;
    }

    /** {@code Queued}, {@code Executing}, {@code Cancelling}, {@code Success}, {@code Failed}, ... */
    public String state() {
        return state;
    }

    public boolean completed() {
        return completed;
    }

    public boolean succeeded() {
        return completed && succeeded;
    }

    /** A manual intervention or guided failure is waiting for someone. */
    public boolean pendingInterruptions() {
        return pendingInterruptions;
    }

    public Optional<String> errorMessage() {
        return Optional.ofNullable(errorMessage);
    }

    /** The duration as the server words it ("1 minute"). */
    public Optional<String> duration() {
        return Optional.ofNullable(duration);
    }

    /** The task in the Octopus web UI. */
    public String webLink() {
        return webLink;
    }

    @Override
    public String toString() {
        return id + " " + state + (pendingInterruptions ? " (interruption pending)" : "");
    }
}

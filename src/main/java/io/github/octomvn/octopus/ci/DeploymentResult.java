package io.github.octomvn.octopus.ci;

import java.util.Objects;
import java.util.Optional;

/** One deployment of a release: where to (environment, tenant), the task's state and its page on the server. */
public final class DeploymentResult {
    private final String target;
    private final String state;
    private final boolean succeeded;
    private final String link;

    /**
     * @param target the environment, or {@code Environment/Tenant}
     * @param state the task's state as Octopus names it ({@code Success}, {@code Failed}, {@code Queued}, ...), or
     *     {@code TimedOut}
     * @param link the task on the server, or null
     */
    public DeploymentResult(String target, String state, boolean succeeded, String link) {
        this.target = Objects.requireNonNull(target, "target");
        this.state = Objects.requireNonNull(state, "state");
        this.succeeded = succeeded;
        this.link = link;
    }

    public String target() {
        return target;
    }

    public String state() {
        return state;
    }

    public boolean succeeded() {
        return succeeded;
    }

    public Optional<String> link() {
        return Optional.ofNullable(link);
    }

    @Override
    public String toString() {
        return "DeploymentResult[" + target + ": " + state + "]";
    }
}

package io.github.octomvn.octopus.release;

import java.util.Optional;

/** A deployment the server accepted: which environment (and tenant) it goes to, and the task that runs it. */
public final class QueuedDeployment {

    private final String deploymentId;
    private final String taskId;
    private final String environment;
    private final String tenant;

    QueuedDeployment(String deploymentId, String taskId, String environment, String tenant) {
        this.deploymentId = deploymentId;
        this.taskId = taskId;
        this.environment = environment;
        this.tenant = tenant;
    }

    public String deploymentId() {
        return deploymentId;
    }

    /** {@code ServerTasks-N}. */
    public String taskId() {
        return taskId;
    }

    /** The environment's name (its ID when the name could not be read). */
    public String environment() {
        return environment;
    }

    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    /** For progress lines: {@code Dev}, or {@code Production/Acme} for a tenant. */
    public String label() {
        return tenant == null ? environment : environment + "/" + tenant;
    }

    @Override
    public String toString() {
        return label() + " (" + deploymentId + ", " + taskId + ")";
    }
}

package io.github.octomvn.octopus.release;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.octomvn.octopus.client.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code release-report.json}: the release (created or found), each deployment with its task, final state and
 * duration, and their links. Written atomically. Holds no variable values and no credentials.
 */
public final class ReleaseReport {

    /** The file name, in the build's output folder for this plugin. */
    public static final String FILE_NAME = "release-report.json";

    private ReleaseReport() {}

    /**
     * Writes the report. {@code release} is absent for a deployment of an existing release by hand;
     * {@code deployments} holds the outcomes waited for, {@code queued} those not waited for.
     */
    public static void write(
            Path file,
            String serverUrl,
            String spaceId,
            Optional<ReleaseOutcome> release,
            List<TaskOutcome> deployments,
            List<QueuedDeployment> queued)
            throws IOException {
        ObjectNode root = Json.object();
        root.put("serverUrl", serverUrl);
        root.put("spaceId", spaceId);
        if (release.isPresent()) {
            ReleaseOutcome r = release.get();
            ObjectNode node = root.putObject("release");
            node.put("project", r.project());
            node.put("version", r.version());
            node.put("releaseId", r.releaseId());
            node.put("status", r.status().name());
            node.put("link", r.webLink());
        } else {
            root.putNull("release");
        }
        ArrayNode list = root.putArray("deployments");
        for (TaskOutcome outcome : deployments) {
            ObjectNode node = deployment(list, outcome.deployment());
            node.put("state", outcome.task().state());
            node.put("completed", outcome.task().completed());
            node.put("succeeded", outcome.succeeded());
            node.put("timedOut", outcome.timedOut());
            node.put("canceledAfterTimeout", outcome.canceledAfterTimeout());
            node.put("waitedSeconds", outcome.waited().getSeconds());
            node.put("duration", outcome.task().duration().orElse(TaskWaiter.elapsed(outcome.waited())));
            node.put("errorMessage", outcome.task().errorMessage().orElse(null));
            node.put("link", outcome.task().webLink());
        }
        for (QueuedDeployment d : queued) {
            ObjectNode node = deployment(list, d);
            node.put("state", "Queued");
            node.put("completed", false);
            node.put("waited", false);
        }
        Json.writeAtomically(file, root);
    }

    private static ObjectNode deployment(ArrayNode list, QueuedDeployment d) {
        ObjectNode node = list.addObject();
        node.put("environment", d.environment());
        node.put("tenant", d.tenant().orElse(null));
        node.put("deploymentId", d.deploymentId());
        node.put("taskId", d.taskId());
        return node;
    }
}

package io.github.octomvn.octopus.testserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Server tasks, in a space ({@code /api/Spaces-N/tasks/...}) or not ({@code /api/tasks/...}, as the root document's
 * {@code Tasks} link has it, any space): {@code GET tasks/{id}} and {@code GET tasks?ids=a,b} (each one poll that
 * moves the task along its {@link TaskScript}), {@code POST tasks/{id}/cancel} and {@code GET tasks/{id}/raw} (the
 * plain-text log; no poll). TaskView to read, TaskCancel to cancel.
 */
final class TaskRoutes implements RouteRegistry.ApiRoute, RouteRegistry.SpaceRoute {

    private final TaskStore tasks;
    private final ReleaseStore releases;

    TaskRoutes(TaskStore tasks, ReleaseStore releases) {
        this.tasks = tasks;
        this.releases = releases;
    }

    /** {@code /api/tasks/...}: tasks of any space. */
    @Override
    public boolean handle(Exchange ex, Set<Permission> account, List<String> path) throws IOException {
        return handle(ex, account, null, path);
    }

    /** {@code /api/Spaces-N/tasks/...}: tasks of that space; {@code spaceId} null for any space. */
    @Override
    public boolean handle(Exchange ex, Set<Permission> account, String spaceId, List<String> rest) throws IOException {
        if (rest.isEmpty() || !rest.get(0).equalsIgnoreCase("tasks") || rest.size() > 3) {
            return false;
        }
        if (rest.size() == 3 && rest.get(2).equalsIgnoreCase("cancel")) {
            if (!ex.method().equals("POST")) {
                ex.methodNotAllowed();
                return true;
            }
            if (!account.contains(Permission.TaskCancel)) {
                ex.forbidden(Permission.TaskCancel);
                return true;
            }
            Optional<TaskStore.Task> task = find(spaceId, rest.get(1));
            if (task.isEmpty()) {
                ex.notFound();
                return true;
            }
            task.get().cancel();
            ex.json(200, resource(task.get()));
            return true;
        }
        if (rest.size() == 3 && !rest.get(2).equalsIgnoreCase("raw")) {
            return false;
        }
        if (!ProjectRoutes.guard(ex, account, Permission.TaskView)) {
            return true;
        }
        if (rest.size() == 1) {
            list(ex, spaceId);
            return true;
        }
        Optional<TaskStore.Task> task = find(spaceId, rest.get(1));
        if (task.isEmpty()) {
            ex.notFound();
            return true;
        }
        if (rest.size() == 3) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "text/plain; charset=utf-8");
            ex.respond(200, headers, task.get().rawLog().getBytes(StandardCharsets.UTF_8));
            return true;
        }
        task.get().poll();
        ex.json(200, resource(task.get()));
        return true;
    }

    /** {@code GET tasks?ids=a,b}: a page of those tasks, each polled once (no ids: every task, none polled). */
    private void list(Exchange ex, String spaceId) throws IOException {
        Map<String, String> query = ex.queryParameters();
        Optional<List<String>> ids =
                Exchange.param(query, "ids").filter(v -> !v.isEmpty()).map(v -> Arrays.asList(v.split(",")));
        List<TaskStore.Task> matching = tasks.all().stream()
                .filter(t -> spaceId == null || t.spaceId.equals(spaceId))
                .filter(t -> ids.map(
                                list -> list.stream().anyMatch(id -> id.trim().equalsIgnoreCase(t.id)))
                        .orElse(true))
                .collect(Collectors.toList());
        if (ids.isPresent()) {
            matching.forEach(TaskStore.Task::poll);
        }
        ex.json(
                200,
                JsonRendering.page(
                        "ServerTask",
                        matching,
                        ProjectRoutes.intParam(query, "skip", 0),
                        ProjectRoutes.intParam(query, "take", 30),
                        this::resource,
                        spaceId == null ? "/api/tasks" : "/api/" + spaceId + "/tasks"));
    }

    private Optional<TaskStore.Task> find(String spaceId, String id) {
        return tasks.find(id).filter(t -> spaceId == null || t.spaceId.equals(spaceId));
    }

    private com.fasterxml.jackson.databind.node.ObjectNode resource(TaskStore.Task task) {
        String deploymentId = releases.deployments(d -> d.taskId().equals(task.id)).stream()
                .map(StoredDeployment::id)
                .findFirst()
                .orElse(null);
        return JsonRendering.taskResource(task, deploymentId);
    }
}

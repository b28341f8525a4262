package io.github.octomvn.octopus.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Deployments in a space: {@code POST deployments/create/untenanted/v1} ({@code environmentNames[]}) and
 * {@code POST deployments/create/tenanted/v1} (one {@code environmentName}, {@code tenants[]} and
 * {@code tenantTags[]}), executions API only (server 2022.3.5512 on), answering
 * {@code {"DeploymentServerTasks": [{"DeploymentId", "ServerTaskId"}]}} (camelCase keys when switched on, as
 * some server versions sent them); each deployment queues a server task that follows the {@link TaskScript} of its
 * environment. And the classic lookups {@code GET deployments} ({@code ?projects=&environments=&tenants=&ids=},
 * newest first) and {@code GET deployments/{id}}. DeploymentCreate to create, DeploymentView to read.
 */
final class DeploymentRoutes implements RouteRegistry.SpaceRoute {

    private final Spaces spaces;
    private final ReleaseStore store;
    private final TaskStore tasks;
    private final Faults faults;
    private final boolean executions;
    private volatile boolean camelCase;

    DeploymentRoutes(Spaces spaces, ReleaseStore store, TaskStore tasks, Faults faults, boolean executions) {
        this.spaces = spaces;
        this.store = store;
        this.tasks = tasks;
        this.faults = faults;
        this.executions = executions;
    }

    void answerInCamelCase(boolean on) {
        this.camelCase = on;
    }

    @Override
    public boolean handle(Exchange ex, Set<Permission> account, String spaceId, List<String> rest) throws IOException {
        if (rest.isEmpty() || !rest.get(0).equalsIgnoreCase("deployments")) {
            return false;
        }
        if (rest.size() == 4
                && rest.get(1).equalsIgnoreCase("create")
                && rest.get(3).equalsIgnoreCase("v1")
                && (rest.get(2).equalsIgnoreCase("untenanted") || rest.get(2).equalsIgnoreCase("tenanted"))) {
            if (!executions) {
                return false;
            }
            if (!ex.method().equals("POST")) {
                ex.methodNotAllowed();
            } else {
                create(ex, account, spaceId, rest.get(2).equalsIgnoreCase("tenanted"));
            }
            return true;
        }
        if (rest.size() > 2) {
            return false;
        }
        if (!ProjectRoutes.guard(ex, account, Permission.DeploymentView)) {
            return true;
        }
        if (rest.size() == 2) {
            Optional<StoredDeployment> found =
                    store.deploymentById(rest.get(1)).filter(d -> d.spaceId().equals(spaceId));
            if (found.isPresent()) {
                ex.json(200, JsonRendering.deploymentResource(found.get()));
            } else {
                ex.notFound();
            }
            return true;
        }
        Map<String, String> query = ex.queryParameters();
        Predicate<StoredDeployment> filter = d -> d.spaceId().equals(spaceId);
        filter = filter.and(among(query, "projects", StoredDeployment::projectId));
        filter = filter.and(among(query, "environments", StoredDeployment::environmentId));
        filter = filter.and(among(query, "tenants", d -> d.tenantId().orElse("")));
        filter = filter.and(among(query, "channels", StoredDeployment::channelId));
        filter = filter.and(among(query, "ids", StoredDeployment::id));
        List<StoredDeployment> found = store.deployments(filter);
        found.sort(Comparator.comparing(StoredDeployment::created)
                .thenComparing(d -> Integer.parseInt(d.id().substring(d.id().indexOf('-') + 1)))
                .reversed());
        ex.json(
                200,
                JsonRendering.page(
                        "Deployment",
                        found,
                        ProjectRoutes.intParam(query, "skip", 0),
                        ProjectRoutes.intParam(query, "take", 30),
                        JsonRendering::deploymentResource,
                        "/api/" + spaceId + "/deployments"));
        return true;
    }

    private static Predicate<StoredDeployment> among(
            Map<String, String> query, String name, java.util.function.Function<StoredDeployment, String> value) {
        Optional<List<String>> wanted =
                Exchange.param(query, name).filter(v -> !v.isEmpty()).map(v -> Arrays.asList(v.split(",")));
        return d -> wanted.map(list -> list.stream().anyMatch(w -> w.trim().equalsIgnoreCase(value.apply(d))))
                .orElse(true);
    }

    private void create(Exchange ex, Set<Permission> account, String spaceId, boolean tenanted) throws IOException {
        if (!account.contains(Permission.DeploymentCreate)) {
            ex.forbidden(Permission.DeploymentCreate);
            return;
        }
        Optional<JsonNode> parsed = ReleaseRoutes.readBody(ex);
        if (parsed.isEmpty()) {
            return;
        }
        JsonNode body = parsed.get();
        if (!ReleaseRoutes.spaceMatches(ex, body, spaces, spaceId)) {
            return;
        }
        List<String> errors = new ArrayList<>();
        Optional<String> projectName =
                JsonRendering.textField(body, "ProjectName").or(() -> JsonRendering.textField(body, "ProjectIdOrName"));
        Optional<String> releaseVersion = JsonRendering.textField(body, "ReleaseVersion");
        if (projectName.isEmpty()) {
            errors.add("The ProjectName field is required.");
        }
        if (releaseVersion.isEmpty()) {
            errors.add("The ReleaseVersion field is required.");
        }
        List<String> environmentNames = tenanted
                ? JsonRendering.textField(body, "EnvironmentName")
                        .map(java.util.Collections::singletonList)
                        .orElse(java.util.Collections.emptyList())
                : strings(body, "EnvironmentNames");
        if (environmentNames.isEmpty()) {
            errors.add(tenanted ? "The EnvironmentName field is required." : "At least one environment is required.");
        }
        if (!errors.isEmpty()) {
            ex.invalid(errors.toArray(new String[0]));
            return;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        JsonRendering.field(body, "Variables").filter(JsonNode::isObject).ifPresent(fields -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                variables.put(e.getKey(), e.getValue().asText());
            }
        });
        List<StoredDeployment> created = new ArrayList<>();
        synchronized (store.lock()) {
            Optional<ReleaseStore.Project> project = store.project(spaceId, projectName.get());
            if (project.isEmpty()) {
                ex.invalid("Project '" + projectName.get() + "' could not be found in space '" + spaceId + "'.");
                return;
            }
            Optional<StoredRelease> release = store.release(project.get().id, releaseVersion.get());
            if (release.isEmpty()) {
                ex.invalid("Release '" + releaseVersion.get() + "' of project '" + project.get().name
                        + "' could not be found.");
                return;
            }
            List<ReleaseStore.Environment> environments = new ArrayList<>();
            for (String name : environmentNames) {
                Optional<ReleaseStore.Environment> environment = store.environment(spaceId, name);
                if (environment.isEmpty()) {
                    errors.add("Environment '" + name + "' could not be found.");
                } else {
                    environments.add(environment.get());
                }
            }
            List<ReleaseStore.Tenant> tenants = new ArrayList<>();
            if (tenanted) {
                Set<ReleaseStore.Tenant> chosen = new LinkedHashSet<>();
                for (String name : strings(body, "Tenants")) {
                    Optional<ReleaseStore.Tenant> tenant = store.tenant(spaceId, name);
                    if (tenant.isEmpty()) {
                        errors.add("Tenant '" + name + "' could not be found.");
                    } else {
                        chosen.add(tenant.get());
                    }
                }
                for (String tag : strings(body, "TenantTags")) {
                    store.tenants(spaceId).stream()
                            .filter(t -> t.tags.stream().anyMatch(tag::equalsIgnoreCase))
                            .forEach(chosen::add);
                }
                if (chosen.isEmpty() && errors.isEmpty()) {
                    errors.add("No tenants matched the tenants and tenant tags given.");
                }
                tenants.addAll(chosen);
            }
            if (!errors.isEmpty()) {
                ex.invalid(errors.toArray(new String[0]));
                return;
            }
            String request = new String(JsonRendering.bytes(body), StandardCharsets.UTF_8);
            for (ReleaseStore.Environment environment : environments) {
                List<ReleaseStore.Tenant> each = tenanted ? tenants : java.util.Collections.singletonList(null);
                for (ReleaseStore.Tenant tenant : each) {
                    String deploymentId = store.nextId("Deployments");
                    String description = "Deploy " + project.get().name + " release "
                            + release.get().version() + " to " + environment.name
                            + (tenant == null ? "" : " for " + tenant.name);
                    List<String> related = new ArrayList<>(Arrays.asList(
                            deploymentId,
                            release.get().channelId(),
                            release.get().id(),
                            project.get().id,
                            environment.id));
                    if (tenant != null) {
                        related.add(tenant.id);
                    }
                    TaskStore.Task task = tasks.queue(spaceId, description, environment.name, related);
                    StoredDeployment deployment = new StoredDeployment(
                            deploymentId,
                            spaceId,
                            release.get(),
                            environment.id,
                            environment.name,
                            tenant == null ? null : tenant.id,
                            tenant == null ? null : tenant.name,
                            task.id,
                            variables,
                            request,
                            store.now());
                    store.store(deployment);
                    created.add(deployment);
                }
            }
        }
        if (faults.dropAfterStoreDeployment.getAndSet(false)) {
            throw new Exchange.Abort();
        }
        if (faults.hangAfterStoreDeployment.getAndSet(false)) {
            throw new Exchange.Hang();
        }
        ObjectNode answer = JsonRendering.JSON.createObjectNode();
        ArrayNode list = answer.putArray(camelCase ? "deploymentServerTasks" : "DeploymentServerTasks");
        for (StoredDeployment d : created) {
            ObjectNode item = list.addObject();
            item.put(camelCase ? "deploymentId" : "DeploymentId", d.id());
            item.put(camelCase ? "serverTaskId" : "ServerTaskId", d.taskId());
        }
        ex.json(200, answer);
    }

    private static List<String> strings(JsonNode body, String name) {
        List<String> values = new ArrayList<>();
        JsonRendering.field(body, name)
                .filter(JsonNode::isArray)
                .ifPresent(array -> array.forEach(v -> {
                    if (v.isValueNode() && !v.isNull() && !v.asText().trim().isEmpty()) {
                        values.add(v.asText().trim());
                    }
                }));
        return values;
    }
}

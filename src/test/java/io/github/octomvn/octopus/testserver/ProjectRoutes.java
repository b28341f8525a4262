package io.github.octomvn.octopus.testserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The classic lookups of what a release is made for (§7.2): {@code projects} ({@code ?name=}, {@code ?partialName=},
 * {@code /all}, {@code /{idOrSlug}}, {@code /{idOrSlug}/channels}), {@code channels/{id}}, {@code environments}
 * and {@code tenants} (same shapes), and {@code deploymentprocesses/deploymentprocess-{projectId}/template} (the
 * packages of each step, as the release template names them). ProjectView, EnvironmentView and TenantView guard them. Releases of a project
 * ({@code projects/{id}/releases...}) belong to {@link ReleaseRoutes}.
 */
final class ProjectRoutes implements RouteRegistry.SpaceRoute {

    private final ReleaseStore store;

    ProjectRoutes(ReleaseStore store) {
        this.store = store;
    }

    @Override
    public boolean handle(Exchange ex, Set<Permission> account, String spaceId, List<String> rest) throws IOException {
        if (rest.isEmpty()) {
            return false;
        }
        String first = rest.get(0).toLowerCase(Locale.ROOT);
        switch (first) {
            case "projects":
                if (rest.size() > 3 || (rest.size() == 3 && !rest.get(2).equalsIgnoreCase("channels"))) {
                    return false;
                }
                if (guard(ex, account, Permission.ProjectView)) {
                    projects(ex, spaceId, rest);
                }
                return true;
            case "channels":
                if (rest.size() != 2) {
                    return false;
                }
                if (guard(ex, account, Permission.ProjectView)) {
                    Optional<ReleaseStore.Channel> channel = store.channelById(rest.get(1))
                            .filter(c -> store.projectById(c.projectId)
                                    .map(p -> p.spaceId.equals(spaceId))
                                    .orElse(false));
                    if (channel.isPresent()) {
                        ex.json(200, JsonRendering.channelResource(channel.get(), spaceId));
                    } else {
                        ex.notFound();
                    }
                }
                return true;
            case "deploymentprocesses":
                if (rest.size() != 3 || !rest.get(2).equalsIgnoreCase("template")) {
                    return false;
                }
                if (guard(ex, account, Permission.ProjectView)) {
                    template(ex, spaceId, rest.get(1));
                }
                return true;
            case "environments":
                if (rest.size() > 2) {
                    return false;
                }
                if (guard(ex, account, Permission.EnvironmentView)) {
                    collection(
                            ex,
                            rest,
                            "Environment",
                            store.environments(spaceId),
                            e -> e.name,
                            e -> e.id,
                            JsonRendering::environmentResource,
                            "/api/" + spaceId + "/environments");
                }
                return true;
            case "tenants":
                if (rest.size() > 2) {
                    return false;
                }
                if (guard(ex, account, Permission.TenantView)) {
                    collection(
                            ex,
                            rest,
                            "Tenant",
                            store.tenants(spaceId),
                            t -> t.name,
                            t -> t.id,
                            JsonRendering::tenantResource,
                            "/api/" + spaceId + "/tenants");
                }
                return true;
            default:
                return false;
        }
    }

    /** True for a GET by an account with {@code permission}; otherwise answers 405 or 403. */
    static boolean guard(Exchange ex, Set<Permission> account, Permission permission) throws IOException {
        if (!ex.requireGet()) {
            return false;
        }
        if (!account.contains(permission)) {
            ex.forbidden(permission);
            return false;
        }
        return true;
    }

    /**
     * {@code GET deploymentprocesses/deploymentprocess-Projects-N/template?channel=}: the packages a release of the
     * project selects, one per step and package reference, with the version the last release chose.
     */
    private void template(Exchange ex, String spaceId, String processId) throws IOException {
        String prefix = "deploymentprocess-";
        Optional<ReleaseStore.Project> project = processId.regionMatches(true, 0, prefix, 0, prefix.length())
                ? store.projectByIdOrSlug(spaceId, processId.substring(prefix.length()))
                : Optional.empty();
        if (project.isEmpty() || project.get().versionControlled) {
            ex.notFound();
            return;
        }
        Optional<StoredRelease> last = store.releases().stream()
                .filter(r -> r.projectId().equals(project.get().id))
                .reduce((first, second) -> second);
        ObjectNode template = JsonRendering.JSON.createObjectNode();
        template.put("DeploymentProcessId", prefix + project.get().id);
        template.put("LastReleaseVersion", last.map(StoredRelease::version).orElse(null));
        template.put("NextVersionIncrement", "0.0.1");
        template.putNull("VersioningPackageStepName");
        ArrayNode packages = template.putArray("Packages");
        synchronized (store.lock()) {
            for (ReleaseStore.Step step : project.get().steps) {
                ObjectNode item = packages.addObject();
                item.put("ActionName", step.actionName);
                item.put("StepName", step.actionName);
                item.put("PackageReferenceName", step.referenceName);
                item.put("PackageId", step.packageId);
                item.put("FeedId", "feeds-builtin");
                item.put("IsPrimaryPackage", step.referenceName.isEmpty());
                item.put("IsResolvable", true);
                item.put(
                        "VersionSelectedLastRelease",
                        last.flatMap(r -> r.packages().stream()
                                        .filter(p -> p.actionName().equals(step.actionName)
                                                && p.referenceName().equals(step.referenceName))
                                        .map(StoredRelease.SelectedPackage::version)
                                        .findFirst())
                                .orElse(null));
            }
        }
        template.putObject("Links")
                .put("Self", "/api/" + spaceId + "/deploymentprocesses/" + prefix + project.get().id + "/template");
        ex.json(200, template);
    }

    private void projects(Exchange ex, String spaceId, List<String> rest) throws IOException {
        if (rest.size() >= 2 && !rest.get(1).equalsIgnoreCase("all")) {
            Optional<ReleaseStore.Project> project = store.projectByIdOrSlug(spaceId, rest.get(1));
            if (project.isEmpty()) {
                ex.notFound();
                return;
            }
            if (rest.size() == 2) {
                ex.json(200, JsonRendering.projectResource(project.get()));
                return;
            }
            Map<String, String> query = ex.queryParameters();
            String partial = Exchange.param(query, "partialName").orElse("").toLowerCase(Locale.ROOT);
            List<ReleaseStore.Channel> channels;
            synchronized (store.lock()) {
                channels = project.get().channels.stream()
                        .filter(c -> c.name.toLowerCase(Locale.ROOT).contains(partial))
                        .collect(Collectors.toList());
            }
            ex.json(
                    200,
                    JsonRendering.page(
                            "Channel",
                            channels,
                            intParam(query, "skip", 0),
                            intParam(query, "take", 30),
                            c -> JsonRendering.channelResource(c, spaceId),
                            "/api/" + spaceId + "/projects/" + project.get().id + "/channels"));
            return;
        }
        collection(
                ex,
                rest,
                "Project",
                store.projects(spaceId),
                p -> p.name,
                p -> p.id,
                JsonRendering::projectResource,
                "/api/" + spaceId + "/projects");
    }

    /**
     * {@code <kind>} (a page filtered by {@code name}, exact and case-insensitive, {@code partialName} and
     * {@code ids}), {@code <kind>/all} (an array) or {@code <kind>/{id}}.
     */
    private static <T> void collection(
            Exchange ex,
            List<String> rest,
            String itemType,
            List<T> all,
            Function<T, String> name,
            Function<T, String> id,
            Function<T, ObjectNode> resource,
            String self)
            throws IOException {
        if (rest.size() == 2 && rest.get(1).equalsIgnoreCase("all")) {
            ArrayNode array = JsonRendering.JSON.createArrayNode();
            all.forEach(item -> array.add(resource.apply(item)));
            ex.json(200, array);
            return;
        }
        if (rest.size() == 2) {
            Optional<T> found = all.stream()
                    .filter(i -> id.apply(i).equalsIgnoreCase(rest.get(1)))
                    .findFirst();
            if (found.isPresent()) {
                ex.json(200, resource.apply(found.get()));
            } else {
                ex.notFound();
            }
            return;
        }
        Map<String, String> query = ex.queryParameters();
        Optional<String> exact = Exchange.param(query, "name").filter(n -> !n.isEmpty());
        String partial = Exchange.param(query, "partialName").orElse("").toLowerCase(Locale.ROOT);
        Optional<List<String>> ids =
                Exchange.param(query, "ids").filter(v -> !v.isEmpty()).map(v -> Arrays.asList(v.split(",")));
        List<T> matching = all.stream()
                .filter(i -> exact.map(n -> n.equalsIgnoreCase(name.apply(i))).orElse(true))
                .filter(i -> name.apply(i).toLowerCase(Locale.ROOT).contains(partial))
                .filter(i -> ids.map(
                                list -> list.stream().anyMatch(x -> x.trim().equalsIgnoreCase(id.apply(i))))
                        .orElse(true))
                .collect(Collectors.toList());
        ex.json(
                200,
                JsonRendering.page(
                        itemType, matching, intParam(query, "skip", 0), intParam(query, "take", 30), resource, self));
    }

    static int intParam(Map<String, String> query, String name, int fallback) {
        try {
            return Math.max(
                    0, Exchange.param(query, name).map(Integer::parseInt).orElse(fallback));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

package io.github.octomvn.octopus.testserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The documents a client discovers the server through: the root document {@code /api}, the spaces
 * ({@code /api/spaces}, {@code /api/spaces/all}, {@code /api/spaces/Spaces-N}), a space home
 * {@code /api/Spaces-N} with its links, and the current user {@code /api/users/me}.
 */
final class SpaceRoutes implements RouteRegistry.ApiRoute, RouteRegistry.SpaceRoute {

    private final Spaces spaces;
    private final String version;
    private final String apiVersion;
    private final boolean buildInformationLinks;
    private final DeltaRoutes deltas;
    private final String installationId = UUID.randomUUID().toString();

    SpaceRoutes(Spaces spaces, String version, String apiVersion, boolean buildInformationLinks, DeltaRoutes deltas) {
        this.spaces = spaces;
        this.deltas = deltas;
        this.version = version;
        this.apiVersion = apiVersion;
        this.buildInformationLinks = buildInformationLinks;
    }

    @Override
    public boolean handle(Exchange ex, Set<Permission> account, List<String> path) throws IOException {
        if (path.isEmpty()) {
            if (ex.requireGet()) {
                ex.json(200, rootDocument());
            }
            return true;
        }
        String first = path.get(0);
        if (!spaces.legacy() && first.equalsIgnoreCase("spaces")) {
            spaces(ex, path);
            return true;
        }
        if (first.equalsIgnoreCase("users") && path.size() == 2 && path.get(1).equalsIgnoreCase("me")) {
            if (ex.requireGet()) {
                ObjectNode me = JsonRendering.JSON.createObjectNode();
                me.put("Id", "Users-1");
                me.put("Username", "maven-ci");
                me.put("DisplayName", "Maven CI");
                me.put("IsService", true);
                ex.json(200, me);
            }
            return true;
        }
        return false;
    }

    /** The space home {@code /api/Spaces-N}. */
    @Override
    public boolean handle(Exchange ex, Set<Permission> account, String spaceId, List<String> rest) throws IOException {
        if (!rest.isEmpty()) {
            return false;
        }
        if (ex.requireGet()) {
            ObjectNode home = JsonRendering.JSON.createObjectNode();
            ObjectNode links = home.putObject("Links");
            links.put("Self", "/api/" + spaceId);
            spaceLinks(links, spaceId);
            ex.json(200, home);
        }
        return true;
    }

    private void spaces(Exchange ex, List<String> path) throws IOException {
        if (!ex.requireGet()) {
            return;
        }
        if (path.size() == 1) {
            ex.json(200, spacesPage(ex.queryParameters()));
        } else if (path.size() == 2 && path.get(1).equalsIgnoreCase("all")) {
            ArrayNode all = JsonRendering.JSON.createArrayNode();
            spaces.all().forEach(s -> all.add(JsonRendering.spaceResource(s)));
            ex.json(200, all);
        } else if (path.size() == 2) {
            Optional<Spaces.Space> space = spaces.find(path.get(1));
            if (space.isPresent()) {
                ex.json(200, JsonRendering.spaceResource(space.get()));
            } else {
                ex.notFound();
            }
        } else {
            ex.notFound();
        }
    }

    private ObjectNode rootDocument() {
        ObjectNode root = JsonRendering.JSON.createObjectNode();
        root.put("Application", "Octopus Deploy");
        root.put("Version", version);
        root.put("ApiVersion", apiVersion);
        root.put("InstallationId", installationId);
        root.put("HasLongTermSupport", false);
        root.put("IsEarlyAccessProgram", false);
        ObjectNode links = root.putObject("Links");
        links.put("Self", "/api");
        if (spaces.legacy()) {
            links.put("CurrentUser", "/api/users/me");
            links.put("PackageUpload", "/api/packages/raw{?replace}");
            links.put("Packages", "/api/packages{/id}{?nuGetPackageId,filter,latest,skip,take,includeNotes}");
            deltas.links(links, "/api");
            return root;
        }
        links.put("Spaces", "/api/spaces{/id}{?skip,ids,take,partialName}");
        links.put("SpaceHome", "/api/{spaceId}");
        links.put("CurrentUser", "/api/users/me");
        links.put(
                "Tasks",
                "/api/tasks{/id}{?skip,active,environment,tenant,runbook,project,name,node,running,states,"
                        + "hasPendingInterruptions,hasWarningsOrErrors,take,ids,partialName,spaces,includeSystem}");
        links.put("Web", "/app");
        spaces.defaultSpace().ifPresent(space -> spaceLinks(links, space.id));
        return root;
    }

    private void spaceLinks(ObjectNode links, String spaceId) {
        String prefix = "/api/" + spaceId;
        links.put("PackageUpload", prefix + "/packages/raw{?replace,overwriteMode}");
        links.put("Packages", prefix + "/packages{/id}{?nuGetPackageId,filter,latest,skip,take,includeNotes}");
        deltas.links(links, prefix);
        if (buildInformationLinks) {
            links.put(
                    "BuildInformation",
                    prefix + "/build-information{/id}{?packageId,filter,latest,skip,take,overwriteMode}");
        }
        // The classic resources releases and deployments are found through (as a 2023.1 root document links
        // them); the executions API (releases/create/v1, deployments/create/*/v1) has no link: clients go by Version.
        links.put("Projects", prefix + "/projects{/id}{?name,skip,ids,clone,take,partialName,clonedFromProjectId}");
        links.put("Channels", prefix + "/channels{/id}{?skip,take,ids,partialName}");
        links.put("Environments", prefix + "/environments{/id}{?name,skip,ids,take,partialName}");
        links.put(
                "Tenants",
                prefix + "/tenants{/id}{?skip,projectId,name,tags,take,ids,clone,partialName,clonedFromTenantId}");
        links.put("Releases", prefix + "/releases{/id}{?skip,ignoreChannelRules,take,ids}");
        links.put(
                "Deployments",
                prefix
                        + "/deployments{/id}{?skip,take,ids,projects,environments,tenants,channels,taskState,partialName}");
    }

    private ObjectNode spacesPage(Map<String, String> query) {
        String partial = Exchange.param(query, "partialName").orElse("").toLowerCase(Locale.ROOT);
        int skip = Exchange.param(query, "skip").map(Integer::parseInt).orElse(0);
        int take = Exchange.param(query, "take").map(Integer::parseInt).orElse(30);
        List<Spaces.Space> matching = spaces.all().stream()
                .filter(s -> s.name.toLowerCase(Locale.ROOT).contains(partial))
                .collect(Collectors.toList());
        return JsonRendering.page("Space", matching, skip, take, JsonRendering::spaceResource, "/api/spaces");
    }
}

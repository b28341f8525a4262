package io.github.octomvn.octopus.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON the test server speaks: the Octopus resource documents it renders (packages, build information,
 * spaces), the error and paging envelopes, and the lenient field reading of request bodies (names
 * case-insensitive, as JSON.NET binds them).
 */
final class JsonRendering {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern SCP_LIKE_ROOT = Pattern.compile("^[^@/]+@([^:/]+):(.+)$");

    private JsonRendering() {}

    static Map<String, String> jsonType() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        return headers;
    }

    /** {@code {"ErrorMessage": .., "Errors": [..]}}, the shape of every Octopus error. */
    static ObjectNode error(String errorMessage, String... errors) {
        ObjectNode body = JSON.createObjectNode();
        body.put("ErrorMessage", errorMessage);
        ArrayNode list = body.putArray("Errors");
        for (String error : errors) {
            list.add(error);
        }
        return body;
    }

    static byte[] errorBody(String message) {
        return bytes(error(message));
    }

    /** The 403 of a key without {@code missing}, with the HelpText Octopus adds. */
    static ObjectNode forbidden(Permission missing) {
        ObjectNode body = error("You do not have permission to perform this action. Please contact your Octopus"
                + " administrator. Missing permission: " + missing);
        body.put(
                "HelpText",
                "Your user account is a member of the following teams: Build Servers. Grant " + missing
                        + " to one of these teams.");
        return body;
    }

    /** A page of a collection ({@code ItemType}, {@code TotalResults}, ..., {@code Items}, {@code Links.Self}). */
    static <T> ObjectNode page(
            String itemType, List<T> matching, int skip, int take, Function<T, ObjectNode> resource, String self) {
        ObjectNode page = JSON.createObjectNode();
        page.put("ItemType", itemType);
        page.put("TotalResults", matching.size());
        page.put("ItemsPerPage", take);
        page.put("NumberOfPages", take == 0 ? 0 : (matching.size() + take - 1) / take);
        page.put("LastPageNumber", take == 0 ? 0 : Math.max(0, (matching.size() + take - 1) / take - 1));
        ArrayNode items = page.putArray("Items");
        matching.stream().skip(skip).limit(take).forEach(item -> items.add(resource.apply(item)));
        page.putObject("Links").put("Self", self);
        return page;
    }

    static byte[] bytes(Object document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- resources

    static ObjectNode packageResource(StoredPackage stored) {
        ObjectNode node = JSON.createObjectNode();
        String title = stored.packageId() + "." + stored.version();
        node.put("Id", "packages-" + title);
        node.put("PackageId", stored.packageId());
        node.put("Version", stored.version());
        node.put("Title", title);
        node.put("FileExtension", stored.extension());
        node.put("PackageSizeBytes", stored.size());
        node.put("Hash", stored.sha1());
        node.put("FeedId", "feeds-builtin");
        node.putObject("Links");
        return node;
    }

    static ObjectNode buildInformationResource(StoredBuildInformation r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Id", r.id());
        node.put("PackageId", r.packageId());
        node.put("Version", r.version());
        node.put("BuildEnvironment", r.buildEnvironment().orElse(null));
        node.put("BuildNumber", r.buildNumber().orElse(null));
        node.put("BuildUrl", r.buildUrl().orElse(null));
        node.put("Branch", r.branch().orElse(null));
        node.put("VcsType", r.vcsType().orElse(null));
        node.put("VcsRoot", r.vcsRoot().orElse(null));
        node.put("VcsCommitNumber", r.vcsCommitNumber().orElse(null));
        Optional<String> commitBase = commitLinkBase(r);
        node.put(
                "VcsCommitUrl",
                commitBase
                        .flatMap(base -> r.vcsCommitNumber().map(c -> base + c))
                        .orElse(null));
        node.putNull("IssueTrackerName");
        node.putArray("WorkItems");
        ArrayNode commits = node.putArray("Commits");
        for (StoredBuildInformation.StoredCommit c : r.commits()) {
            ObjectNode commit = commits.addObject();
            commit.put("Id", c.id().orElse(null));
            commit.put(
                    "LinkUrl",
                    commitBase.flatMap(base -> c.id().map(id -> base + id)).orElse(null));
            commit.put("Comment", c.comment().orElse(null));
        }
        node.putNull("IncompleteDataWarning");
        node.put("Created", r.created().toString());
        node.put("LastModifiedOn", r.lastModified().toString());
        node.put("LastModifiedBy", "maven-ci");
        node.putObject("Links").put("Self", "/api/" + r.spaceId() + "/build-information/" + r.id());
        return node;
    }

    /** {@code https://host/owner/repo/commit/} for Git roots (also {@code git@host:owner/repo.git}). */
    private static Optional<String> commitLinkBase(StoredBuildInformation r) {
        if (r.vcsRoot().isEmpty() || !r.vcsType().map("git"::equalsIgnoreCase).orElse(false)) {
            return Optional.empty();
        }
        String root = r.vcsRoot().get().trim();
        Matcher scp = SCP_LIKE_ROOT.matcher(root);
        if (scp.matches()) {
            root = "https://" + scp.group(1) + "/" + scp.group(2);
        }
        root = root.replaceAll("/+$", "").replaceAll("(?i)\\.git$", "");
        return Optional.of(root + "/commit/");
    }

    static ObjectNode spaceResource(Spaces.Space space) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Id", space.id);
        node.put("Name", space.name);
        node.put("Slug", space.name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        node.put("Description", "");
        node.put("IsDefault", space.isDefault);
        node.put("IsPrivate", false);
        node.put("TaskQueueStopped", false);
        node.putArray("SpaceManagersTeams");
        node.putArray("SpaceManagersTeamMembers");
        ObjectNode links = node.putObject("Links");
        links.put("Self", "/api/spaces/" + space.id);
        links.put("SpaceHome", "/api/" + space.id);
        return node;
    }

    static ObjectNode projectResource(ReleaseStore.Project p) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Id", p.id);
        node.put("SpaceId", p.spaceId);
        node.put("Name", p.name);
        node.put("Slug", p.slug);
        node.put("IsVersionControlled", p.versionControlled);
        node.put("DeploymentProcessId", "deploymentprocess-" + p.id);
        ObjectNode links = node.putObject("Links");
        String self = "/api/" + p.spaceId + "/projects/" + p.id;
        links.put("Self", self);
        links.put("Releases", self + "/releases{/version}{?skip,take,searchByVersion}");
        links.put("Channels", self + "/channels{/id}{?skip,take,partialName}");
        links.put("Web", "/app#/" + p.spaceId + "/projects/" + p.id);
        return node;
    }

    static ObjectNode channelResource(ReleaseStore.Channel c, String spaceId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Id", c.id);
        node.put("SpaceId", spaceId);
        node.put("ProjectId", c.projectId);
        node.put("Name", c.name);
        node.put("IsDefault", c.isDefault);
        ArrayNode rules = node.putArray("Rules");
        if (c.preReleaseTag != null) {
            rules.addObject().put("Tag", c.preReleaseTag.pattern()).put("VersionRange", "");
        }
        node.putObject("Links").put("Self", "/api/" + spaceId + "/channels/" + c.id);
        return node;
    }

    static ObjectNode environmentResource(ReleaseStore.Environment e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Id", e.id);
        node.put("SpaceId", e.spaceId);
        node.put("Name", e.name);
        node.put("Slug", ReleaseStore.slugOf(e.name));
        node.put("UseGuidedFailure", false);
        node.putObject("Links").put("Self", "/api/" + e.spaceId + "/environments/" + e.id);
        return node;
    }

    static ObjectNode tenantResource(ReleaseStore.Tenant t) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Id", t.id);
        node.put("SpaceId", t.spaceId);
        node.put("Name", t.name);
        ArrayNode tags = node.putArray("TenantTags");
        t.tags.forEach(tags::add);
        node.putObject("Links").put("Self", "/api/" + t.spaceId + "/tenants/" + t.id);
        return node;
    }

    static ObjectNode releaseResource(StoredRelease r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Id", r.id());
        node.put("SpaceId", r.spaceId());
        node.put("ProjectId", r.projectId());
        node.put("ChannelId", r.channelId());
        node.put("Version", r.version());
        node.put("ReleaseNotes", r.releaseNotes().orElse(null));
        node.put("IgnoreChannelRules", r.ignoreChannelRules());
        node.put("Assembled", r.assembled().toString());
        ArrayNode selected = node.putArray("SelectedPackages");
        for (StoredRelease.SelectedPackage p : r.packages()) {
            ObjectNode item = selected.addObject();
            item.put("ActionName", p.actionName());
            item.put("StepName", p.actionName());
            item.put("PackageReferenceName", p.referenceName());
            item.put("Version", p.version());
        }
        if (r.gitRef().isPresent() || r.gitCommit().isPresent()) {
            ObjectNode vcs = node.putObject("VersionControlReference");
            vcs.put("GitRef", r.gitRef().orElse(null));
            vcs.put("GitCommit", r.gitCommit().orElse(null));
        } else {
            node.putNull("VersionControlReference");
        }
        ObjectNode custom = node.putObject("CustomFields");
        r.customFields().forEach(custom::put);
        ObjectNode links = node.putObject("Links");
        String self = "/api/" + r.spaceId() + "/releases/" + r.id();
        links.put("Self", self);
        links.put("Project", "/api/" + r.spaceId() + "/projects/" + r.projectId());
        links.put("Channel", "/api/" + r.spaceId() + "/channels/" + r.channelId());
        links.put("Deployments", self + "/deployments{?skip,take}");
        links.put("Web", "/app#/" + r.spaceId() + "/releases/" + r.id());
        return node;
    }

    static ObjectNode deploymentResource(StoredDeployment d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Id", d.id());
        node.put("SpaceId", d.spaceId());
        node.put("Name", "Deploy to " + d.environmentName());
        node.put("ReleaseId", d.releaseId());
        node.put("ProjectId", d.projectId());
        node.put("ChannelId", d.channelId());
        node.put("EnvironmentId", d.environmentId());
        node.put("TenantId", d.tenantId().orElse(null));
        node.put("TaskId", d.taskId());
        node.put("Created", d.created().toString());
        ObjectNode links = node.putObject("Links");
        links.put("Self", "/api/" + d.spaceId() + "/deployments/" + d.id());
        links.put("Release", "/api/" + d.spaceId() + "/releases/" + d.releaseId());
        links.put("Environment", "/api/" + d.spaceId() + "/environments/" + d.environmentId());
        links.put("Task", "/api/tasks/" + d.taskId());
        links.put("Web", "/app#/" + d.spaceId() + "/deployments/" + d.id());
        return node;
    }

    static ObjectNode taskResource(TaskStore.Task t, String deploymentId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Id", t.id);
        node.put("SpaceId", t.spaceId);
        node.put("Name", "Deploy");
        node.put("Description", t.description);
        ObjectNode arguments = node.putObject("Arguments");
        if (deploymentId != null) {
            arguments.put("DeploymentId", deploymentId);
        }
        node.put("State", t.state());
        boolean completed = t.isCompleted();
        node.put("IsCompleted", completed);
        node.put("FinishedSuccessfully", completed && t.state().equals("Success"));
        node.put("HasPendingInterruptions", t.pendingInterruption());
        node.put("HasWarningsOrErrors", t.errorMessage().isPresent());
        node.put("HasBeenPickedUpByProcessor", t.startTime().isPresent());
        node.put("CanRerun", completed);
        node.put("ErrorMessage", t.errorMessage().orElse(""));
        node.put("QueueTime", t.queueTime().toString());
        node.put("StartTime", t.startTime().map(Object::toString).orElse(null));
        node.put("CompletedTime", t.completedTime().map(Object::toString).orElse(null));
        node.put("LastUpdatedTime", t.completedTime().orElse(t.queueTime()).toString());
        node.put("ServerNode", "OCTOPUS-TEST");
        node.put("Duration", TaskStore.humanDuration(t.duration()));
        node.put("Completed", completed ? TaskStore.humanDuration(t.duration()) + " ago" : null);
        ObjectNode links = node.putObject("Links");
        String self = "/api/tasks/" + t.id;
        links.put("Self", self);
        links.put("Web", "/app#/" + t.spaceId + "/tasks/" + t.id);
        links.put("Raw", self + "/raw");
        links.put("Details", self + "/details{?verbose,tail,ranges}");
        links.put("Cancel", self + "/cancel");
        return node;
    }

    // ---------------------------------------------------------------------------------------------- reading

    /** The body as JSON, or null when it is not JSON. */
    static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** A field by name, case-insensitive as JSON.NET binds it. */
    static Optional<JsonNode> field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** A value as text, absent when missing, null or blank. */
    static Optional<String> textField(JsonNode node, String name) {
        return rawText(node, name).filter(v -> !v.trim().isEmpty());
    }

    /** A value as text exactly as sent (commit comments keep their whitespace). */
    static Optional<String> rawText(JsonNode node, String name) {
        return field(node, name).filter(v -> v.isValueNode() && !v.isNull()).map(v -> v.asText());
    }
}

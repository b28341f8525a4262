package io.github.octomvn.octopus.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Releases in a space: {@code POST releases/create/v1} (the executions API, §7.1; only on servers from
 * 2022.3.5512), and the classic lookups {@code GET releases/{id}}, {@code GET releases/{id}/deployments},
 * {@code GET projects/{idOrSlug}/releases} (newest first) and {@code GET projects/{idOrSlug}/releases/{version}}.
 * ReleaseCreate to create, ReleaseView to read (DeploymentView for the deployments of a release).
 *
 * <p>The request binds case-insensitively (Go sends camelCase, TS PascalCase). Per step, the package version is
 * the matching {@code packages} entry ({@code <packageIdOrStep>:<version>} or
 * {@code <packageIdOrStep>:<packageReferenceName>:<version>}, {@code \:} escaping a colon), else
 * {@code packageVersion}, else the newest version in the built-in feed; entries that match no step are ignored, as
 * the package resolution the executions API took from the CLI does. UNVERIFIED: the wording of the errors other
 * than the duplicate version (whose text is the one quoted in §7.1).
 */
final class ReleaseRoutes implements RouteRegistry.SpaceRoute {

    private static final int MAX_BODY = 1024 * 1024;
    private static final Pattern PRE_RELEASE = Pattern.compile("^[^-+]*(?:-([^+]*))?(?:\\+.*)?$");

    private final Spaces spaces;
    private final ReleaseStore store;
    private final FeedStore feed;
    private final Faults faults;
    private final boolean executions;

    ReleaseRoutes(Spaces spaces, ReleaseStore store, FeedStore feed, Faults faults, boolean executions) {
        this.spaces = spaces;
        this.store = store;
        this.feed = feed;
        this.faults = faults;
        this.executions = executions;
    }

    @Override
    public boolean handle(Exchange ex, Set<Permission> account, String spaceId, List<String> rest) throws IOException {
        if (rest.isEmpty()) {
            return false;
        }
        if (rest.size() == 3
                && rest.get(0).equalsIgnoreCase("releases")
                && rest.get(1).equalsIgnoreCase("create")
                && rest.get(2).equalsIgnoreCase("v1")) {
            if (!executions) {
                return false;
            }
            if (!ex.method().equals("POST")) {
                ex.methodNotAllowed();
            } else {
                create(ex, account, spaceId);
            }
            return true;
        }
        if (rest.get(0).equalsIgnoreCase("releases") && (rest.size() == 2 || rest.size() == 3)) {
            boolean deployments = rest.size() == 3;
            if (deployments && !rest.get(2).equalsIgnoreCase("deployments")) {
                return false;
            }
            if (!ProjectRoutes.guard(ex, account, deployments ? Permission.DeploymentView : Permission.ReleaseView)) {
                return true;
            }
            Optional<StoredRelease> release =
                    store.releaseById(rest.get(1)).filter(r -> r.spaceId().equals(spaceId));
            if (release.isEmpty()) {
                ex.notFound();
            } else if (!deployments) {
                ex.json(200, JsonRendering.releaseResource(release.get()));
            } else {
                Map<String, String> query = ex.queryParameters();
                List<StoredDeployment> found = store.deployments(
                        d -> d.releaseId().equals(release.get().id()));
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
                                "/api/" + spaceId + "/releases/" + release.get().id() + "/deployments"));
            }
            return true;
        }
        if (rest.get(0).equalsIgnoreCase("projects")
                && (rest.size() == 3 || rest.size() == 4)
                && rest.get(2).equalsIgnoreCase("releases")) {
            if (ProjectRoutes.guard(ex, account, Permission.ReleaseView)) {
                projectReleases(ex, spaceId, rest);
            }
            return true;
        }
        return false;
    }

    private void projectReleases(Exchange ex, String spaceId, List<String> rest) throws IOException {
        Optional<ReleaseStore.Project> project = store.projectByIdOrSlug(spaceId, rest.get(1));
        if (project.isEmpty()) {
            ex.notFound();
            return;
        }
        if (rest.size() == 4) {
            Optional<StoredRelease> release = store.release(project.get().id, rest.get(3));
            if (release.isPresent()) {
                ex.json(200, JsonRendering.releaseResource(release.get()));
            } else {
                ex.notFound();
            }
            return;
        }
        Map<String, String> query = ex.queryParameters();
        String search = Exchange.param(query, "searchByVersion").orElse("").toLowerCase(Locale.ROOT);
        List<StoredRelease> releases = store.releases().stream()
                .filter(r -> r.projectId().equals(project.get().id))
                .filter(r -> r.version().toLowerCase(Locale.ROOT).contains(search))
                .sorted((a, b) -> PackageNames.compareVersions(b.version(), a.version()))
                .collect(Collectors.toList());
        ex.json(
                200,
                JsonRendering.page(
                        "Release",
                        releases,
                        ProjectRoutes.intParam(query, "skip", 0),
                        ProjectRoutes.intParam(query, "take", 30),
                        JsonRendering::releaseResource,
                        "/api/" + spaceId + "/projects/" + project.get().id + "/releases"));
    }

    private void create(Exchange ex, Set<Permission> account, String spaceId) throws IOException {
        if (!account.contains(Permission.ReleaseCreate)) {
            ex.forbidden(Permission.ReleaseCreate);
            return;
        }
        Optional<JsonNode> parsed = readBody(ex);
        if (parsed.isEmpty()) {
            return;
        }
        JsonNode body = parsed.get();
        if (!spaceMatches(ex, body, spaces, spaceId)) {
            return;
        }
        Optional<String> projectName =
                JsonRendering.textField(body, "ProjectName").or(() -> JsonRendering.textField(body, "ProjectIdOrName"));
        if (projectName.isEmpty()) {
            ex.invalid("The ProjectName field is required.");
            return;
        }
        Optional<ReleaseStore.Project> found = store.project(spaceId, projectName.get());
        if (found.isEmpty()) {
            ex.invalid("Project '" + projectName.get() + "' could not be found in space '" + spaceId + "'.");
            return;
        }
        ReleaseStore.Project project = found.get();
        Optional<String> channelName =
                JsonRendering.textField(body, "ChannelName").or(() -> JsonRendering.textField(body, "ChannelIdOrName"));
        Optional<String> requestedVersion = JsonRendering.textField(body, "ReleaseVersion");
        Optional<String> packageVersion = JsonRendering.textField(body, "PackageVersion");
        Optional<String> gitRef = JsonRendering.textField(body, "GitRef");
        Optional<String> gitCommit = JsonRendering.textField(body, "GitCommit");
        Optional<String> notes = JsonRendering.rawText(body, "ReleaseNotes");
        boolean ignoreIfExists = flag(body, "IgnoreIfAlreadyExists");
        boolean ignoreChannelRules = flag(body, "IgnoreChannelRules");
        List<String> errors = new ArrayList<>();
        List<String[]> overrides = new ArrayList<>();
        Optional<JsonNode> packages = JsonRendering.field(body, "Packages").filter(n -> !n.isNull());
        if (packages.isPresent() && !packages.get().isArray()) {
            errors.add("Packages must be a list of strings.");
        } else if (packages.isPresent()) {
            for (JsonNode entry : packages.get()) {
                List<String> parts = splitUnescaped(entry.asText());
                if (parts.size() < 2 || parts.size() > 3 || parts.stream().anyMatch(String::isEmpty)) {
                    errors.add(
                            "The package '" + entry.asText() + "' is not in the form"
                                    + " <packageIdOrStepName>:<version> or <packageIdOrStepName>:<packageReferenceName>:<version>.");
                } else if (PackageNames.versionKey(parts.get(parts.size() - 1)).isEmpty()) {
                    errors.add("'" + parts.get(parts.size() - 1) + "' in package '" + entry.asText()
                            + "' is not a valid version string.");
                } else {
                    overrides.add(parts.toArray(new String[0]));
                }
            }
        }
        if (packageVersion.isPresent()
                && PackageNames.versionKey(packageVersion.get()).isEmpty()) {
            errors.add("'" + packageVersion.get() + "' is not a valid version string.");
        }
        if (requestedVersion.isPresent()
                && PackageNames.versionKey(requestedVersion.get()).isEmpty()) {
            errors.add("'" + requestedVersion.get() + "' is not a valid version string.");
        }
        Map<String, String> customFields = new LinkedHashMap<>();
        JsonRendering.field(body, "CustomFields").filter(JsonNode::isObject).ifPresent(fields -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                customFields.put(
                        e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
        });
        if (!errors.isEmpty()) {
            ex.invalid(errors.toArray(new String[0]));
            return;
        }
        StoredRelease release;
        boolean created;
        synchronized (store.lock()) {
            ReleaseStore.Channel channel;
            if (channelName.isPresent()) {
                Optional<ReleaseStore.Channel> named = project.channels.stream()
                        .filter(c ->
                                c.name.equalsIgnoreCase(channelName.get()) || c.id.equalsIgnoreCase(channelName.get()))
                        .findFirst();
                if (named.isEmpty()) {
                    ex.invalid("Channel '" + channelName.get() + "' could not be found in project '" + project.name
                            + "'.");
                    return;
                }
                channel = named.get();
            } else {
                channel = project.defaultChannel();
            }
            if (project.versionControlled && gitRef.isEmpty()) {
                ex.invalid("Project '" + project.name + "' is version controlled: a gitRef (branch or tag) is"
                        + " required to create a release.");
                return;
            }
            List<StoredRelease.SelectedPackage> selected = new ArrayList<>();
            for (ReleaseStore.Step step : project.steps) {
                Optional<String> version = override(step, overrides)
                        .or(() -> packageVersion)
                        .or(() -> latestInFeed(spaceId, step.packageId));
                if (version.isEmpty()) {
                    errors.add("Could not resolve a version for package '" + step.packageId + "' of step '"
                            + step.actionName + "': no such package in the built-in feed.");
                    continue;
                }
                if (channel.preReleaseTag != null
                        && !ignoreChannelRules
                        && !channel.preReleaseTag
                                .matcher(preReleaseTag(version.get()))
                                .find()) {
                    errors.add("Package '" + step.packageId + "' version '" + version.get()
                            + "' does not satisfy the rules of channel '" + channel.name + "'.");
                    continue;
                }
                selected.add(new StoredRelease.SelectedPackage(
                        step.actionName, step.referenceName, step.packageId, version.get()));
            }
            if (!errors.isEmpty()) {
                ex.invalid(errors.toArray(new String[0]));
                return;
            }
            String version = requestedVersion
                    .or(() -> selected.stream().findFirst().map(StoredRelease.SelectedPackage::version))
                    .orElseGet(() -> "0.0."
                            + (store.releases().stream()
                                            .filter(r -> r.projectId().equals(project.id))
                                            .count()
                                    + 1));
            Optional<StoredRelease> existing = store.release(project.id, version);
            if (existing.isPresent()) {
                if (!ignoreIfExists) {
                    ex.invalid("Release '" + version + "' already exists for this project. Please use a different"
                            + " version, or look at using a mask to auto-increment the number.");
                    return;
                }
                release = existing.get();
                created = false;
            } else {
                release = new StoredRelease(
                        store.nextId("Releases"),
                        spaceId,
                        project.id,
                        project.name,
                        channel.id,
                        channel.name,
                        version,
                        notes.orElse(null),
                        selected,
                        gitRef.orElse(null),
                        gitCommit.orElse(null),
                        customFields,
                        ignoreChannelRules,
                        store.now());
                store.store(release);
                created = true;
            }
        }
        if (created && faults.dropAfterStoreRelease.getAndSet(false)) {
            throw new Exchange.Abort();
        }
        if (created && faults.hangAfterStoreRelease.getAndSet(false)) {
            throw new Exchange.Hang();
        }
        ObjectNode answer = JsonRendering.JSON.createObjectNode();
        answer.put("ReleaseId", release.id());
        answer.put("ReleaseVersion", release.version());
        ex.json(200, answer);
    }

    private static Optional<String> override(ReleaseStore.Step step, List<String[]> overrides) {
        // A package reference entry beats a step-wide one, whatever their order.
        for (String[] parts : overrides) {
            if (parts.length == 3 && matchesStep(step, parts[0]) && parts[1].equalsIgnoreCase(step.referenceName)) {
                return Optional.of(parts[2]);
            }
        }
        for (String[] parts : overrides) {
            if (parts.length == 2 && matchesStep(step, parts[0])) {
                return Optional.of(parts[1]);
            }
        }
        return Optional.empty();
    }

    private static boolean matchesStep(ReleaseStore.Step step, String packageIdOrStep) {
        return step.actionName.equalsIgnoreCase(packageIdOrStep) || step.packageId.equalsIgnoreCase(packageIdOrStep);
    }

    private Optional<String> latestInFeed(String spaceId, String packageId) {
        return feed.all().stream()
                .filter(p -> p.spaceId().equals(spaceId) && p.packageId().equalsIgnoreCase(packageId))
                .map(StoredPackage::version)
                .max(PackageNames::compareVersions);
    }

    private static String preReleaseTag(String version) {
        Matcher m = PRE_RELEASE.matcher(version);
        return m.matches() && m.group(1) != null ? m.group(1) : "";
    }

    /** {@code a\:b:1.0} is {@code [a:b, 1.0]}: colons in Maven-style package IDs are escaped (server 2025.4). */
    static List<String> splitUnescaped(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
                current.append(':');
                i++;
            } else if (c == ':') {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().trim());
        return parts;
    }

    static boolean flag(JsonNode body, String name) {
        return JsonRendering.field(body, name)
                .map(v -> v.asBoolean(false) || "true".equalsIgnoreCase(v.asText()))
                .orElse(false);
    }

    /** The body as a JSON object; answers 400 (or 413) and returns empty otherwise. */
    static Optional<JsonNode> readBody(Exchange ex) throws IOException {
        ex.continueIfExpected();
        byte[] bytes = ex.body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            ex.closeAfter = true;
            ex.error(413, "The request body is too large.");
            return Optional.empty();
        }
        JsonNode body = JsonRendering.parse(bytes);
        if (body == null || !body.isObject()) {
            ex.invalid("The request body must be a JSON object.");
            return Optional.empty();
        }
        return Optional.of(body);
    }

    /**
     * {@code spaceId} / {@code spaceIdOrName} in the body, when sent, must name the space of the URL (clients send
     * the ID; a name is accepted too).
     */
    static boolean spaceMatches(Exchange ex, JsonNode body, Spaces spaces, String spaceId) throws IOException {
        Optional<String> spaceName = spaces.find(spaceId).map(s -> s.name);
        for (String field : new String[] {"SpaceId", "SpaceIdOrName"}) {
            Optional<String> named = JsonRendering.textField(body, field);
            if (named.isPresent()
                    && !named.get().equalsIgnoreCase(spaceId)
                    && !spaceName.map(named.get()::equalsIgnoreCase).orElse(false)) {
                ex.invalid("The " + field + " '" + named.get() + "' does not match the space of this request, '"
                        + spaceId + "'.");
                return false;
            }
        }
        return true;
    }
}

package io.github.octomvn.octopus.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.VerifiedRetries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Creates releases so that running the same build twice neither fails nor duplicates: a release of the same
 * version with the same package versions counts as created ("already exists, identical"); with other package
 * versions it is an error naming both lists, unless the request says {@code ignoreIfAlreadyExists}. Creating a
 * release is not idempotent on the server, so after an ambiguous failure (a timeout, a connection dropped after the
 * body went out) the release is looked up before the request is sent again.
 */
public final class ReleaseCreator {

    // The server reads "\:" inside package names from 2025.4.10680 on.
    private static final int[] ESCAPED_COLONS = {2025, 4, 10680};

    private final ExecutionsApi api;

    public ReleaseCreator(ExecutionsApi api) {
        this.api = api;
    }

    /**
     * Creates the release, or recognises it as already there.
     *
     * @throws OctopusException with kind {@code CONFLICT} when the release exists with other package versions,
     *     {@code UNSUPPORTED_SERVER} before Octopus 2022.3.5512, or as the server answered
     */
    public ReleaseOutcome create(ReleaseRequest request) throws OctopusException {
        api.requireExecutionsApi("Creating a release");
        if (request.packages().stream().anyMatch(ReleasePackage::needsEscaping)
                && !ExecutionsApi.atLeast(api.serverVersion(), ESCAPED_COLONS)) {
            throw new OctopusException(
                    OctopusException.Kind.UNSUPPORTED_SERVER,
                    "Package names with a colon ("
                            + request.packages().stream()
                                    .filter(ReleasePackage::needsEscaping)
                                    .map(ReleasePackage::wire)
                                    .findFirst()
                                    .orElse("")
                            + ") need Octopus 2025.4.10680 or newer to be read in a release request, but "
                            + api.serverUrl() + " runs " + api.serverVersion()
                            + ". Name the step instead of the package ID");
        }
        String what = "release " + request.project()
                + request.releaseVersion().map(v -> " " + v).orElse("");
        if (request.releaseVersion().isPresent()) {
            Optional<ReleaseOutcome> existing = existing(request, false);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        ReleaseRequest effective = withBuildGitReference(request);
        String action = "Creating " + what + " in " + api.space().describe();
        try {
            return VerifiedRetries.run(
                    api.json(),
                    action,
                    api.warnings(),
                    new VerifiedRetries.Subject("the release", "an identical release"),
                    () -> post(effective, action),
                    () -> settled(effective));
        } catch (OctopusException e) {
            if (e.kind() == OctopusException.Kind.VALIDATION
                    && e.getMessage().contains("already exists")
                    && request.releaseVersion().isPresent()) {
                // Created between our lookup and our request (another build), or the lookup was not allowed.
                Optional<ReleaseOutcome> existing;
                try {
                    existing = existing(request, true);
                } catch (OctopusException lookup) {
                    if (lookup.kind() != OctopusException.Kind.PERMISSION) {
                        throw lookup;
                    }
                    throw new OctopusException(
                            OctopusException.Kind.CONFLICT,
                            e.getMessage() + " Whether it holds the same package versions could not be checked: "
                                    + lookup.getMessage(),
                            e.status().orElse(0),
                            false,
                            false,
                            null,
                            e);
                }
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            throw e;
        }
    }

    /**
     * A version-controlled project takes its deployment process from git: without a {@code gitRef}, this build's
     * branch and commit. Other projects get none (the server may refuse a git reference for them).
     */
    private ReleaseRequest withBuildGitReference(ReleaseRequest request) throws OctopusException {
        if (request.gitRef().isPresent()
                || (request.buildBranch().isEmpty() && request.buildCommit().isEmpty())) {
            return request;
        }
        Optional<JsonNode> project;
        try {
            project = api.findProject(request.project());
        } catch (OctopusException e) {
            if (e.kind() == OctopusException.Kind.PERMISSION) {
                return request;
            }
            throw e;
        }
        if (project.isEmpty() || !Json.bool(project.get(), "IsVersionControlled")) {
            return request;
        }
        ReleaseRequest.Builder copy = ReleaseRequest.builder(request.project())
                .releaseVersion(request.releaseVersion().orElse(null))
                .channel(request.channel().orElse(null))
                .packageVersion(request.packageVersion().orElse(null))
                .addPackages(request.packages())
                .releaseNotes(request.releaseNotes().orElse(null))
                .gitRef(request.buildBranch().orElse(null))
                .gitCommit(request.gitCommit().or(request::buildCommit).orElse(null))
                .ignoreIfAlreadyExists(request.ignoreIfAlreadyExists())
                .ignoreChannelRules(request.ignoreChannelRules());
        request.customFields().forEach(copy::customField);
        return copy.build();
    }

    private Optional<ReleaseOutcome> settled(ReleaseRequest request) throws OctopusException {
        if (request.releaseVersion().isEmpty()) {
            // The server chose the version, so there is nothing to look up: sending again could make a second one.
            throw new OctopusException(
                    OctopusException.Kind.TIMEOUT,
                    "The request to create a release of " + request.project() + " got no answer, and without a"
                            + " release version it cannot be checked whether the server created one. Look in Octopus"
                            + " before creating it again, and set the release version to make re-runs safe");
        }
        return existing(request, true)
                .map(found -> found.status() == ReleaseOutcome.Status.EXISTED_IDENTICAL
                        ? new ReleaseOutcome(
                                ReleaseOutcome.Status.CREATED,
                                found.project(),
                                found.releaseId(),
                                found.version(),
                                Map.of(),
                                found.webLink())
                        : found);
    }

    /**
     * The request {@link #create} would send, as {@code POST <path>} and the JSON body, for a dry run: reads (the
     * server version, the project) but sends nothing. A release that already exists would be looked up first.
     */
    public String plan(ReleaseRequest request) throws OctopusException {
        api.requireExecutionsApi("Creating a release");
        return ExecutionsApi.describePost(api.prefix() + "/releases/create/v1", body(withBuildGitReference(request)));
    }

    private ReleaseOutcome post(ReleaseRequest request, String action) throws OctopusException {
        JsonNode answer = api.postOnce(
                api.prefix() + "/releases/create/v1",
                body(request),
                action,
                status -> status == 403
                        ? "Creating releases needs the ReleaseCreate permission in this space; ask an Octopus"
                                + " administrator to grant it to the user or service account of this API key"
                        : null);
        String id = Json.text(answer, "ReleaseId").orElse("?");
        String version = Json.text(answer, "ReleaseVersion")
                .orElse(request.releaseVersion().orElse("?"));
        return new ReleaseOutcome(
                ReleaseOutcome.Status.CREATED, request.project(), id, version, Map.of(), releaseLink(id));
    }

    private ObjectNode body(ReleaseRequest request) {
        ObjectNode body = Json.object();
        body.put("SpaceId", api.space().id());
        body.put("SpaceIdOrName", api.space().id());
        body.put("ProjectName", request.project());
        request.releaseVersion().ifPresent(v -> body.put("ReleaseVersion", v));
        request.channel().ifPresent(v -> body.put("ChannelName", v));
        request.packageVersion().ifPresent(v -> body.put("PackageVersion", v));
        if (!request.packages().isEmpty()) {
            ArrayNode packages = body.putArray("Packages");
            request.packages().forEach(p -> packages.add(p.wire()));
        }
        request.releaseNotes().ifPresent(v -> body.put("ReleaseNotes", v));
        request.gitRef().ifPresent(v -> body.put("GitRef", v));
        request.gitCommit().ifPresent(v -> body.put("GitCommit", v));
        body.put("IgnoreIfAlreadyExists", request.ignoreIfAlreadyExists());
        body.put("IgnoreChannelRules", request.ignoreChannelRules());
        if (!request.customFields().isEmpty()) {
            ObjectNode fields = body.putObject("CustomFields");
            request.customFields().forEach(fields::put);
        }
        return body;
    }

    /**
     * The release of the requested version if it exists: identical, kept (ignoreIfAlreadyExists) or a conflict.
     * Without permission to look (a key that may create but not read), empty unless {@code mustKnow}.
     */
    private Optional<ReleaseOutcome> existing(ReleaseRequest request, boolean mustKnow) throws OctopusException {
        String version = request.releaseVersion().orElseThrow();
        Optional<JsonNode> project;
        Optional<JsonNode> release;
        try {
            project = api.findProject(request.project());
            if (project.isEmpty()) {
                return Optional.empty(); // the create request gets the server's own words for this
            }
            release = api.findRelease(project.get(), version);
        } catch (OctopusException e) {
            if (e.kind() == OctopusException.Kind.PERMISSION && !mustKnow) {
                return Optional.empty();
            }
            throw e;
        }
        if (release.isEmpty()) {
            return Optional.empty();
        }
        String releaseId = Json.text(release.get(), "Id").orElse("?");
        Optional<Map<String, String>> template;
        try {
            template = api.templatePackages(project.get(), Json.text(release.get(), "ChannelId"));
        } catch (OctopusException e) {
            if (e.kind() != OctopusException.Kind.PERMISSION) {
                throw e;
            }
            template = Optional.empty();
        }
        Map<String, String> selected = new LinkedHashMap<>();
        for (JsonNode item : Json.field(release.get(), "SelectedPackages").orElse(Json.array())) {
            selected.put(
                    ExecutionsApi.stepKey(
                            Json.text(item, "ActionName").orElse(""),
                            Json.text(item, "PackageReferenceName").orElse("")),
                    Json.text(item, "Version").orElse("?"));
        }
        Map<String, String> named = named(selected, template);
        List<String> differences = differences(request, selected, template);
        String link = Json.field(release.get(), "Links")
                .flatMap(links -> Json.text(links, "Web"))
                .map(api::absolute)
                .orElse(releaseLink(releaseId));
        if (differences.isEmpty()) {
            return Optional.of(new ReleaseOutcome(
                    ReleaseOutcome.Status.EXISTED_IDENTICAL, request.project(), releaseId, version, named, link));
        }
        if (request.ignoreIfAlreadyExists()) {
            api.warnings()
                    .accept("Release " + request.project() + " " + version + " already exists with other package"
                            + " versions (" + String.join(", ", differences) + "); kept as ignoreIfAlreadyExists"
                            + " asks");
            return Optional.of(new ReleaseOutcome(
                    ReleaseOutcome.Status.EXISTED_KEPT, request.project(), releaseId, version, named, link));
        }
        throw new OctopusException(
                OctopusException.Kind.CONFLICT,
                "Release " + request.project() + " " + version + " already exists with other package versions:"
                        + " it holds " + describe(named) + ", this build asks for " + describeRequested(request)
                        + ". Give this build another release version, or set ignoreIfAlreadyExists to keep the"
                        + " existing release (" + link + ")");
    }

    /** The existing release's versions by package ID where the template names it, else by step. */
    private static Map<String, String> named(Map<String, String> selected, Optional<Map<String, String>> template) {
        Map<String, String> named = new LinkedHashMap<>();
        selected.forEach((step, version) ->
                named.put(template.map(t -> t.getOrDefault(step, step)).orElse(step), version));
        return named;
    }

    /**
     * Where the existing release differs from what the request asks, one {@code <package>: <existing> here,
     * <asked> asked} per step; steps the request leaves to the server (no entry, no default) are not compared.
     */
    private static List<String> differences(
            ReleaseRequest request, Map<String, String> selected, Optional<Map<String, String>> template) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> step : selected.entrySet()) {
            String key = step.getKey();
            int slash = key.indexOf('/');
            String action = slash < 0 ? key : key.substring(0, slash);
            String reference = slash < 0 ? "" : key.substring(slash + 1);
            Optional<String> packageId = template.map(t -> t.get(key));
            Optional<String> asked = asked(request, action, reference, packageId);
            if (asked.isPresent() && !asked.get().equalsIgnoreCase(step.getValue())) {
                differences.add(packageId.orElse(key) + ": " + step.getValue() + " there, " + asked.get() + " asked");
            }
        }
        if (template.isEmpty()) {
            // Without the template, entries by package ID cannot be put on a step: at least their versions must be
            // among the release's, or it is not the release this request asks for.
            for (ReleasePackage p : request.packages()) {
                boolean namesAStep = selected.keySet().stream()
                        .anyMatch(key -> key.split("/", 2)[0].equalsIgnoreCase(p.packageIdOrStep()));
                boolean versionThere = selected.values().stream().anyMatch(v -> v.equalsIgnoreCase(p.version()));
                if (!namesAStep && !versionThere) {
                    differences.add(p.packageIdOrStep() + ": " + p.version() + " asked, not among the release's"
                            + " versions " + new java.util.TreeSet<>(selected.values()));
                }
            }
        }
        return differences;
    }

    /** The version the request gives this step, as the server would resolve it (reference entry, entry, default). */
    private static Optional<String> asked(
            ReleaseRequest request, String action, String reference, Optional<String> packageId) {
        for (ReleasePackage p : request.packages()) {
            if (p.referenceName().isPresent()
                    && matches(p, action, packageId)
                    && p.referenceName().get().equalsIgnoreCase(reference)) {
                return Optional.of(p.version());
            }
        }
        for (ReleasePackage p : request.packages()) {
            if (p.referenceName().isEmpty() && matches(p, action, packageId)) {
                return Optional.of(p.version());
            }
        }
        return request.packageVersion();
    }

    private static boolean matches(ReleasePackage p, String action, Optional<String> packageId) {
        String name = p.packageIdOrStep().toLowerCase(Locale.ROOT);
        return name.equals(action.toLowerCase(Locale.ROOT))
                || packageId.map(id -> id.equalsIgnoreCase(name)).orElse(false);
    }

    private static String describe(Map<String, String> packages) {
        List<String> entries = new ArrayList<>();
        packages.forEach((name, version) -> entries.add(name + ":" + version));
        return entries.isEmpty() ? "no packages" : String.join(", ", entries);
    }

    private static String describeRequested(ReleaseRequest request) {
        List<String> entries = new ArrayList<>();
        request.packages().forEach(p -> entries.add(p.wire()));
        request.packageVersion().ifPresent(v -> entries.add("any other package:" + v));
        return entries.isEmpty() ? "the server's choice of packages" : String.join(", ", entries);
    }

    private String releaseLink(String releaseId) {
        return api.space().webUrl() + "/releases/" + releaseId;
    }
}

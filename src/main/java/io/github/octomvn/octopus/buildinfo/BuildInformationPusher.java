package io.github.octomvn.octopus.buildinfo;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.octomvn.octopus.client.Failures;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.JsonHttp;
import io.github.octomvn.octopus.client.Lookup;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.Segments;
import io.github.octomvn.octopus.client.Setting;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.client.VerifiedRetries;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Pushes build information ({@code POST .../build-information}, see https://octopus.com/docs/packaging-applications/build-servers/build-information) so that re-runs are idempotent and no failure
 * stores a record twice or loses it, and reads earlier records for the commit range.
 *
 * <p>As with packages, the record is looked up first: that tells an identical re-run (nothing to send) from a
 * real conflict (one line naming the fields that differ), and tells CREATED from REPLACED, which the server's
 * 200 does not. After a timeout or a broken connection the same lookup decides whether the POST was stored.
 */
public final class BuildInformationPusher {

    static final String OVERWRITE_FIX = "Set " + Setting.BUILD_INFORMATION_OVERWRITE_MODE.assign("OverwriteExisting")
            + " to replace it (IgnoreIfExists keeps the server's record), or bump the version.";

    // What was built. A CI re-run of the same commit may differ in everything else: build number and URL, the
    // branch it was started from, or the commit list when the range's anchor was found differently.
    private static final Set<String> SOURCE_FIELDS = Set.of("VcsCommitNumber", "VcsRoot", "VcsType");
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 20;
    private static final int MAX_SHOWN_VALUE = 60;

    private final JsonHttp json;
    private final OctopusClient client;
    private final Map<String, Boolean> supportedBySpace = new ConcurrentHashMap<>();

    private BuildInformationPusher(OctopusClient client) {
        this.json = client.json();
        this.client = client;
    }

    /** Build information on the server {@code client} is connected to. */
    public static BuildInformationPusher of(OctopusClient client) {
        return new BuildInformationPusher(Objects.requireNonNull(client, "client"));
    }

    // ------------------------------------------------------------------------------------------------ lookups

    /**
     * The newest build information Octopus holds for {@code packageId} (highest version), e.g. for the commit range
     * of the next build. Empty when there is none, when the server predates build information, or when the API key
     * may not read it (a 403 becomes a warning: a key made for pushing often lacks that right).
     */
    public Optional<BuildInformationRecord> latest(Space space, String packageId) throws OctopusException {
        return latest(space, packageId, client.warnings());
    }

    private Optional<BuildInformationRecord> latest(Space space, String packageId, Consumer<String> warnings)
            throws OctopusException {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(packageId, "packageId");
        if (!supported(space)) {
            return Optional.empty();
        }
        String what = "Reading the latest build information of " + packageId + " on " + server();
        try {
            Optional<JsonNode> page = json.find(listPath(space, packageId) + "&latest=true", what, warnings);
            return page.flatMap(p -> newest(items(p, packageId, ""), null));
        } catch (OctopusException e) {
            return unreadable(e, packageId, warnings);
        }
    }

    /**
     * The record with the highest version below {@code version}, so that a re-run of a version that already has a
     * record still finds the build before it. Empty in the same cases as {@link #latest}.
     */
    public Optional<BuildInformationRecord> previous(Space space, String packageId, String version)
            throws OctopusException {
        return previous(space, packageId, version, client.warnings());
    }

    private Optional<BuildInformationRecord> previous(
            Space space, String packageId, String version, Consumer<String> warnings) throws OctopusException {
        Objects.requireNonNull(version, "version");
        Optional<BuildInformationRecord> latest = latest(space, packageId, warnings);
        if (latest.isEmpty() || VersionOrder.INSTANCE.compare(latest.get().version(), version) < 0) {
            return latest;
        }
        String what = "Reading the build information of " + packageId + " on " + server();
        List<BuildInformationRecord> below = new ArrayList<>();
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                String path = listPath(space, packageId) + "&skip=" + page * PAGE_SIZE + "&take=" + PAGE_SIZE;
                Optional<JsonNode> found = json.find(path, what, warnings);
                if (found.isEmpty()) {
                    break;
                }
                List<BuildInformationRecord> items = items(found.get(), packageId, "");
                items.stream()
                        .filter(r -> VersionOrder.INSTANCE.compare(r.version(), version) < 0)
                        .forEach(below::add);
                long total = Json.number(found.get(), "TotalResults").orElse(0);
                if (items.isEmpty() || (long) (page + 1) * PAGE_SIZE >= total) {
                    break;
                }
            }
        } catch (OctopusException e) {
            return unreadable(e, packageId, warnings);
        }
        return newest(below, null);
    }

    /**
     * The record for exactly this package ID and version (versions compared semantically), or empty (also on older
     * servers).
     */
    public Optional<BuildInformationRecord> find(Space space, String packageId, String version)
            throws OctopusException {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(version, "version");
        if (!supported(space)) {
            return Optional.empty();
        }
        return findOnce(space, packageId, version, true, client.warnings());
    }

    /**
     * What a push of {@code packageId} {@code version} needs to know before it sends anything: the record before it
     * (for the commit range) and, unless {@code withExisting} is false, the record of this very version (the check
     * before the POST). Warnings are kept in the answer rather than told, so that lookups of several packages can run
     * side by side and still be reported in the packages' order.
     */
    Prior lookUp(Space space, String packageId, String version, boolean withExisting) throws OctopusException {
        List<String> warnings = new ArrayList<>();
        Optional<BuildInformationRecord> previous = previous(space, packageId, version, warnings::add);
        Lookup<BuildInformationRecord> existing = withExisting && supported(space)
                ? Lookup.attempt(() -> findOnce(space, packageId, version, true, warnings::add))
                : null;
        return new Prior(previous, existing, warnings);
    }

    /** What {@link #lookUp} found. */
    static final class Prior {
        final Optional<BuildInformationRecord> previous;
        /** Null when not looked up: the push then looks itself. */
        final Lookup<BuildInformationRecord> existing;

        final List<String> warnings;

        Prior(
                Optional<BuildInformationRecord> previous,
                Lookup<BuildInformationRecord> existing,
                List<String> warnings) {
            this.previous = previous;
            this.existing = existing;
            this.warnings = List.copyOf(warnings);
        }
    }

    private Optional<BuildInformationRecord> findOnce(
            Space space, String packageId, String version, boolean retried, Consumer<String> warnings)
            throws OctopusException {
        String path = listPath(space, packageId) + "&filter=" + Segments.encode(version) + "&take=" + PAGE_SIZE;
        String what = "Looking up build information for " + packageId + " " + version + " on " + server();
        Optional<JsonNode> page = retried ? json.find(path, what, warnings) : json.findOnce(path, what);
        return page.flatMap(p -> newest(items(p, packageId, version), version));
    }

    private Optional<BuildInformationRecord> unreadable(OctopusException e, String packageId, Consumer<String> warnings)
            throws OctopusException {
        if (e.kind() != OctopusException.Kind.PERMISSION) {
            throw e;
        }
        // A key made for pushing may lack the right to read; the caller can do without earlier records.
        warnings.accept("Cannot read earlier build information for " + packageId + " (" + e.getMessage()
                + "); continuing without it");
        return Optional.empty();
    }

    private String listPath(Space space, String packageId) {
        return space.apiPrefix() + "/build-information?packageId=" + Segments.encode(packageId);
    }

    /** The items of a list page that belong to {@code packageId} (a server may match more loosely). */
    private static List<BuildInformationRecord> items(JsonNode page, String packageId, String version) {
        List<BuildInformationRecord> result = new ArrayList<>();
        JsonNode items = Json.field(page, "Items").orElse(page);
        if (!items.isArray()) {
            return result;
        }
        for (JsonNode item : items) {
            BuildInformationRecord record = BuildInformationRecord.of(item, packageId, version);
            if (record.packageId().equalsIgnoreCase(packageId)) {
                result.add(record);
            }
        }
        return result;
    }

    /** The highest version, or with {@code exactly} the record of that version (an exact spelling wins). */
    private static Optional<BuildInformationRecord> newest(List<BuildInformationRecord> records, String exactly) {
        if (exactly != null) {
            Optional<BuildInformationRecord> spelled =
                    records.stream().filter(r -> r.version().equals(exactly)).findFirst();
            if (spelled.isPresent()) {
                return spelled;
            }
            return records.stream()
                    .filter(r -> VersionOrder.INSTANCE.compare(r.version(), exactly) == 0)
                    .findFirst();
        }
        return records.stream().max(Comparator.comparing(BuildInformationRecord::version, VersionOrder.INSTANCE));
    }

    // ------------------------------------------------------------------------------------------------ capability

    /** Build information needs 2019.9.0; the root document links it only when there is a default space. */
    boolean supported(Space space) throws OctopusException {
        if (client.capabilities().buildInformation()) {
            return true;
        }
        if (space.isLegacy() || !client.capabilities().spaces()) {
            return false;
        }
        Boolean known = supportedBySpace.get(space.id());
        if (known != null) {
            return known;
        }
        JsonNode home = json.get(
                "/api/" + Segments.encode(space.id()),
                "Reading space " + space.name() + " on " + server(),
                client.warnings());
        boolean linked = Json.field(home, "Links")
                .flatMap(links -> Json.text(links, "BuildInformation"))
                .isPresent();
        supportedBySpace.put(space.id(), linked);
        return linked;
    }

    private OctopusException unsupported() {
        return new OctopusException(
                OctopusException.Kind.UNSUPPORTED_SERVER,
                "Octopus at " + server() + " (version " + client.serverVersion() + ") does not support build"
                        + " information, which needs Octopus 2019.9.0 or newer; upgrade Octopus or stop pushing build"
                        + " information.");
    }

    // ------------------------------------------------------------------------------------------------ push

    /**
     * Pushes {@code request} ({@code POST .../build-information}) with its overwrite mode. A record with the same
     * content, or (a CI re-run) of the same commit of the same repository, counts as
     * {@link BuildInformationOutcome#IDENTICAL} and is not sent again unless the mode is OverwriteExisting and some
     * field differs; an interrupted POST is verified before it is retried. Fails with
     * {@link OctopusException.Kind#CONFLICT} (naming the fields that differ) under FailIfExists, and with
     * {@link OctopusException.Kind#UNSUPPORTED_SERVER} on servers before 2019.9.0, where nothing is sent.
     */
    public BuildInformationResult push(Space space, BuildInformationRequest request) throws OctopusException {
        return push(space, request, null);
    }

    /** As {@link #push(Space, BuildInformationRequest)}, with the check for an existing record already made (or null). */
    BuildInformationResult push(Space space, BuildInformationRequest request, Lookup<BuildInformationRecord> existing)
            throws OctopusException {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(request, "request");
        if (!supported(space)) {
            throw unsupported();
        }
        return new Push(space, request).run(existing);
    }

    /** One field in which the server's record and the local build information differ. */
    private static final class Difference {
        final String field;
        final String server;
        final String local;

        Difference(String field, String server, String local) {
            this.field = field;
            this.server = server;
            this.local = local;
        }

        @Override
        public String toString() {
            return field + " (server " + server + ", local " + local + ")";
        }
    }

    /** The state of one push call. */
    private final class Push {
        private final Space space;
        private final BuildInformationRequest request;
        private final OverwriteMode mode;
        private final BuildInformation local;
        private final String identity;
        private final String action;
        private final byte[] body;
        private boolean existedBefore;
        private int posts;

        Push(Space space, BuildInformationRequest request) {
            this.space = space;
            this.request = request;
            this.mode = request.overwriteMode();
            this.local = request.buildInformation();
            this.identity = request.packageId() + " " + request.version();
            this.action =
                    "Pushing build information for " + identity + " to " + server() + " (" + space.describe() + ")";
            this.body = Json.bytes(request.toJsonMap());
        }

        BuildInformationResult run(Lookup<BuildInformationRecord> lookedUp) throws OctopusException {
            Lookup<BuildInformationRecord> before = lookedUp != null ? lookedUp : lookup(true);
            if (before.unknown()) {
                client.warnings()
                        .accept("Cannot check whether build information for " + identity + " is already on " + server()
                                + " (" + before.forbidden.getMessage() + "); pushing without that check");
            }
            if (before.found()) {
                BuildInformationRecord stored = before.record;
                List<Difference> differences = differences(stored, local);
                if (sameBuild(differences, stored)
                        && (differences.isEmpty() || mode != OverwriteMode.OverwriteExisting)) {
                    return result(BuildInformationOutcome.IDENTICAL, stored, differences);
                }
                if (mode == OverwriteMode.FailIfExists) {
                    throw conflict(differences);
                }
                if (mode == OverwriteMode.IgnoreIfExists) {
                    client.warnings().accept(kept(differences));
                    return result(BuildInformationOutcome.KEPT_EXISTING, stored, differences);
                }
            }
            existedBefore = before.found();
            return send();
        }

        private BuildInformationResult send() throws OctopusException {
            String path = space.apiPrefix() + "/build-information?overwriteMode=" + mode.name();
            return VerifiedRetries.run(
                    json,
                    action,
                    client.warnings(),
                    new VerifiedRetries.Subject("the build information", "an identical record"),
                    () -> post(path),
                    () -> settledBy(lookup(false)));
        }

        private BuildInformationResult post(String path) throws OctopusException {
            posts++;
            HttpRequest httpRequest = json.request(path, json.settings().requestTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<byte[]> response = json.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray(), action);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return accepted(response);
            }
            if (status == 409) {
                return afterConflict(response);
            }
            if (status == 404 || status == 405) {
                OctopusException failure =
                        json.failures().fromResponse(action, status, response.headers(), response.body(), null);
                throw new OctopusException(
                        OctopusException.Kind.UNSUPPORTED_SERVER,
                        failure.getMessage() + ". Octopus at " + server() + " (version " + client.serverVersion()
                                + ") has no build-information API here; it needs Octopus 2019.9.0 or newer");
            }
            OctopusException refused =
                    json.failures().fromResponse(action, status, response.headers(), response.body(), hints());
            throw status == 403 && mode == OverwriteMode.OverwriteExisting
                    ? refused.blaming(Setting.BUILD_INFORMATION_OVERWRITE_MODE, "IgnoreIfExists")
                    : refused;
        }

        private BuildInformationResult accepted(HttpResponse<byte[]> response) throws OctopusException {
            Optional<JsonNode> node = Json.parse(response.body()).filter(JsonNode::isObject);
            if (node.isEmpty()) {
                // Any 2xx means stored, as the other official clients read it; without the record in the answer,
                // the lookup before tells created from replaced.
                return result(
                        existedBefore ? BuildInformationOutcome.REPLACED : BuildInformationOutcome.CREATED,
                        BuildInformationRecord.sent(request.packageId(), request.version(), local),
                        List.of());
            }
            BuildInformationRecord stored =
                    BuildInformationRecord.of(node.get(), request.packageId(), request.version());
            List<Difference> differences = differences(stored, local);
            if (mode == OverwriteMode.IgnoreIfExists && !differences.isEmpty()) {
                // The server kept a record the lookup could not see (no permission to read, or a race).
                if (sameBuild(differences, stored)) {
                    return result(BuildInformationOutcome.IDENTICAL, stored, differences);
                }
                client.warnings().accept(kept(differences));
                return result(BuildInformationOutcome.KEPT_EXISTING, stored, differences);
            }
            return result(
                    existedBefore ? BuildInformationOutcome.REPLACED : BuildInformationOutcome.CREATED,
                    stored,
                    List.of());
        }

        private BuildInformationResult afterConflict(HttpResponse<byte[]> response) throws OctopusException {
            Lookup<BuildInformationRecord> now;
            try {
                now = lookup(true);
            } catch (OctopusException e) {
                now = new Lookup<>(null, e);
            }
            if (now.found()) {
                List<Difference> differences = differences(now.record, local);
                if (differences.isEmpty() && posts > 1) {
                    // An earlier attempt whose answer was lost stored it.
                    return result(
                            existedBefore ? BuildInformationOutcome.REPLACED : BuildInformationOutcome.CREATED,
                            now.record,
                            differences);
                }
                if (sameBuild(differences, now.record)) {
                    return result(BuildInformationOutcome.IDENTICAL, now.record, differences);
                }
                throw conflict(differences);
            }
            throw json.failures()
                    .fromResponse(action, 409, response.headers(), response.body(), status -> OVERWRITE_FIX)
                    .blaming(Setting.BUILD_INFORMATION_OVERWRITE_MODE, "OverwriteExisting");
        }

        /** After an ambiguous failure: the record already there with our content ends the push. */
        private Optional<BuildInformationResult> settledBy(Lookup<BuildInformationRecord> now) throws OctopusException {
            if (!now.found()) {
                return Optional.empty();
            }
            List<Difference> differences = differences(now.record, local);
            if (differences.isEmpty()) {
                return Optional.of(result(
                        existedBefore ? BuildInformationOutcome.REPLACED : BuildInformationOutcome.CREATED,
                        now.record,
                        differences));
            }
            if (mode == OverwriteMode.OverwriteExisting) {
                return Optional.empty();
            }
            if (mode == OverwriteMode.IgnoreIfExists) {
                client.warnings().accept(kept(differences));
                return Optional.of(result(BuildInformationOutcome.KEPT_EXISTING, now.record, differences));
            }
            throw conflict(differences);
        }

        /** The record on the server; a 403 (a key that may push but not read) makes the answer unknown. */
        private Lookup<BuildInformationRecord> lookup(boolean retried) throws OctopusException {
            return Lookup.attempt(
                    () -> findOnce(space, request.packageId(), request.version(), retried, client.warnings()));
        }

        private IntFunction<String> hints() {
            return status -> {
                switch (status) {
                    case 400:
                        return "Check the package ID '" + request.packageId() + "' and the version '"
                                + request.version() + "' (Octopus wants a SemVer version such as 1.2.3)";
                    case 403:
                        return mode == OverwriteMode.OverwriteExisting
                                ? "Replacing build information needs the BuildInformationAdminister permission"
                                        + " (besides BuildInformationPush): ask an Octopus administrator to grant it to"
                                        + " this API key's user, or use "
                                        + Setting.BUILD_INFORMATION_OVERWRITE_MODE.assign("IgnoreIfExists")
                                : "Pushing build information needs the BuildInformationPush permission: ask an"
                                        + " Octopus administrator to grant it to this API key's user";
                    default:
                        return null;
                }
            };
        }

        private OctopusException conflict(List<Difference> differences) {
            String detail = differences.isEmpty() ? "different content" : "different " + describe(differences);
            return new OctopusException(
                            OctopusException.Kind.CONFLICT,
                            json.failures()
                                    .redact("Build information for " + identity + " already exists on " + server()
                                            + " (" + space.describe() + ") with " + detail + ". " + OVERWRITE_FIX))
                    .blaming(Setting.BUILD_INFORMATION_OVERWRITE_MODE, "OverwriteExisting");
        }

        private String kept(List<Difference> differences) {
            return json.failures()
                    .redact("Build information for " + identity + " already exists on " + server() + " with different "
                            + describe(differences) + "; kept the server's record (IgnoreIfExists)");
        }

        private BuildInformationResult result(
                BuildInformationOutcome outcome, BuildInformationRecord record, List<Difference> differences) {
            List<String> fields = new ArrayList<>();
            differences.forEach(d -> fields.add(d.field));
            return new BuildInformationResult(outcome, record, fields, posts, webUrl(space, record));
        }
    }

    // ------------------------------------------------------------------------------------------------ comparison

    /**
     * The same build: no difference, or the same commit of the same repository with only other fields (build
     * number, URL, branch, commit list) differing. Without a commit number on both sides nothing says that the
     * build is the same, so every field counts.
     */
    private static boolean sameBuild(List<Difference> differences, BuildInformationRecord stored) {
        if (differences.isEmpty()) {
            return true;
        }
        boolean sourceEqual = differences.stream().noneMatch(d -> SOURCE_FIELDS.contains(d.field));
        return sourceEqual && stored.buildInformation().vcsCommitNumber().isPresent();
    }

    private static List<Difference> differences(BuildInformationRecord record, BuildInformation local) {
        BuildInformation stored = record.buildInformation();
        List<Difference> result = new ArrayList<>();
        compare(
                result,
                "BuildEnvironment",
                Optional.of(stored.buildEnvironment()),
                Optional.of(local.buildEnvironment()),
                false);
        compare(result, "BuildNumber", stored.buildNumber(), local.buildNumber(), false);
        compare(result, "BuildUrl", stored.buildUrl(), local.buildUrl(), false);
        compare(result, "Branch", stored.branch(), local.branch(), false);
        compare(result, "VcsType", stored.vcsType(), local.vcsType(), true);
        compare(result, "VcsRoot", stored.vcsRoot(), local.vcsRoot(), false);
        compare(result, "VcsCommitNumber", stored.vcsCommitNumber(), local.vcsCommitNumber(), true);
        List<Commit> mine = local.commits();
        List<Commit> theirs = stored.commits();
        if (mine.size() != theirs.size()) {
            result.add(new Difference("Commits", count(theirs.size()), count(mine.size())));
        } else {
            for (int i = 0; i < mine.size(); i++) {
                Commit a = theirs.get(i);
                Commit b = mine.get(i);
                if (!a.id().equalsIgnoreCase(b.id()) || !comment(a).equals(comment(b))) {
                    result.add(new Difference(
                            "Commits", "commit " + (i + 1) + " " + a.id(), "commit " + (i + 1) + " " + b.id()));
                    break;
                }
            }
        }
        return result;
    }

    private static void compare(
            List<Difference> result,
            String field,
            Optional<String> server,
            Optional<String> local,
            boolean ignoreCase) {
        String a = server.map(String::trim).orElse("");
        String b = local.map(String::trim).orElse("");
        if (ignoreCase ? !a.equalsIgnoreCase(b) : !a.equals(b)) {
            result.add(new Difference(field, shown(a), shown(b)));
        }
    }

    // Servers and CI tools disagree on line endings and trailing blanks of commit messages; the words count.
    private static String comment(Commit commit) {
        return commit.comment().replace("\r\n", "\n").trim();
    }

    private static String count(int commits) {
        return commits + (commits == 1 ? " commit" : " commits");
    }

    private static String shown(String value) {
        if (value.isEmpty()) {
            return "none";
        }
        String clean = Failures.collapse(value);
        return clean.length() > MAX_SHOWN_VALUE ? clean.substring(0, MAX_SHOWN_VALUE) + "..." : clean;
    }

    private static String describe(List<Difference> differences) {
        List<String> parts = new ArrayList<>();
        differences.forEach(d -> parts.add(d.toString()));
        return String.join("; ", parts);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private String server() {
        return json.settings().serverUrl().toString();
    }

    /** The record's page in the web UI ({@code /app#/Spaces-1/library/buildinformation/<Id>}, CLI). */
    String webUrl(Space space, BuildInformationRecord record) {
        String base = server() + "/app#/" + (space.isLegacy() ? "" : space.id() + "/") + "library/buildinformation";
        return record.id().isEmpty() ? base : base + "/" + Segments.encode(record.id());
    }
}

package io.github.octomvn.octopus.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The build information routes in a space: {@code POST build-information} (200 with the mapped resource, 409
 * under FailIfExists, 400 for a bad PackageId or Version), {@code GET build-information} (a page, newest first)
 * and {@code GET build-information/{id}}. BuildInformationPush to push, BuildInformationAdminister to replace,
 * FeedView to read. Off on servers from before 2019.9.
 */
final class BuildInformationRoutes implements RouteRegistry.SpaceRoute {

    private static final int MAX_BODY = 16 * 1024 * 1024;

    /** How a successful push is answered instead of 200 with the record. */
    private static final class PushAnswer {
        final int status;
        final String contentType;
        final byte[] body;

        PushAnswer(int status, String contentType, byte[] body) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
        }
    }

    private final BuildInformationStore store;
    private final Faults faults;
    private final boolean enabled;
    private volatile PushAnswer pushAnswer;

    BuildInformationRoutes(BuildInformationStore store, Faults faults, boolean enabled) {
        this.store = store;
        this.faults = faults;
        this.enabled = enabled;
    }

    /** A successful push is answered with this status and body (no Content-Type when null); the record is kept. */
    void answerPushesWith(int status, String contentType, String body) {
        if (status < 200 || status > 299) {
            throw new IllegalArgumentException("A successful push is answered 2xx, not " + status);
        }
        this.pushAnswer =
                new PushAnswer(status, contentType, (body == null ? "" : body).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean handle(Exchange ex, Set<Permission> account, String spaceId, List<String> rest) throws IOException {
        if (!enabled || rest.isEmpty() || !rest.get(0).equalsIgnoreCase("build-information") || rest.size() > 2) {
            return false;
        }
        if (rest.size() == 1 && ex.method().equals("POST")) {
            push(ex, account, spaceId);
            return true;
        }
        if (!ex.requireGet()) {
            return true;
        }
        // UNVERIFIED which permission guards reading; FeedView lets a push-only key see its 403 degrade.
        if (!account.contains(Permission.FeedView)) {
            ex.forbidden(Permission.FeedView);
            return true;
        }
        if (rest.size() == 2) {
            Optional<StoredBuildInformation> found =
                    store.matching(r -> r.spaceId().equals(spaceId) && r.id().equalsIgnoreCase(rest.get(1))).stream()
                            .findFirst();
            if (found.isEmpty()) {
                ex.notFound();
                return true;
            }
            ex.json(200, JsonRendering.buildInformationResource(found.get()));
            return true;
        }
        list(ex, spaceId);
        return true;
    }

    /** True unless lookups are to meet ({@link Faults#lookupRendezvous}) and too few came. */
    private boolean metOtherLookups() {
        CountDownLatch rendezvous = faults.lookupRendezvous.get();
        if (rendezvous == null) {
            return true;
        }
        rendezvous.countDown();
        try {
            return rendezvous.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code GET .../build-information?packageId=&partialPackageId=&filter=&latest=&skip=&take=}: newest first. */
    private void list(Exchange ex, String spaceId) throws IOException {
        if (!metOtherLookups()) {
            ex.closeAfter = true;
            ex.error(503, "No other build information lookup arrived while this one waited for it");
            return;
        }
        Map<String, String> query = ex.queryParameters();
        int skip;
        int take;
        try {
            skip = Exchange.param(query, "skip").map(Integer::parseInt).orElse(0);
            take = Exchange.param(query, "take").map(Integer::parseInt).orElse(30);
        } catch (NumberFormatException e) {
            ex.invalid("The value of skip or take is not a valid number.");
            return;
        }
        if (skip < 0 || take < 0) {
            ex.invalid("skip and take must not be negative.");
            return;
        }
        Optional<String> packageId = Exchange.param(query, "packageId").filter(v -> !v.isEmpty());
        String partial = Exchange.param(query, "partialPackageId").orElse("").toLowerCase(Locale.ROOT);
        String filter = Exchange.param(query, "filter").orElse("").toLowerCase(Locale.ROOT);
        boolean latest =
                Exchange.param(query, "latest").map("true"::equalsIgnoreCase).orElse(false);
        List<StoredBuildInformation> matching = store.matching(r -> r.spaceId().equals(spaceId)
                && packageId.map(id -> id.equalsIgnoreCase(r.packageId())).orElse(true)
                && r.packageId().toLowerCase(Locale.ROOT).contains(partial)
                && r.version().toLowerCase(Locale.ROOT).contains(filter));
        Comparator<StoredBuildInformation> order = Comparator.comparing(
                        (StoredBuildInformation r) -> r.packageId().toLowerCase(Locale.ROOT))
                .thenComparing((r1, r2) -> PackageNames.compareVersions(r2.version(), r1.version()))
                .thenComparing(StoredBuildInformation::created, Comparator.reverseOrder());
        matching.sort(order);
        if (latest) {
            // "Only the latest build information": the highest SemVer record of each package ID.
            Map<String, StoredBuildInformation> first = new LinkedHashMap<>();
            matching.forEach(r -> first.putIfAbsent(r.packageId().toLowerCase(Locale.ROOT), r));
            matching = new ArrayList<>(first.values());
        }
        ex.json(
                200,
                JsonRendering.page(
                        "BuildInformation",
                        matching,
                        skip,
                        take,
                        JsonRendering::buildInformationResource,
                        "/api/" + spaceId + "/build-information"));
    }

    private void push(Exchange ex, Set<Permission> account, String spaceId) throws IOException {
        if (!account.contains(Permission.BuildInformationPush)) {
            ex.forbidden(Permission.BuildInformationPush);
            return;
        }
        ex.continueIfExpected();
        byte[] bytes = ex.body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            ex.closeAfter = true;
            ex.error(413, "The request body is too large.");
            return;
        }
        JsonNode body = JsonRendering.parse(bytes);
        if (body == null || !body.isObject()) {
            ex.invalid("Invalid package metadata", "The request body must be a JSON object.");
            return;
        }
        // The official clients send the mode in the query (C#, TS) or only in the body (Go CLI); legacy Replace.
        Optional<String> requested = Exchange.param(ex.queryParameters(), "overwriteMode")
                .or(() -> JsonRendering.textField(body, "OverwriteMode"))
                .or(() -> JsonRendering.field(body, "Replace")
                        .filter(v -> v.asBoolean(false) || "true".equalsIgnoreCase(v.asText()))
                        .map(v -> "OverwriteExisting"));
        String mode = "FailIfExists";
        if (requested.isPresent()) {
            Optional<String> known = Stream.of("FailIfExists", "OverwriteExisting", "IgnoreIfExists")
                    .filter(m -> m.equalsIgnoreCase(requested.get().trim()))
                    .findFirst();
            if (known.isEmpty()) {
                ex.invalid("The value '" + requested.get() + "' is not valid for OverwriteMode.");
                return;
            }
            mode = known.get();
        }
        if (mode.equals("OverwriteExisting") && !account.contains(Permission.BuildInformationAdminister)) {
            ex.forbidden(Permission.BuildInformationAdminister);
            return;
        }
        Optional<String> packageId = JsonRendering.textField(body, "PackageId");
        Optional<String> version = JsonRendering.textField(body, "Version");
        Optional<JsonNode> information =
                JsonRendering.field(body, "OctopusBuildInformation").filter(JsonNode::isObject);
        List<String> missing = new ArrayList<>();
        if (packageId.isEmpty()) {
            missing.add("The PackageId field is required.");
        }
        if (version.isEmpty()) {
            missing.add("The Version field is required.");
        }
        if (information.isEmpty()) {
            missing.add("The OctopusBuildInformation field is required.");
        }
        if (!missing.isEmpty()) {
            ex.invalid(missing.toArray(new String[0]));
            return;
        }
        if (!PackageNames.isValidPackageId(packageId.get())) {
            ex.invalid("The package ID contains invalid characters. Examples of valid package IDs include"
                    + " 'MyPackage' and 'MyPackage.Sample'.");
            return;
        }
        if (PackageNames.versionKey(version.get()).isEmpty()) {
            ex.invalid("The version is invalid. Please supply a valid semver version number.");
            return;
        }
        StoredBuildInformation.Fields fields = BuildInformationStore.fieldsOf(information.get());
        String key = BuildInformationStore.key(spaceId, packageId.get(), version.get())
                .orElseThrow();
        StoredBuildInformation answer;
        boolean stored;
        synchronized (store.lock()) {
            Optional<StoredBuildInformation> existing = store.find(key);
            if (existing.isPresent() && mode.equals("FailIfExists")) {
                ex.error(
                        409,
                        "There was a problem with your request.",
                        "Metadata for the specified Package ID and version already exists. To proceed anyway,"
                                + " specify an overwriteMode of OverwriteExisting or IgnoreIfExists.");
                return;
            }
            stored = existing.isEmpty() || !mode.equals("IgnoreIfExists");
            answer = stored ? store.store(spaceId, packageId.get(), version.get(), fields) : existing.get();
        }
        if (stored && faults.dropAfterStoreBuildInformation.getAndSet(false)) {
            throw new Exchange.Abort();
        }
        if (stored && faults.hangAfterStoreBuildInformation.getAndSet(false)) {
            throw new Exchange.Hang();
        }
        PushAnswer instead = pushAnswer;
        if (instead == null) {
            ex.json(200, JsonRendering.buildInformationResource(answer));
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (instead.contentType != null) {
            headers.put("Content-Type", instead.contentType);
        }
        ex.respond(instead.status, headers, instead.body);
    }
}

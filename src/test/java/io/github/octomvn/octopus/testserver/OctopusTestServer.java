package io.github.octomvn.octopus.testserver;

import io.github.octomvn.octopus.delta.RollingChecksumAlgorithm;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An Octopus-compatible HTTP server on {@code 127.0.0.1:0} for tests and ITs: root document, spaces, the
 * built-in feed (packages stored on disk with SHA-1), build information, strict validation, a request log and
 * switchable faults.
 *
 * <p>Hand-written on {@link ServerSocket} rather than {@code com.sun.net.httpserver}: the faults need
 * byte-level control (drop the connection after K body bytes, store and never answer, act as an HTTP proxy
 * for absolute-form requests and CONNECT) that the JDK server does not offer. All threads are daemons.
 *
 * <p>This class is the public face (builder, faults, inspection) and wires the concerns, one file each:
 * {@link Connections} (socket loop, HTTP wire), {@link ProxyTunnel}, {@link Accounts}, {@link Faults},
 * {@link RouteRegistry} (dispatch), whose routes come from {@link SpaceRoutes} (root document, spaces),
 * {@link FeedRoutes} over a {@link FeedStore}, {@link DeltaRoutes} (delta signatures and uploads) over the same
 * store, {@link BuildInformationRoutes} over a {@link BuildInformationStore}, {@link ProjectRoutes},
 * {@link ReleaseRoutes} and {@link DeploymentRoutes} over a {@link ReleaseStore}, and {@link TaskRoutes} over a
 * {@link TaskStore}; {@link OidcRoutes} (discovery, token exchange, a fake GitHub Actions ID token service) answers
 * before any key is checked and issues the access tokens {@link Accounts} then accepts;
 * {@link JsonRendering} renders the documents. A new kind of route (releases,
 * deployments, tasks, deltas) is a routes file, a store if it keeps state, and one registration below.
 */
public final class OctopusTestServer implements AutoCloseable {

    /** The key with every permission unless the builder says otherwise. */
    public static final String DEFAULT_API_KEY = "API-TESTKEY";

    private final String apiKey;
    private final Path storage;
    private final boolean ownsStorage;
    private final ServerSocket serverSocket;
    private final boolean tls;
    private final Spaces spaces;
    private final Accounts accounts;
    private final ProxyTunnel proxy;
    private final Faults faults = new Faults();
    private final List<RecordedRequest> log = Collections.synchronizedList(new ArrayList<>());
    private final FeedStore feed;
    private final FeedRoutes feedRoutes;
    private final DeltaRoutes deltaRoutes;
    private final BuildInformationStore buildInformation = new BuildInformationStore();
    private final BuildInformationRoutes buildInformationRoutes;
    private final ReleaseStore releases;
    private final TaskStore tasks;
    private final DeploymentRoutes deploymentRoutes;
    private final boolean executionsApi;
    private final RouteRegistry routes;
    private final OidcRoutes oidc;
    private final Connections connections;

    private OctopusTestServer(Builder b) throws IOException {
        this.apiKey = b.apiKey;
        this.spaces = new Spaces(b.spaces, b.legacy);
        Map<String, Set<Permission>> keys = new LinkedHashMap<>(b.apiKeys);
        keys.put(b.apiKey, EnumSet.allOf(Permission.class));
        this.oidc = new OidcRoutes(b.clock, () -> url().toString());
        b.serviceAccounts.forEach(oidc::serviceAccount);
        this.accounts = new Accounts(keys, b.bearerTokens, oidc::authenticate);
        this.proxy = new ProxyTunnel(b.proxyUser, b.proxyPassword);
        this.ownsStorage = b.storage == null;
        this.storage = b.storage == null ? Files.createTempDirectory("octopus-test-server") : b.storage;
        this.feed = new FeedStore(storage);
        this.feedRoutes = new FeedRoutes(feed, faults, b.legacy);
        feedRoutes.answerNewUploadsWith(b.newUploadStatus);
        this.deltaRoutes = new DeltaRoutes(feed, feedRoutes, b.deltaUpload, b.maxDeltaOutputBytes);
        boolean withBuildInformation = !b.legacy && b.buildInformation;
        this.buildInformationRoutes = new BuildInformationRoutes(buildInformation, faults, withBuildInformation);
        if (b.buildInformationAnswerStatus != 0) {
            buildInformationRoutes.answerPushesWith(
                    b.buildInformationAnswerStatus, b.buildInformationAnswerContentType, b.buildInformationAnswerBody);
        }
        this.releases = new ReleaseStore(b.clock);
        this.tasks = new TaskStore(b.clock);
        this.executionsApi = !b.legacy && hasExecutionsApi(b.version);
        this.deploymentRoutes = new DeploymentRoutes(spaces, releases, tasks, faults, executionsApi);
        TaskRoutes taskRoutes = new TaskRoutes(tasks, releases);
        SpaceRoutes spaceRoutes = new SpaceRoutes(spaces, b.version, b.apiVersion, withBuildInformation, deltaRoutes);
        this.routes = new RouteRegistry(spaces)
                .api(spaceRoutes)
                .api(taskRoutes)
                .inSpace(spaceRoutes)
                .inSpace(feedRoutes)
                .inSpace(deltaRoutes)
                .inSpace(buildInformationRoutes)
                .inSpace(new ProjectRoutes(releases))
                .inSpace(new ReleaseRoutes(spaces, releases, feed, faults, executionsApi))
                .inSpace(deploymentRoutes)
                .inSpace(taskRoutes);
        this.serverSocket = Connections.bind(b.port, b.keyStore, b.keyStorePassword);
        this.tls = b.keyStore != null;
        this.connections = new Connections(
                serverSocket, this::handle, proxy, log::add, () -> faults.delayMillis, b.throttleBytesPerSecond);
        connections.start();
    }

    /** Faults first, then proxy credentials, then the account, then the route. */
    private void handle(Exchange ex) throws IOException {
        Optional<Faults.FailRule> rule = faults.take(ex.method(), ex.path);
        if (rule.isPresent()) {
            rule.get().answer(ex);
            return;
        }
        if (proxy.rejectUnauthorized(ex)) {
            return;
        }
        if (oidc.handle(ex)) {
            return;
        }
        Optional<Set<Permission>> account = accounts.authenticate(ex.head);
        if (account.isEmpty()) {
            Accounts.unauthorized(ex);
            return;
        }
        routes.dispatch(ex, account.get());
    }

    /** The executions API arrived in 2022.3.5512; local builds report 0.0.0 and have everything. */
    static boolean hasExecutionsApi(String version) {
        if (version.startsWith("0.0.0")) {
            return true;
        }
        String[] parts = version.split("[.-]");
        int[] minimum = {2022, 3, 5512};
        for (int i = 0; i < minimum.length; i++) {
            int part;
            try {
                part = i < parts.length ? Integer.parseInt(parts[i]) : 0;
            } catch (NumberFormatException e) {
                return false;
            }
            if (part != minimum[i]) {
                return part > minimum[i];
            }
        }
        return true;
    }

    /** Starts a server with the defaults: key {@value #DEFAULT_API_KEY}, spaces Default (default) and Team B. */
    public static OctopusTestServer start() throws IOException {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>} (or https with TLS), without a trailing slash. */
    public URI url() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port());
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The key with every permission. */
    public String apiKey() {
        return apiKey;
    }

    public Path storageDir() {
        return storage;
    }

    // ---------------------------------------------------------------------------------------------- behaviour

    /**
     * The status a newly stored package is answered with: 201 (the default) or 200, as some Octopus versions
     * answer a new upload; the body is the package resource either way.
     */
    public void answerNewUploadsWith(int status) {
        feedRoutes.answerNewUploadsWith(status);
    }

    /**
     * A successful build-information push (stored, or kept under IgnoreIfExists) is answered with this 2xx status
     * and body instead of 200 with the record, e.g. {@code (200, null, "")} for an empty body or
     * {@code (201, "text/plain", "Created")}; no Content-Type when {@code contentType} is null. The record is
     * stored all the same; errors (400, 403, 409) keep their JSON.
     */
    public void answerBuildInformationPushesWith(int status, String contentType, String body) {
        buildInformationRoutes.answerPushesWith(status, contentType, body);
    }

    /**
     * Whether the server offers delta uploads: the {@code PackageDeltaSignature} and {@code PackageDeltaUpload}
     * links in the root and space documents, and their routes (404 without). On by default, as on Octopus.
     */
    public void advertiseDeltaUpload(boolean advertise) {
        deltaRoutes.advertise(advertise);
    }

    /** Delta signature requests are answered with this error status (0, the default, answers them normally). */
    public void answerDeltaSignaturesWith(int status) {
        deltaRoutes.answerSignaturesWith(status);
    }

    /** Delta signatures come with 7 stray bytes after the last chunk, as a damaged answer would have. */
    public void corruptDeltaSignatures(boolean corrupt) {
        deltaRoutes.corruptSignatures(corrupt);
    }

    /** Delta uploads are read, then refused with 400 "The delta file could not be applied ...". */
    public void rejectDeltaUploads(boolean reject) {
        deltaRoutes.rejectDeltas(reject);
    }

    /** Signatures are written with this rolling checksum and chunk size (default Adler32, 2048 bytes). */
    public void signDeltasWith(RollingChecksumAlgorithm algorithm, int chunkSize) {
        deltaRoutes.signWith(algorithm, chunkSize);
    }

    /** Deployment answers use camelCase keys ({@code deploymentServerTasks}), as some server versions sent. */
    public void answerDeploymentsInCamelCase(boolean on) {
        deploymentRoutes.answerInCamelCase(on);
    }

    // ---------------------------------------------------------------------------------------------- OIDC

    /**
     * A service account whose OpenID Connect identity accepts these ID tokens; its id (a GUID) is the audience of
     * the token exchange ({@code POST /token/v1}), whose access tokens then work as {@code Authorization: Bearer}.
     */
    public void addServiceAccount(String serviceAccountId, String... acceptedIdTokens) {
        oidc.serviceAccount(serviceAccountId, acceptedIdTokens);
    }

    /** Whether {@code /.well-known/openid-configuration} is served (on by default); off, clients use /token/v1. */
    public void serveOpenIdConfiguration(boolean on) {
        oidc.discovery(on);
    }

    /** The {@code expires_in} of access tokens issued from now on (default 3600 s), by the builder's clock. */
    public void issueAccessTokensFor(long seconds) {
        oidc.expiresIn(seconds);
    }

    /** Token exchange errors in Octopus's {@code ErrorMessage}/{@code Errors} shape instead of OAuth's. */
    public void answerTokenErrorsAsOctopusErrors(boolean on) {
        oidc.errorStyle(on ? OidcRoutes.ErrorStyle.OCTOPUS : OidcRoutes.ErrorStyle.OAUTH);
    }

    /** Every access token issued so far is refused from now on (401), as after its expiry. */
    public void expireAccessTokens() {
        oidc.expireAll();
    }

    /** How many access tokens the exchange issued. */
    public int tokenExchanges() {
        return oidc.exchanges();
    }

    /** Every access token issued so far. */
    public Set<String> issuedAccessTokens() {
        return oidc.issuedTokens();
    }

    /**
     * Serves a fake GitHub Actions ID token service that a job with {@code requestToken} may ask; returns the
     * value for {@code ACTIONS_ID_TOKEN_REQUEST_URL}. It mints, for the audience asked for, the first ID token a
     * service account of that id accepts (a token no identity accepts for any other audience).
     */
    public String serveGitHubIdTokens(String requestToken) {
        oidc.github(requestToken);
        return url() + OidcRoutes.GITHUB_PATH + "?api-version=2.0";
    }

    /** The path of the fake GitHub ID token service, for a URL on another (proxied) host name. */
    public static String gitHubIdTokenPath() {
        return OidcRoutes.GITHUB_PATH + "?api-version=2.0";
    }

    /** How many requests the fake GitHub ID token service received. */
    public int gitHubIdTokenRequests() {
        return oidc.githubRequests();
    }

    // ---------------------------------------------------------------------------------------------- releases

    /** Whether this server has the executions API (version 2022.3.5512 or later, or a 0.0.0 local build). */
    public boolean hasExecutionsApi() {
        return executionsApi;
    }

    /** Adds a project to the default space, with its channel "Default"; give it steps through the handle. */
    public SeededProject addProject(String name) {
        return addProject(spaces.defaultSpaceId(), name);
    }

    public SeededProject addProject(String spaceId, String name) {
        return new SeededProject(releases, releases.addProject(spaceId, name));
    }

    /** Adds environments to the default space; returns the ID of the last one. */
    public String addEnvironment(String... names) {
        String id = null;
        for (String name : names) {
            id = releases.addEnvironment(spaces.defaultSpaceId(), name).id;
        }
        return id;
    }

    /** Adds an environment to a space; returns its ID. */
    public String addEnvironmentIn(String spaceId, String name) {
        return releases.addEnvironment(spaceId, name).id;
    }

    /** Adds a tenant to the default space with these tags ({@code "Region/EU"}); returns its ID. */
    public String addTenant(String name, String... tags) {
        return releases.addTenant(spaces.defaultSpaceId(), name, new java.util.LinkedHashSet<>(Arrays.asList(tags))).id;
    }

    /**
     * Stores a release of this project (default space) as if created earlier, every step's package at
     * {@code version}, in the default channel.
     */
    public StoredRelease seedRelease(String project, String version) {
        return releases.seedRelease(spaces.defaultSpaceId(), project, version);
    }

    /** Deployments queued from now on to this environment (name) run their tasks by this script. */
    public void scriptTasks(String environmentName, TaskScript script) {
        tasks.script(environmentName, script);
    }

    /** Deployments to environments without a script of their own run by this one (default {@link TaskScript#succeeds()}). */
    public void scriptTasks(TaskScript script) {
        tasks.defaultScript(script);
    }

    /** Every release, in creation order (any space). */
    public List<StoredRelease> releases() {
        return releases.releases();
    }

    /** The release of this project (name, slug or ID; default space) and version. */
    public Optional<StoredRelease> release(String project, String version) {
        return releases.project(spaces.defaultSpaceId(), project).flatMap(p -> releases.release(p.id, version));
    }

    /** Every deployment, in creation order (any space). */
    public List<StoredDeployment> deployments() {
        return releases.deployments();
    }

    /** The state a task showed last (Queued until its first poll). */
    public String taskState(String taskId) {
        return task(taskId).state();
    }

    /** How often the task was polled ({@code GET tasks/{id}} or {@code tasks?ids=}). */
    public int taskPolls(String taskId) {
        return task(taskId).polls();
    }

    /** Whether someone asked to cancel the task. */
    public boolean taskCancelRequested(String taskId) {
        return task(taskId).cancelRequested();
    }

    /** The raw log of the task, as {@code GET tasks/{id}/raw} answers it. */
    public String taskLog(String taskId) {
        return task(taskId).rawLog();
    }

    private TaskStore.Task task(String taskId) {
        return tasks.find(taskId).orElseThrow(() -> new IllegalArgumentException("No task " + taskId));
    }

    // ---------------------------------------------------------------------------------------------- faults

    /** The next {@code count} requests (any path) get {@code status}. */
    public void failNext(int count, int status) {
        failNext(count, status, "");
    }

    /** The next {@code count} requests whose path matches the regex {@code pathPattern} (find) get {@code status}. */
    public void failNext(int count, int status, String pathPattern) {
        failNext(count, status, pathPattern, status == 503 || status == 429 ? 1 : -1);
    }

    /** As above, with {@code Retry-After: <seconds>} (none when negative). */
    public void failNext(int count, int status, String pathPattern, int retryAfterSeconds) {
        faults.add(new Faults.FailRule(null, count, status, pathPattern, retryAfterSeconds, null, null));
    }

    /**
     * As above for requests with this method only, e.g. {@code failNext('POST', 1, 503, 'build-information$', 2)}
     * fails the push but not the lookups before and after it.
     */
    public void failNext(String method, int count, int status, String pathPattern, int retryAfterSeconds) {
        faults.add(new Faults.FailRule(method, count, status, pathPattern, retryAfterSeconds, null, null));
    }

    /** The next {@code count} matching requests get exactly this answer. */
    public void respondNext(int count, int status, String pathPattern, String contentType, String body) {
        faults.add(new Faults.FailRule(null, count, status, pathPattern, -1, contentType, body));
    }

    /** The next {@code count} matching requests are never answered, and their bodies never read. */
    public void hangNext(int count, String pathPattern) {
        faults.add(new Faults.FailRule(null, count, 0, pathPattern, -1, null, null));
    }

    /**
     * From now on, each package upload (full or delta) waits, before it reads its body, until {@code count} uploads
     * are in flight at once; one that waits 30 s in vain is answered 503. A client that uploads one package after
     * another then fails, one that uploads {@code count} at once succeeds: concurrency proved without a clock.
     */
    public void meetUploadsInFlight(int count) {
        faults.uploadRendezvous.set(new CountDownLatch(count));
    }

    /**
     * From now on, each build information lookup ({@code GET .../build-information?...}) waits until {@code count}
     * lookups are in flight at once; one that waits 10 s in vain is answered 503. Once they have met, later lookups
     * pass at once. A client that looks packages up one after another then meets a 503, one that looks
     * {@code count} up side by side does not: concurrency proved without a clock.
     */
    public void meetBuildInformationLookupsInFlight(int count) {
        faults.lookupRendezvous.set(new CountDownLatch(count));
    }

    /** The next package upload drops the connection (TCP reset) after reading {@code bodyBytes} of its body. */
    public void dropNextUploadAfter(long bodyBytes) {
        faults.dropAfter.set(bodyBytes);
    }

    /** The next package upload (full or delta) is stored, then its connection is reset before any answer. */
    public void dropAfterStoringNextUpload() {
        faults.dropAfterStore.set(true);
    }

    /** The next package upload is stored, then never answered (the client times out). */
    public void hangAfterStoringNextUpload() {
        faults.hangAfterStore.set(true);
    }

    /** The next build-information POST is stored, then its connection is reset before any answer. */
    public void dropAfterStoringNextBuildInformation() {
        faults.dropAfterStoreBuildInformation.set(true);
    }

    /** The next build-information POST is stored, then never answered (the client times out). */
    public void hangAfterStoringNextBuildInformation() {
        faults.hangAfterStoreBuildInformation.set(true);
    }

    /** The next release the executions API creates is stored, then its connection is reset before any answer. */
    public void dropAfterStoringNextRelease() {
        faults.dropAfterStoreRelease.set(true);
    }

    /** The next release the executions API creates is stored, then never answered (the client times out). */
    public void hangAfterStoringNextRelease() {
        faults.hangAfterStoreRelease.set(true);
    }

    /** The next deployment request is stored (deployments and tasks queued), then its connection is reset. */
    public void dropAfterStoringNextDeployment() {
        faults.dropAfterStoreDeployment.set(true);
    }

    /** The next deployment request is stored (deployments and tasks queued), then never answered. */
    public void hangAfterStoringNextDeployment() {
        faults.hangAfterStoreDeployment.set(true);
    }

    /** Every response waits this long first (0 to stop). */
    public void delayResponses(long millis) {
        faults.delayMillis = millis;
    }

    /** Removes every fault; the behaviour options above stay. */
    public void clearFaults() {
        faults.clear();
    }

    // ---------------------------------------------------------------------------------------------- inspection

    /** Every stored package, in storing order. */
    public List<StoredPackage> packages() {
        return feed.all();
    }

    /** A package in the default space (or the only space of a legacy server); versions compare semantically. */
    public Optional<StoredPackage> storedPackage(String packageId, String version) {
        return storedPackage(spaces.defaultSpaceId(), packageId, version);
    }

    public Optional<StoredPackage> storedPackage(String spaceId, String packageId, String version) {
        return FeedStore.key(spaceId, packageId, version).flatMap(feed::find);
    }

    /** How often the bytes of this package were written to the feed (created or replaced). */
    public int storeCount(String packageId, String version) {
        return FeedStore.key(spaces.defaultSpaceId(), packageId, version)
                .map(feed::storeCount)
                .orElse(0);
    }

    /** How many upload requests named this package (whatever their outcome). */
    public int uploadRequestCount(String packageId, String version) {
        return FeedStore.key(spaces.defaultSpaceId(), packageId, version)
                .map(feed::uploadRequestCount)
                .orElse(0);
    }

    /** Puts a package straight into the feed, as if uploaded earlier. */
    public StoredPackage seedPackage(String spaceId, String fileName, byte[] content) throws IOException {
        return feed.seed(spaceId, fileName, content);
    }

    /** Delta signatures answered with a signature (any space). */
    public int deltaSignaturesServed() {
        return deltaRoutes.signaturesServed();
    }

    /** Delta upload requests received, whatever their outcome (any space). */
    public int deltaUploadsReceived() {
        return deltaRoutes.deltaUploadsReceived();
    }

    /** Bytes of the delta files received (the file parts, not the multipart framing). */
    public long deltaBytesReceived() {
        return deltaRoutes.deltaBytesReceived();
    }

    /** Deltas the strict applier accepted and rebuilt a package from. */
    public int deltasApplied() {
        return deltaRoutes.deltasApplied();
    }

    /** Puts a copy of {@code file} into the feed as {@code fileName}, streamed, as if uploaded earlier. */
    public StoredPackage seedPackage(String spaceId, String fileName, Path file) throws IOException {
        return feed.seed(spaceId, fileName, file);
    }

    /** Every build information record, in the order the records were first stored (any space). */
    public List<StoredBuildInformation> buildInformation() {
        return buildInformation.all();
    }

    /** The record for this package ID and version in the default space; versions compare semantically. */
    public Optional<StoredBuildInformation> buildInformation(String packageId, String version) {
        return buildInformation(spaces.defaultSpaceId(), packageId, version);
    }

    public Optional<StoredBuildInformation> buildInformation(String spaceId, String packageId, String version) {
        return BuildInformationStore.key(spaceId, packageId, version).flatMap(buildInformation::find);
    }

    /** How often this record was written (created or replaced) in the default space. */
    public int buildInformationWriteCount(String packageId, String version) {
        return BuildInformationStore.key(spaces.defaultSpaceId(), packageId, version)
                .map(buildInformation::writeCount)
                .orElse(0);
    }

    /**
     * Stores a record as if pushed earlier. {@code octopusBuildInformation} holds the PascalCase fields of the
     * {@code OctopusBuildInformation} object ({@code BuildUrl}, {@code VcsCommitNumber},
     * {@code Commits: [[Id: .., Comment: ..]]}, ...); from Groovy a map literal does.
     */
    public StoredBuildInformation seedBuildInformation(
            String spaceId, String packageId, String version, Map<String, ?> octopusBuildInformation) {
        if (!PackageNames.isValidPackageId(packageId)
                || PackageNames.versionKey(version).isEmpty()) {
            throw new IllegalArgumentException("Not a valid package ID and version: " + packageId + " " + version);
        }
        StoredBuildInformation.Fields fields =
                BuildInformationStore.fieldsOf(JsonRendering.JSON.valueToTree(octopusBuildInformation));
        return buildInformation.store(spaceId, packageId, version, fields);
    }

    /** As above, in the default space. */
    public StoredBuildInformation seedBuildInformation(
            String packageId, String version, Map<String, ?> octopusBuildInformation) {
        return seedBuildInformation(spaces.defaultSpaceId(), packageId, version, octopusBuildInformation);
    }

    /** Every request so far, in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (log) {
            return log.stream()
                    .sorted(Comparator.comparingLong(RecordedRequest::sequence))
                    .collect(Collectors.toList());
        }
    }

    /** Requests with this method whose path matches the regex (find), in arrival order. */
    public List<RecordedRequest> requests(String method, String pathPattern) {
        Pattern pattern = Pattern.compile(pathPattern);
        return requests().stream()
                .filter(r -> r.method().equalsIgnoreCase(method))
                .filter(r -> pattern.matcher(r.path()).find())
                .collect(Collectors.toList());
    }

    public void clearRequests() {
        log.clear();
    }

    /** True when any request URL (path or query) contains {@code text}, e.g. an API key that must not be there. */
    public boolean anyUrlContains(String text) {
        return requests().stream().anyMatch(r -> r.target().contains(text));
    }

    @Override
    public void close() {
        connections.close();
        if (ownsStorage) {
            try (Stream<Path> files = Files.walk(storage)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // a temp dir left behind is harmless; a route still finishing may delete its temp file mid-walk
            }
        }
    }

    @Override
    public String toString() {
        return "OctopusTestServer[" + url() + (spaces.legacy() ? ", legacy" : "") + "]";
    }

    /**
     * Runs the server until stdin closes or the process is stopped, printing its URL and key. Options:
     * {@code --port N}, {@code --api-key K}, {@code --storage DIR}, {@code --legacy}, {@code --no-delta},
     * {@code --throttle-mbit M}.
     */
    public static void main(String[] args) throws Exception {
        CommandLine.run(args);
    }

    /** Configures an {@link OctopusTestServer}. */
    public static final class Builder {
        private String apiKey = DEFAULT_API_KEY;
        private String version = "2024.1.100";
        private String apiVersion = "3.0.0";
        private boolean legacy;
        private boolean buildInformation = true;
        private final List<Spaces.Space> spaces = new ArrayList<>(Arrays.asList(
                new Spaces.Space("Spaces-1", "Default", true), new Spaces.Space("Spaces-2", "Team B", false)));
        private boolean spacesCustomised;
        private final Map<String, Set<Permission>> apiKeys = new LinkedHashMap<>();
        private final Map<String, Set<Permission>> bearerTokens = new LinkedHashMap<>();
        private final Map<String, String[]> serviceAccounts = new LinkedHashMap<>();
        private String proxyUser;
        private String proxyPassword;
        private Path storage;
        private Path keyStore;
        private String keyStorePassword;
        private int port;
        private int newUploadStatus = 201;
        private boolean deltaUpload = true;
        private long maxDeltaOutputBytes = 16L * 1024 * 1024 * 1024;
        private int buildInformationAnswerStatus;
        private String buildInformationAnswerContentType;
        private String buildInformationAnswerBody;
        private java.time.Clock clock = java.time.Clock.systemUTC();
        private long throttleBytesPerSecond;

        private Builder() {}

        /** The key with every permission (default {@value #DEFAULT_API_KEY}). */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** Another API key with only these permissions. */
        public Builder addApiKey(String key, Permission... permissions) {
            apiKeys.put(
                    key,
                    permissions.length == 0
                            ? EnumSet.noneOf(Permission.class)
                            : EnumSet.copyOf(Arrays.asList(permissions)));
            return this;
        }

        /** A bearer token; with no permissions given it has all of them. */
        public Builder addBearerToken(String token, Permission... permissions) {
            bearerTokens.put(
                    token,
                    permissions.length == 0
                            ? EnumSet.allOf(Permission.class)
                            : EnumSet.copyOf(Arrays.asList(permissions)));
            return this;
        }

        /** A service account for the OIDC token exchange; see {@link OctopusTestServer#addServiceAccount}. */
        public Builder serviceAccount(String serviceAccountId, String... acceptedIdTokens) {
            serviceAccounts.put(serviceAccountId, acceptedIdTokens);
            return this;
        }

        /** The {@code Version} of the root document (default 2024.1.100). */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** The {@code ApiVersion} of the root document (default 3.0.0). */
        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /** A server from before 2019.1: no spaces, routes {@code /api/...}, upload takes only {@code replace}. */
        public Builder legacy() {
            this.legacy = true;
            this.version = "2018.10.5";
            return this;
        }

        /**
         * A server with spaces but from before build information (2019.1 to 2019.8): no {@code BuildInformation}
         * link and no build-information routes.
         */
        public Builder withoutBuildInformation() {
            this.buildInformation = false;
            this.version = "2019.8.3";
            return this;
        }

        /** A server that does not offer delta uploads (no links, no routes); see the runtime switch. */
        public Builder withoutDeltaUpload() {
            this.deltaUpload = false;
            return this;
        }

        /** The largest package a delta may rebuild (default 16 GiB); beyond it the delta is refused with 400. */
        public Builder maxDeltaOutputBytes(long bytes) {
            this.maxDeltaOutputBytes = bytes;
            return this;
        }

        /**
         * A server with releases, deployments and tasks but from before the executions API (2022.3.5512): the
         * {@code releases/create/v1} and {@code deployments/create/*}{@code /v1} routes answer 404.
         */
        public Builder withoutExecutionsApi() {
            this.version = "2022.2.8011";
            return this;
        }

        /**
         * Holds the server's link to this many bytes a second in each direction, shared by all connections (a
         * token bucket around the connection streams): request bodies arrive, and answers leave, no faster. For
         * benchmarks of slow links; 0 (the default) means no limit. CONNECT tunnels are not throttled.
         */
        public Builder throttle(long bytesPerSecond) {
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException("A throttle of " + bytesPerSecond + " bytes a second");
            }
            this.throttleBytesPerSecond = bytesPerSecond;
            return this;
        }

        /** The clock task times and access token expiry are read from (default the system clock, UTC). */
        public Builder clock(java.time.Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Adds a space; the first call replaces the two default spaces. */
        public Builder space(String id, String name, boolean isDefault) {
            if (!spacesCustomised) {
                spaces.clear();
                spacesCustomised = true;
            }
            spaces.add(new Spaces.Space(id, name, isDefault));
            return this;
        }

        /** Absolute-form (proxied) requests and CONNECT must carry these Basic proxy credentials. */
        public Builder proxyCredentials(String user, String password) {
            this.proxyUser = user;
            this.proxyPassword = password;
            return this;
        }

        /** Where packages are stored (kept on close); default a temp dir deleted on close. */
        public Builder storageDir(Path directory) {
            this.storage = directory;
            return this;
        }

        /** Serve HTTPS with the key pair in this PKCS12 store. */
        public Builder tls(Path pkcs12KeyStore, String password) {
            this.keyStore = pkcs12KeyStore;
            this.keyStorePassword = password;
            return this;
        }

        /** A fixed port for manual use (tests keep the default 0). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A new package is answered with this status, 200 or 201 (the default); see the runtime method. */
        public Builder answerNewUploadsWith(int status) {
            if (status != 200 && status != 201) {
                throw new IllegalArgumentException("A new upload is answered 200 or 201, not " + status);
            }
            this.newUploadStatus = status;
            return this;
        }

        /** Successful build-information pushes get this 2xx answer instead of the record; see the runtime method. */
        public Builder answerBuildInformationPushesWith(int status, String contentType, String body) {
            if (status < 200 || status > 299) {
                throw new IllegalArgumentException("A successful push is answered 2xx, not " + status);
            }
            this.buildInformationAnswerStatus = status;
            this.buildInformationAnswerContentType = contentType;
            this.buildInformationAnswerBody = body;
            return this;
        }

        public OctopusTestServer start() throws IOException {
            return new OctopusTestServer(this);
        }
    }
}

package io.github.octomvn.octopus.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A connection to one Octopus server: root document and capabilities, space resolution. The features
 * (feed, build information) work through it. Thread-safe; create it with {@link #connect}.
 */
public final class OctopusClient implements AutoCloseable {

    private static final Pattern SPACE_ID = Pattern.compile("(?i)Spaces-\\d+");
    // Octopus.Client (the official .NET client) waits up to 60 s for a server that answers 503 while starting.
    private static final Duration STARTUP_BUDGET = Duration.ofSeconds(60);
    private static final Duration STARTING_PAUSE = Duration.ofMillis(500);

    private final HttpClient http;
    private final JsonHttp json;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final String serverVersion;
    private final Capabilities capabilities;
    private final boolean spaceScopedLinks;
    private final KnownServers.Server answers;

    private OctopusClient(
            HttpClient http,
            JsonHttp json,
            Clock clock,
            Consumer<String> warnings,
            KnownServers.Server answers,
            KnownServers.Root root) {
        this.http = http;
        this.json = json;
        this.warnings = warnings;
        this.answers = answers;
        this.serverVersion = root.version;
        this.capabilities = root.capabilities;
        this.spaceScopedLinks = root.spaceScopedLinks;
        this.clock = clock;
    }

    /**
     * Reads the root document ({@code GET /api}, retried while the server is starting or briefly unreachable),
     * checks the API version and records the server's capabilities. {@code warnings} hears of retries.
     */
    public static OctopusClient connect(
            ServerSettings settings, Sleeper sleeper, Clock clock, Consumer<String> warnings) throws OctopusException {
        return connect(settings, sleeper, clock, warnings, new KnownServers());
    }

    /**
     * As {@link #connect(ServerSettings, Sleeper, Clock, Consumer)}, but the root document and the spaces are asked
     * for only if no earlier connection through {@code known} to the same server with the same credential has asked
     * already: share one {@code known} between the connections of one build.
     */
    public static OctopusClient connect(
            ServerSettings settings, Sleeper sleeper, Clock clock, Consumer<String> warnings, KnownServers known)
            throws OctopusException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(warnings, "warnings");
        KnownServers.Server answers = Objects.requireNonNull(known, "known").of(settings);
        HttpClient http = Transport.build(settings);
        try {
            Failures failures = new Failures(settings, clock);
            OidcSession oidc = settings.credential().isOidc()
                    ? new OidcSession(http, settings, clock, failures, warnings, answers.oidcTokens)
                    : null;
            JsonHttp json = new JsonHttp(http, settings, sleeper, failures, oidc);
            KnownServers.Root root = answers.root(() -> readRoot(json, warnings));
            return new OctopusClient(http, json, clock, warnings, answers, root);
        } catch (OctopusException | RuntimeException e) {
            Transport.close(http);
            throw e;
        }
    }

    private static KnownServers.Root readRoot(JsonHttp json, Consumer<String> warnings) throws OctopusException {
        JsonNode root = loadRoot(json, warnings);
        String server = json.settings().serverUrl().toString();
        String apiVersion = Json.text(root, "ApiVersion").orElse("");
        String version = Json.text(root, "Version").orElse("unknown");
        if (!apiVersion.equals("3.0") && !apiVersion.startsWith("3.0.")) {
            throw new OctopusException(
                    OctopusException.Kind.UNSUPPORTED_SERVER,
                    "Octopus at " + server + " (version " + version + ") speaks an unsupported API version '"
                            + apiVersion + "'; this plugin supports API 3.0.x (Octopus 2018 and newer)");
        }
        // Space-scoped links (PackageUpload, ...) appear in the root document only if a default space exists.
        boolean spaceScopedLinks = Json.field(root, "Links")
                .flatMap(links -> Json.text(links, "PackageUpload"))
                .isPresent();
        return new KnownServers.Root(version, capabilitiesOf(root), spaceScopedLinks);
    }

    private static JsonNode loadRoot(JsonHttp json, Consumer<String> warnings) throws OctopusException {
        ServerSettings settings = json.settings();
        String server = settings.serverUrl().toString();
        String action = "Connecting to Octopus at " + server;
        HttpRequest request =
                json.request("/api", settings.requestTimeout()).GET().build();
        RetryPolicy policy = settings.retryPolicy();
        boolean retries = policy.maxAttempts() > 1;
        int unreachable = 0;
        Duration waited = Duration.ZERO;
        Duration waitedUnreachable = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<byte[]> response = json.send(request, HttpResponse.BodyHandlers.ofByteArray(), action);
                return rootDocument(json, response, action);
            } catch (OctopusException e) {
                int status = e.status().orElse(0);
                Duration pause;
                if (status == 503) {
                    pause = e.retryAfter().orElse(STARTING_PAUSE);
                } else if (e.retryable()) {
                    // Unreachable, or a gateway that cannot reach it (a restart): the policy's backoff and window.
                    Optional<Duration> next = policy.pauseBefore(++unreachable + 1, e.retryAfter(), waitedUnreachable);
                    if (next.isEmpty()) {
                        throw attempt > 1 ? Failures.exhausted(e, attempt) : e;
                    }
                    pause = next.get();
                    waitedUnreachable = waitedUnreachable.plus(pause);
                } else {
                    throw e;
                }
                if (!retries || waited.plus(pause).compareTo(STARTUP_BUDGET) > 0) {
                    throw Failures.exhausted(e, attempt);
                }
                warnings.accept(e.getMessage() + "; retrying in " + JsonHttp.describe(pause));
                json.pause(pause, action);
                waited = waited.plus(pause);
            }
        }
    }

    private static JsonNode rootDocument(JsonHttp json, HttpResponse<byte[]> response, String action)
            throws OctopusException {
        String server = json.settings().serverUrl().toString();
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").orElse("(no Location header)");
            throw new OctopusException(
                    OctopusException.Kind.VALIDATION,
                    action + " failed: GET /api was redirected (HTTP " + status + ") to " + stripQuery(location)
                            + ". Set the server URL to the address the redirect points to");
        }
        if (status == 404) {
            throw json.failures()
                    .fromResponse(
                            action,
                            status,
                            response.headers(),
                            response.body(),
                            s -> "There is no Octopus API at " + server
                                    + "/api; check the server URL and any virtual directory");
        }
        if (status < 200 || status >= 300) {
            throw json.failures().fromResponse(action, status, response.headers(), response.body(), null);
        }
        Optional<JsonNode> root = Json.parse(response.body()).filter(JsonNode::isObject);
        if (root.isEmpty() || Json.field(root.get(), "Links").isEmpty()) {
            throw new OctopusException(
                    OctopusException.Kind.UNSUPPORTED_SERVER,
                    action + " failed: GET " + server + "/api did not return an Octopus root document ("
                            + Failures.serverText(response.headers(), response.body())
                            + "). Check that the server URL points to Octopus Deploy");
        }
        return root.get();
    }

    private static String stripQuery(String location) {
        int query = location.indexOf('?');
        return query < 0 ? location : location.substring(0, query);
    }

    private static Capabilities capabilitiesOf(JsonNode document) {
        JsonNode links = Json.field(document, "Links").orElse(null);
        boolean spaces = Json.text(links, "Spaces").isPresent();
        Optional<String> upload = Json.text(links, "PackageUpload");
        return new Capabilities(
                spaces,
                upload.map(t -> t.contains("overwriteMode")).orElse(spaces),
                Json.text(links, "BuildInformation").isPresent(),
                Json.text(links, "PackageDeltaSignature").isPresent());
    }

    /** The server's version as it reports it, e.g. {@code 2024.1.100}. */
    public String serverVersion() {
        return serverVersion;
    }

    /** Capabilities read from the root document (for the default space). */
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The normalised application base URL. */
    public String serverUrl() {
        return json.settings().serverUrl().toString();
    }

    /**
     * Finds the space to work in: {@code Spaces-N} is taken as an id, anything else as a name (case-insensitive);
     * empty means the server's default space. A server without spaces yields its single implicit space. Asked once
     * per question for all the connections that share this one's {@link KnownServers}.
     */
    public Space resolveSpace(Optional<String> spaceIdOrName) throws OctopusException {
        Optional<String> wanted = spaceIdOrName.map(String::trim).filter(s -> !s.isEmpty());
        return answers.space(wanted.orElse(""), () -> resolve(wanted));
    }

    private Space resolve(Optional<String> wanted) throws OctopusException {
        String server = serverUrl();
        if (!capabilities.spaces()) {
            if (wanted.isPresent()
                    && !wanted.get().equalsIgnoreCase("Spaces-1")
                    && !wanted.get().equalsIgnoreCase("Default")) {
                throw new OctopusException(
                        OctopusException.Kind.UNSUPPORTED_SERVER,
                        "Octopus at " + server + " (version " + serverVersion + ") has no spaces (they came with"
                                + " 2019.1), so space '" + wanted.get() + "' cannot be used; remove the space setting");
            }
            return new Space(
                    "", "Default", server + "/app#/", true, capabilities.overwriteMode(), capabilities.deltaUpload());
        }
        JsonNode found;
        if (wanted.isPresent() && SPACE_ID.matcher(wanted.get()).matches()) {
            String id = wanted.get();
            Optional<JsonNode> byId = json.find(
                    "/api/spaces/" + Segments.encode(id), "Looking up space " + id + " on " + server, warnings);
            if (byId.isEmpty()) {
                throw new OctopusException(
                        OctopusException.Kind.NOT_FOUND,
                        "cannot find space '" + id + "' on " + server + knownSpaces(Optional.empty()));
            }
            found = byId.get();
        } else {
            JsonNode all = json.get("/api/spaces/all", "Listing the spaces of " + server, warnings);
            Optional<JsonNode> match = Optional.empty();
            List<String> matches = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (JsonNode space : all) {
                boolean hit = wanted.isPresent()
                        ? wanted.get().equalsIgnoreCase(Json.text(space, "Name").orElse(""))
                                || wanted.get()
                                        .equalsIgnoreCase(
                                                Json.text(space, "Slug").orElse(""))
                        : Json.bool(space, "IsDefault");
                if (hit) {
                    match = match.isPresent() ? match : Optional.of(space);
                    matches.add(Json.text(space, "Name").orElse("?") + " ("
                            + Json.text(space, "Id").orElse("?") + ")");
                    ids.add(Json.text(space, "Id").orElse("?"));
                }
            }
            // One space's name can be another's slug ("Team B" has slug "team-b"); pushing into a guess is worse
            // than failing.
            if (wanted.isPresent() && matches.size() > 1) {
                throw new OctopusException(
                        OctopusException.Kind.VALIDATION,
                        "Space '" + wanted.get() + "' is ambiguous on " + server + ": it names "
                                + String.join(" and ", matches) + "; set the space by its id ("
                                + String.join(" or ", ids)
                                + ") instead");
            }
            if (match.isEmpty()) {
                String message = wanted.isPresent()
                        ? "cannot find space '" + wanted.get() + "' on " + server
                        : "No space was given and Octopus at " + server + " has no default space; set the space";
                throw new OctopusException(OctopusException.Kind.NOT_FOUND, message + knownSpaces(Optional.of(all)));
            }
            found = match.get();
        }
        String id = Json.text(found, "Id")
                .orElseThrow(() -> new OctopusException(
                        OctopusException.Kind.SERVER, "Octopus at " + server + " returned a space without an Id"));
        String name = Json.text(found, "Name").orElse(id);
        boolean overwriteMode = capabilities.overwriteMode();
        boolean deltaUpload = capabilities.deltaUpload();
        if (!spaceScopedLinks) {
            // Without a default space the root document carries no space-scoped links; ask the space itself.
            JsonNode home =
                    json.get("/api/" + Segments.encode(id), "Reading space " + name + " on " + server, warnings);
            overwriteMode = capabilitiesOf(home).overwriteMode();
            deltaUpload = capabilitiesOf(home).deltaUpload();
        }
        return new Space(id, name, server + "/app#/" + id, false, overwriteMode, deltaUpload);
    }

    private String knownSpaces(Optional<JsonNode> listed) {
        List<String> names = new ArrayList<>();
        try {
            JsonNode all = listed.isPresent()
                    ? listed.get()
                    : json.get("/api/spaces/all", "Listing the spaces of " + serverUrl(), warnings);
            for (JsonNode space : all) {
                names.add(Json.text(space, "Name").orElse("?") + " ("
                        + Json.text(space, "Id").orElse("?") + ")");
            }
        } catch (OctopusException e) {
            return "";
        }
        return names.isEmpty()
                ? "; this API key can see no spaces"
                : "; the spaces this API key can see are " + String.join(", ", names);
    }

    /** The JSON plumbing, for the features built on this connection (feed, build information). */
    public JsonHttp json() {
        return json;
    }

    /** Where warnings go: retry notices and anything a feature wants the user to know without failing. */
    public Consumer<String> warnings() {
        return warnings;
    }

    /** The clock the connection was made with. */
    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        Transport.close(http);
    }

    @Override
    public String toString() {
        return "OctopusClient[" + serverUrl() + ", version " + serverVersion + ", " + capabilities + "]";
    }
}

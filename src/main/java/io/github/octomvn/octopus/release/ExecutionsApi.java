package io.github.octomvn.octopus.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.JsonHttp;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.Segments;
import io.github.octomvn.octopus.client.Space;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The calls releases and deployments need, in one space of one connection: the executions API (§7.1:
 * {@code releases/create/v1}, {@code deployments/create/*}{@code /v1}), the classic lookups used to verify after an
 * ambiguous failure (projects, releases, deployments, environments, tenants) and the tasks (get, cancel, raw log).
 */
public final class ExecutionsApi {

    /** The first Octopus version with the executions API (TS {@code versionCheck.ts}). */
    public static final String MINIMUM_VERSION = "2022.3.5512";

    private static final int[] MINIMUM = {2022, 3, 5512};
    private static final Pattern PROJECT_ID = Pattern.compile("(?i)Projects-\\d+");

    private final OctopusClient client;
    private final Space space;
    private final JsonHttp json;
    private final Consumer<String> warnings;

    public ExecutionsApi(OctopusClient client, Space space) {
        this.client = client;
        this.space = space;
        this.json = client.json();
        this.warnings = client.warnings();
    }

    /** True for {@value #MINIMUM_VERSION} and later, and for local builds that report {@code 0.0.0}. */
    public static boolean supports(String serverVersion) {
        return atLeast(serverVersion, MINIMUM);
    }

    /** Whether {@code serverVersion} is at least {@code minimum} (major, minor, build); {@code 0.0.0*} always is. */
    static boolean atLeast(String serverVersion, int... minimum) {
        if (serverVersion.startsWith("0.0.0")) {
            return true;
        }
        String[] parts = serverVersion.split("[.+-]");
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

    String serverVersion() {
        return client.serverVersion();
    }

    /** Fails with one clear line when the server is older than the executions API. */
    public void requireExecutionsApi(String what) throws OctopusException {
        if (space.isLegacy() || !supports(client.serverVersion())) {
            throw new OctopusException(
                    OctopusException.Kind.UNSUPPORTED_SERVER,
                    what + " needs Octopus " + MINIMUM_VERSION + " or newer (the executions API), but "
                            + client.serverUrl() + " runs " + client.serverVersion()
                            + ". Upgrade Octopus, or create releases and deployments in its web UI");
        }
    }

    public Space space() {
        return space;
    }

    public String serverUrl() {
        return client.serverUrl();
    }

    OctopusClient client() {
        return client;
    }

    Consumer<String> warnings() {
        return warnings;
    }

    JsonHttp json() {
        return json;
    }

    String prefix() {
        return space.apiPrefix();
    }

    /** A link the server returned ({@code /app#/Spaces-1/tasks/ServerTasks-1}) as an absolute URL. */
    String absolute(String link) {
        return URI.create(client.serverUrl() + "/").resolve(link).toString();
    }

    // ---------------------------------------------------------------------------------------------- POST

    /**
     * POSTs once; the failure keeps its transport facts (retryable, may have reached the server), so that the
     * caller decides what a retry needs.
     */
    JsonNode postOnce(String path, Object body, String action, IntFunction<String> hints) throws OctopusException {
        byte[] bytes = Json.bytes(body);
        HttpRequest request = json.request(path, json.settings().requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        HttpResponse<byte[]> response = json.send(request, HttpResponse.BodyHandlers.ofByteArray(), action);
        return jsonOf(response, action, hints);
    }

    private JsonNode jsonOf(HttpResponse<byte[]> response, String action, IntFunction<String> hints)
            throws OctopusException {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw json.failures().fromResponse(action, status, response.headers(), response.body(), hints);
        }
        return Json.parse(response.body())
                .orElseThrow(() -> new OctopusException(
                        OctopusException.Kind.SERVER,
                        action + " failed: HTTP " + status + " with a body that is not JSON ("
                                + io.github.octomvn.octopus.client.Failures.serverText(
                                        response.headers(), response.body())
                                + ")"));
    }

    // ---------------------------------------------------------------------------------------------- lookups

    /** The project by ID, exact name (case-insensitive) or slug; empty when none matches. */
    Optional<JsonNode> findProject(String project) throws OctopusException {
        String action = "Looking up project " + project + " in " + space.describe();
        if (PROJECT_ID.matcher(project).matches()) {
            return json.find(prefix() + "/projects/" + Segments.encode(project), action, warnings);
        }
        JsonNode page = json.get(prefix() + "/projects?name=" + query(project) + "&take=2147483647", action, warnings);
        for (JsonNode item : items(page)) {
            if (project.equalsIgnoreCase(Json.text(item, "Name").orElse(""))) {
                return Optional.of(item);
            }
        }
        return json.find(prefix() + "/projects/" + Segments.encode(project), action, warnings);
    }

    /** The release of this project and version; empty when there is none. */
    Optional<JsonNode> findRelease(JsonNode project, String version) throws OctopusException {
        String projectId = Json.text(project, "Id").orElse("");
        return json.find(
                prefix() + "/projects/" + Segments.encode(projectId) + "/releases/" + Segments.encode(version),
                "Looking up release " + version + " of "
                        + Json.text(project, "Name").orElse(projectId),
                warnings);
    }

    /**
     * The packages of the project's release template, {@code <action>[/<reference>]} to package ID; empty when the
     * server has none to give (a version-controlled project).
     */
    Optional<Map<String, String>> templatePackages(JsonNode project, Optional<String> channelId)
            throws OctopusException {
        Optional<String> processId = Json.text(project, "DeploymentProcessId");
        if (processId.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> template = json.find(
                prefix() + "/deploymentprocesses/" + Segments.encode(processId.get()) + "/template"
                        + channelId.map(c -> "?channel=" + query(c)).orElse(""),
                "Reading the release template of " + Json.text(project, "Name").orElse("the project"),
                warnings);
        if (template.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> packages = new LinkedHashMap<>();
        for (JsonNode item : Json.field(template.get(), "Packages").orElse(Json.array())) {
            packages.put(
                    stepKey(
                            Json.text(item, "ActionName").orElse(""),
                            Json.text(item, "PackageReferenceName").orElse("")),
                    Json.text(item, "PackageId").orElse("?"));
        }
        return Optional.of(packages);
    }

    static String stepKey(String actionName, String referenceName) {
        return referenceName.isEmpty() ? actionName : actionName + "/" + referenceName;
    }

    /** The deployments of a release, newest first. */
    List<JsonNode> releaseDeployments(String releaseId) throws OctopusException {
        JsonNode page = json.get(
                prefix() + "/releases/" + Segments.encode(releaseId) + "/deployments?take=2147483647",
                "Listing the deployments of " + releaseId,
                warnings);
        return items(page);
    }

    /** Environment or tenant names by ID ({@code environments/all}, {@code tenants/all}). */
    Map<String, String> names(String collection) throws OctopusException {
        JsonNode all = json.get(prefix() + "/" + collection + "/all", "Listing the " + collection, warnings);
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode item : all) {
            names.put(Json.text(item, "Id").orElse(""), Json.text(item, "Name").orElse(""));
        }
        return names;
    }

    // ---------------------------------------------------------------------------------------------- tasks

    /** One poll of a task, retried when the server or the network stumbles. */
    TaskSnapshot task(String taskId) throws OctopusException {
        JsonNode task = json.get(prefix() + "/tasks/" + Segments.encode(taskId), "Reading task " + taskId, warnings);
        return TaskSnapshot.of(task, this);
    }

    /** Asks the server to cancel a task. */
    void cancel(String taskId) throws OctopusException {
        json.post(
                prefix() + "/tasks/" + Segments.encode(taskId) + "/cancel",
                Json.object(),
                "Cancelling task " + taskId,
                warnings,
                status -> status == 403
                        ? "Cancelling needs the TaskCancel permission; cancel the task in the Octopus web UI"
                        : null);
    }

    /** The plain-text log of a task. */
    String rawLog(String taskId) throws OctopusException {
        String action = "Reading the log of task " + taskId;
        return json.retrying(action, warnings, attempt -> {
            HttpRequest request = json.request(
                            prefix() + "/tasks/" + Segments.encode(taskId) + "/raw",
                            json.settings().requestTimeout())
                    .GET()
                    .build();
            HttpResponse<byte[]> response = json.send(request, HttpResponse.BodyHandlers.ofByteArray(), action);
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                throw json.failures()
                        .fromResponse(action, response.statusCode(), response.headers(), response.body(), null);
            }
            return new String(response.body(), StandardCharsets.UTF_8);
        });
    }

    static List<JsonNode> items(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode list = page.isArray() ? page : Json.field(page, "Items").orElse(null);
        if (list != null && list.isArray()) {
            list.forEach(items::add);
        }
        return items;
    }

    /** {@code POST <path>} and the pretty-printed body, as a dry run shows a request. */
    static String describePost(String path, JsonNode body) {
        return "POST " + path + "\n" + Json.indented(body);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package io.github.octomvn.octopus.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.OctopusException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deploys a release through the executions API. A deployment request is never sent twice: after an ambiguous
 * failure (no answer, a dropped connection) the deployments of the release are listed, and the ones the request
 * created (those to the requested environments that were not there before) are waited on instead.
 */
public final class Deployer {

    private final ExecutionsApi api;

    /** What a dry run shows instead of a variable's value. */
    static final String MASK = "****";

    public Deployer(ExecutionsApi api) {
        this.api = api;
    }

    /**
     * Asks the server for the deployments and returns them with their tasks, in the order the server gave.
     *
     * @throws OctopusException before Octopus 2022.3.5512, as the server answered, or when an ambiguous failure
     *     leaves it unknown whether the deployments were created
     */
    public List<QueuedDeployment> deploy(DeploymentRequest request) throws OctopusException {
        api.requireExecutionsApi("Deploying a release");
        String what = request.project() + " " + request.releaseVersion() + " to "
                + String.join(", ", request.environments())
                + (request.tenanted() ? " (tenanted)" : "");
        Optional<String> releaseId = releaseId(request);
        Optional<Set<String>> before = releaseId.flatMap(this::deploymentIds);
        String action = "Deploying " + what;
        JsonNode answer;
        try {
            answer = api.json()
                    .post(
                            path(request),
                            body(request, false),
                            action,
                            api.warnings(),
                            status -> status == 403
                                    ? "Deploying needs the DeploymentCreate permission for these environments; ask an"
                                            + " Octopus administrator to grant it to the user or service account of"
                                            + " this API key"
                                    : null);
        } catch (OctopusException e) {
            if (!e.mayHaveReachedServer()) {
                throw e;
            }
            return recover(request, e, releaseId, before);
        }
        List<String[]> created = new ArrayList<>();
        JsonNode tasks = Json.field(answer, "DeploymentServerTasks").orElse(Json.array());
        for (JsonNode item : tasks) {
            created.add(new String[] {
                Json.text(item, "DeploymentId").orElse("?"),
                Json.text(item, "ServerTaskId").orElse("?")
            });
        }
        if (created.isEmpty()) {
            throw new OctopusException(
                    OctopusException.Kind.SERVER,
                    action + " failed: the server answered without any deployment (" + Json.compact(answer) + ")");
        }
        return label(request, releaseId.or(() -> quietly(() -> releaseId(request))), created);
    }

    /**
     * The request {@link #deploy} would send, as {@code POST <path>} and the JSON body with every variable value
     * shown as {@value #MASK}, for a dry run: reads the server version and sends nothing.
     */
    public String plan(DeploymentRequest request) throws OctopusException {
        api.requireExecutionsApi("Deploying a release");
        return ExecutionsApi.describePost(path(request), body(request, true));
    }

    private String path(DeploymentRequest request) {
        return api.prefix() + "/deployments/create/" + (request.tenanted() ? "tenanted" : "untenanted") + "/v1";
    }

    private ObjectNode body(DeploymentRequest request, boolean masked) {
        ObjectNode body = Json.object();
        body.put("SpaceId", api.space().id());
        body.put("SpaceIdOrName", api.space().id());
        body.put("ProjectName", request.project());
        body.put("ReleaseVersion", request.releaseVersion());
        if (request.tenanted()) {
            body.put("EnvironmentName", request.environments().get(0));
            strings(body.putArray("Tenants"), request.tenants());
            strings(body.putArray("TenantTags"), request.tenantTags());
        } else {
            strings(body.putArray("EnvironmentNames"), request.environments());
        }
        body.put("ForcePackageDownload", request.forcePackageDownload());
        body.put("UpdateVariableSnapshot", request.updateVariableSnapshot());
        strings(body.putArray("SpecificMachineNames"), request.specificMachines());
        strings(body.putArray("ExcludedMachineNames"), request.excludedMachines());
        strings(body.putArray("SkipStepNames"), request.skipSteps());
        request.guidedFailure().ifPresent(on -> body.put("UseGuidedFailure", on));
        request.deployAt().ifPresent(at -> body.put("RunAt", at.toString()));
        request.noDeployAfter().ifPresent(at -> body.put("NoRunAfter", at.toString()));
        if (!request.variables().isEmpty()) {
            ObjectNode variables = body.putObject("Variables");
            request.variables().forEach((name, value) -> variables.put(name, masked ? MASK : value));
        }
        return body;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** The release's ID, when the key may read it; the create request gets the server's words for a missing one. */
    private Optional<String> releaseId(DeploymentRequest request) throws OctopusException {
        try {
            Optional<JsonNode> project = api.findProject(request.project());
            if (project.isEmpty()) {
                return Optional.empty();
            }
            return api.findRelease(project.get(), request.releaseVersion()).flatMap(r -> Json.text(r, "Id"));
        } catch (OctopusException e) {
            if (e.kind() == OctopusException.Kind.PERMISSION) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<Set<String>> deploymentIds(String releaseId) {
        return quietly(() -> Optional.of(api.releaseDeployments(releaseId).stream()
                .map(d -> Json.text(d, "Id").orElse(""))
                .collect(Collectors.toCollection(HashSet::new))));
    }

    /** After an ambiguous failure: the deployments the request created, or a failure that says what is unknown. */
    private List<QueuedDeployment> recover(
            DeploymentRequest request,
            OctopusException failure,
            Optional<String> releaseId,
            Optional<Set<String>> before)
            throws OctopusException {
        String unknown = failure.getMessage() + ". Whether Octopus created the deployment could not be checked"
                + " (the key may lack DeploymentView or EnvironmentView): look at the release's deployments in"
                + " Octopus before deploying again";
        if (releaseId.isEmpty() || before.isEmpty()) {
            throw new OctopusException(failure.kind(), unknown, failure.status().orElse(0), false, true, null, failure);
        }
        List<JsonNode> after;
        Map<String, String> environments;
        Map<String, String> tenants;
        try {
            after = api.releaseDeployments(releaseId.get());
            environments = api.names("environments");
            tenants = request.tenanted() ? api.names("tenants") : Collections.emptyMap();
        } catch (OctopusException e) {
            throw new OctopusException(failure.kind(), unknown, failure.status().orElse(0), false, true, null, e);
        }
        List<String[]> created = new ArrayList<>();
        for (JsonNode deployment : after) {
            String id = Json.text(deployment, "Id").orElse("");
            String environment = environments.getOrDefault(
                    Json.text(deployment, "EnvironmentId").orElse(""), "");
            boolean wanted = request.environments().stream()
                    .anyMatch(e -> e.equalsIgnoreCase(environment)
                            || e.equalsIgnoreCase(
                                    Json.text(deployment, "EnvironmentId").orElse("")));
            if (!before.get().contains(id) && wanted) {
                created.add(new String[] {id, Json.text(deployment, "TaskId").orElse("?")});
            }
        }
        if (created.isEmpty()) {
            throw new OctopusException(
                    failure.kind(),
                    failure.getMessage() + ". Octopus holds no new deployment of " + request.project() + " "
                            + request.releaseVersion() + " to " + String.join(", ", request.environments())
                            + ", so none was created: deploy again",
                    failure.status().orElse(0),
                    false,
                    true,
                    null,
                    failure);
        }
        // Newest first on the server; the request's order reads better.
        Collections.reverse(created);
        api.warnings()
                .accept(failure.getMessage() + "; Octopus did create "
                        + created.stream().map(c -> c[0]).collect(Collectors.joining(", "))
                        + ", which this build now waits on instead of deploying again");
        return label(request, releaseId, created);
    }

    /** Puts environment (and tenant) names on the deployments; IDs or the request's order when names are hidden. */
    private List<QueuedDeployment> label(
            DeploymentRequest request, Optional<String> releaseId, List<String[]> created) {
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        Map<String, String> environments = Collections.emptyMap();
        Map<String, String> tenants = Collections.emptyMap();
        boolean single = !request.tenanted() && request.environments().size() == 1;
        if (!single && releaseId.isPresent()) {
            Optional<List<JsonNode>> listed = quietly(() -> Optional.of(api.releaseDeployments(releaseId.get())));
            listed.ifPresent(list ->
                    list.forEach(d -> byId.put(Json.text(d, "Id").orElse(""), d)));
            environments = quietly(() -> Optional.of(api.names("environments"))).orElse(Collections.emptyMap());
            if (request.tenanted()) {
                tenants = quietly(() -> Optional.of(api.names("tenants"))).orElse(Collections.emptyMap());
            }
        }
        List<QueuedDeployment> result = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            String deploymentId = created.get(i)[0];
            String taskId = created.get(i)[1];
            JsonNode resource = byId.get(deploymentId);
            String environment;
            String tenant = null;
            if (single || request.tenanted()) {
                environment = request.environments().get(0);
            } else if (resource != null) {
                String environmentId = Json.text(resource, "EnvironmentId").orElse("?");
                environment = environments.getOrDefault(environmentId, environmentId);
            } else {
                environment = created.size() == request.environments().size()
                        ? request.environments().get(i)
                        : taskId;
            }
            if (request.tenanted()) {
                String tenantId = resource == null
                        ? null
                        : Json.text(resource, "TenantId").orElse(null);
                tenant = tenantId == null ? deploymentId : tenants.getOrDefault(tenantId, tenantId);
            }
            result.add(new QueuedDeployment(deploymentId, taskId, environment, tenant));
        }
        return result;
    }

    /** A lookup that may fail: its value, or empty. */
    private interface Call<T> {
        Optional<T> run() throws OctopusException;
    }

    private static <T> Optional<T> quietly(Call<T> call) {
        try {
            return call.run();
        } catch (OctopusException e) {
            return Optional.empty();
        }
    }
}

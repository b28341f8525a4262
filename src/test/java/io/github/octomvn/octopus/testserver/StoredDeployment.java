package io.github.octomvn.octopus.testserver;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A deployment the test server holds: which release went to which environment (and tenant), under which task. */
public final class StoredDeployment {

    private final String id;
    private final String spaceId;
    private final String releaseId;
    private final String releaseVersion;
    private final String projectId;
    private final String channelId;
    private final String environmentId;
    private final String environmentName;
    private final String tenantId;
    private final String tenantName;
    private final String taskId;
    private final Map<String, String> variables;
    private final String request;
    private final Instant created;

    StoredDeployment(
            String id,
            String spaceId,
            StoredRelease release,
            String environmentId,
            String environmentName,
            String tenantId,
            String tenantName,
            String taskId,
            Map<String, String> variables,
            String request,
            Instant created) {
        this.id = id;
        this.spaceId = spaceId;
        this.releaseId = release.id();
        this.releaseVersion = release.version();
        this.projectId = release.projectId();
        this.channelId = release.channelId();
        this.environmentId = environmentId;
        this.environmentName = environmentName;
        this.tenantId = tenantId;
        this.tenantName = tenantName;
        this.taskId = taskId;
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        this.request = request;
        this.created = created;
    }

    public String id() {
        return id;
    }

    public String spaceId() {
        return spaceId;
    }

    public String releaseId() {
        return releaseId;
    }

    public String releaseVersion() {
        return releaseVersion;
    }

    public String projectId() {
        return projectId;
    }

    public String channelId() {
        return channelId;
    }

    public String environmentId() {
        return environmentId;
    }

    public String environmentName() {
        return environmentName;
    }

    public Optional<String> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    public Optional<String> tenantName() {
        return Optional.ofNullable(tenantName);
    }

    public String taskId() {
        return taskId;
    }

    /** The prompted variable values the request carried. */
    public Map<String, String> variables() {
        return variables;
    }

    /** The JSON body of the create request, as sent. */
    public String request() {
        return request;
    }

    public Instant created() {
        return created;
    }

    @Override
    public String toString() {
        return id + " " + releaseVersion + " to " + environmentName + (tenantName == null ? "" : " for " + tenantName)
                + " (" + taskId + ")";
    }
}

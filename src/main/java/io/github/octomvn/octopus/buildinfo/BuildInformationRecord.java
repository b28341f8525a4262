package io.github.octomvn.octopus.buildinfo;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.octomvn.octopus.client.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Build information as Octopus stores it for one package ID and version (the resource {@code GET .../build-information} lists): the
 * {@link BuildInformation} that was sent, and what the server adds to it.
 */
public final class BuildInformationRecord {

    private final String id;
    private final String packageId;
    private final String version;
    private final BuildInformation buildInformation;
    private final String created;

    private BuildInformationRecord(JsonNode node, String packageId, String version) {
        this.id = Json.text(node, "Id").orElse("");
        this.packageId = Json.text(node, "PackageId").orElse(packageId);
        this.version = Json.text(node, "Version").orElse(version);
        BuildInformation.Builder info = BuildInformation.builder();
        // Octopus requires BuildEnvironment, so a record without one keeps the builder's default
        copy(node, "BuildEnvironment", info::buildEnvironment);
        copy(node, "BuildNumber", info::buildNumber);
        copy(node, "BuildUrl", info::buildUrl);
        copy(node, "Branch", info::branch);
        copy(node, "VcsType", info::vcsType);
        copy(node, "VcsRoot", info::vcsRoot);
        copy(node, "VcsCommitNumber", info::vcsCommitNumber);
        List<Commit> commits = new ArrayList<>();
        Json.field(node, "Commits")
                .filter(JsonNode::isArray)
                .ifPresent(array -> array.forEach(c -> {
                    Optional<String> commitId = Json.text(c, "Id");
                    // A commit without an id cannot be linked or compared; Octopus never stores one from this plugin.
                    commitId.ifPresent(i -> commits.add(new Commit(
                            i,
                            Json.field(c, "Comment")
                                    .filter(v -> v.isValueNode() && !v.isNull())
                                    .map(JsonNode::asText)
                                    .orElse(""))));
                }));
        this.buildInformation = info.commits(commits).build();
        this.created = Json.text(node, "Created").orElse(null);
    }

    private BuildInformationRecord(String packageId, String version, BuildInformation buildInformation) {
        this.id = "";
        this.packageId = packageId;
        this.version = version;
        this.buildInformation = buildInformation;
        this.created = null;
    }

    /** What was sent, standing in for a record a server stored without returning it (no id). */
    static BuildInformationRecord sent(String packageId, String version, BuildInformation buildInformation) {
        return new BuildInformationRecord(
                Objects.requireNonNull(packageId, "packageId"),
                Objects.requireNonNull(version, "version"),
                Objects.requireNonNull(buildInformation, "buildInformation"));
    }

    /** A blank field reads as absent, as Octopus shows it. */
    private static void copy(JsonNode node, String field, Consumer<String> into) {
        Json.text(node, field).filter(v -> !v.isBlank()).ifPresent(into);
    }

    /** Reads a record; {@code packageId} and {@code version} stand in for fields the server left out. */
    static BuildInformationRecord of(JsonNode node, String packageId, String version) {
        return new BuildInformationRecord(
                Objects.requireNonNull(node, "node"),
                Objects.requireNonNull(packageId, "packageId"),
                Objects.requireNonNull(version, "version"));
    }

    /** The server's id, e.g. {@code BuildInformation-12}; empty if the server did not say. */
    public String id() {
        return id;
    }

    public String packageId() {
        return packageId;
    }

    /** The version as the server echoes it (as first sent). */
    public String version() {
        return version;
    }

    /**
     * What was recorded: branch, build, repository, the commit built (the anchor of the next build's commit
     * range) and the commits in the server's order (the plugin sends newest first).
     */
    public BuildInformation buildInformation() {
        return buildInformation;
    }

    /** When Octopus first stored the record, as the server wrote it (ISO-8601), if it said. */
    public Optional<String> created() {
        return Optional.ofNullable(created);
    }

    @Override
    public String toString() {
        return "BuildInformationRecord[" + (id.isEmpty() ? "" : id + " ") + packageId + " " + version + ", commit "
                + buildInformation.vcsCommitNumber().orElse(null) + ", "
                + buildInformation.commits().size()
                + " commits]";
    }
}

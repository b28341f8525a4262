package io.github.octomvn.octopus.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.octomvn.octopus.buildinfo.Commit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Build information as Octopus stores it for one package ID and version (the mapped resource of §6.3). */
public final class BuildInformationRecord {

    private final String id;
    private final String packageId;
    private final String version;
    private final String buildEnvironment;
    private final String buildNumber;
    private final String buildUrl;
    private final String branch;
    private final String vcsType;
    private final String vcsRoot;
    private final String vcsCommitNumber;
    private final List<Commit> commits;
    private final String created;

    private BuildInformationRecord(JsonNode node, String packageId, String version) {
        this.id = Json.text(node, "Id").orElse("");
        this.packageId = Json.text(node, "PackageId").orElse(packageId);
        this.version = Json.text(node, "Version").orElse(version);
        this.buildEnvironment = Json.text(node, "BuildEnvironment").orElse(null);
        this.buildNumber = Json.text(node, "BuildNumber").orElse(null);
        this.buildUrl = Json.text(node, "BuildUrl").orElse(null);
        this.branch = Json.text(node, "Branch").orElse(null);
        this.vcsType = Json.text(node, "VcsType").orElse(null);
        this.vcsRoot = Json.text(node, "VcsRoot").orElse(null);
        this.vcsCommitNumber = Json.text(node, "VcsCommitNumber").orElse(null);
        List<Commit> list = new ArrayList<>();
        Json.field(node, "Commits")
                .filter(JsonNode::isArray)
                .ifPresent(array -> array.forEach(c -> {
                    Optional<String> commitId = Json.text(c, "Id");
                    // A commit without an id cannot be linked or compared; Octopus never stores one from this plugin.
                    commitId.ifPresent(i -> list.add(new Commit(
                            i,
                            Json.field(c, "Comment")
                                    .filter(v -> v.isValueNode() && !v.isNull())
                                    .map(JsonNode::asText)
                                    .orElse(""))));
                }));
        this.commits = List.copyOf(list);
        this.created = Json.text(node, "Created").orElse(null);
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

    public Optional<String> buildEnvironment() {
        return Optional.ofNullable(buildEnvironment);
    }

    public Optional<String> buildNumber() {
        return Optional.ofNullable(buildNumber);
    }

    public Optional<String> buildUrl() {
        return Optional.ofNullable(buildUrl);
    }

    public Optional<String> branch() {
        return Optional.ofNullable(branch);
    }

    public Optional<String> vcsType() {
        return Optional.ofNullable(vcsType);
    }

    public Optional<String> vcsRoot() {
        return Optional.ofNullable(vcsRoot);
    }

    /** The commit that was built: the anchor of the next build's commit range. */
    public Optional<String> vcsCommitNumber() {
        return Optional.ofNullable(vcsCommitNumber);
    }

    /** The commits as stored, in the server's order (the plugin sends newest first). */
    public List<Commit> commits() {
        return commits;
    }

    /** When Octopus first stored the record, as the server wrote it (ISO-8601), if it said. */
    public Optional<String> created() {
        return Optional.ofNullable(created);
    }

    @Override
    public String toString() {
        return "BuildInformationRecord[" + (id.isEmpty() ? "" : id + " ") + packageId + " " + version + ", commit "
                + vcsCommitNumber + ", " + commits.size() + " commits]";
    }
}

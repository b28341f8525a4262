package io.github.octomvn.octopus.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.Space;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code push-report.json}: what a push did, package by package, for CI steps and other tools to read. Never
 * holds a credential.
 */
public final class PushReport {
    private final ObjectNode root = Json.MAPPER.createObjectNode();
    private final ArrayNode packages;

    public PushReport(String serverUrl, boolean dryRun) {
        root.put("server", serverUrl);
        root.put("dryRun", dryRun);
        packages = root.putArray("packages");
    }

    public void server(String version, Space space) {
        root.put("serverVersion", version);
        root.putObject("space").put("id", space.id()).put("name", space.name());
    }

    /** One package's line: outcome is e.g. {@code created}, {@code identical}, {@code would upload}, {@code failed}. */
    public void add(Path file, String packageId, String version, String sha1, String outcome, String detail) {
        ObjectNode p = packages.addObject()
                .put("file", file.getFileName().toString())
                .put("path", file.toAbsolutePath().toString())
                .put("packageId", packageId)
                .put("version", version)
                .put("sha1", sha1)
                .put("outcome", outcome);
        if (detail != null) {
            p.put("detail", detail);
        }
    }

    /**
     * How the package added last was sent: {@code "delta": {"baseVersion", "deltaBytes", "fullBytes"}} for a delta,
     * {@code "fullUploadReason"} when a delta was considered but the full file went; nothing otherwise.
     */
    public void transfer(Optional<DeltaTransfer> delta, Optional<String> fullUploadReason) {
        if (packages.size() == 0) {
            return;
        }
        ObjectNode last = (ObjectNode) packages.get(packages.size() - 1);
        delta.ifPresent(d -> last.putObject("delta")
                .put("baseVersion", d.baseVersion())
                .put("deltaBytes", d.deltaBytes())
                .put("fullBytes", d.fullBytes()));
        fullUploadReason.ifPresent(reason -> last.put("fullUploadReason", reason));
    }

    /**
     * Adds {@code "releaseReport"} (the absolute path of {@code releaseReport}) to the push report already written
     * at {@code pushReport}, for a release made from this push; rewrites it atomically. No push report, no change.
     */
    public static void linkReleaseReport(Path pushReport, Path releaseReport) throws IOException {
        if (!Files.isRegularFile(pushReport)) {
            return;
        }
        JsonNode existing = Json.MAPPER.readTree(pushReport.toFile());
        if (!(existing instanceof ObjectNode)) {
            return;
        }
        ((ObjectNode) existing)
                .put("releaseReport", releaseReport.toAbsolutePath().toString());
        Json.writeAtomically(pushReport, existing);
    }

    /** Writes the report atomically, creating the folder if needed. */
    public void write(Path file) throws IOException {
        Json.writeAtomically(file, root);
    }
}

package io.github.octomvn.octopus.feed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.Space;
import java.io.IOException;
import java.nio.file.Path;

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

    /** Writes the report atomically, creating the folder if needed. */
    public void write(Path file) throws IOException {
        Json.writeAtomically(file, root);
    }
}

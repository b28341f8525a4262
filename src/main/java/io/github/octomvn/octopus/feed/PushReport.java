package io.github.octomvn.octopus.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.octomvn.octopus.ci.PackageResult;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.pack.PackageFileName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code push-report.json}: what a push did, package by package, for CI steps and other tools to read. Never
 * holds a credential.
 */
public final class PushReport {
    private final ObjectNode root = Json.object();
    private final ArrayNode packages;
    private final String serverUrl;
    private Space space;

    public PushReport(String serverUrl, boolean dryRun) {
        this.serverUrl = serverUrl;
        root.put("server", serverUrl);
        root.put("dryRun", dryRun);
        packages = root.putArray("packages");
    }

    public void server(String version, Space space) {
        root.put("serverVersion", version);
        root.putObject("space").put("id", space.id()).put("name", space.name());
        this.space = space;
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
        sizeOf(file).ifPresent(size -> p.put("sizeBytes", size));
        if (space != null && packageId != null) {
            p.put("link", BuiltInFeed.packageWebUrl(serverUrl, space, packageId));
        }
    }

    private static Optional<Long> sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.size(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The packages of the report at {@code reportFile} as results for the CI's job page, in push order; a file of
     * {@code requested} that the report does not list was not pushed (an earlier package failed). No report, no
     * results.
     */
    public static List<PackageResult> results(Path reportFile, List<Path> requested) throws IOException {
        if (!Files.isRegularFile(reportFile)) {
            return List.of();
        }
        JsonNode report = Json.read(reportFile);
        List<PackageResult> results = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (JsonNode row : report.path("packages")) {
            listed.add(row.path("path").asText());
            if (!row.hasNonNull("packageId") || !row.hasNonNull("version")) {
                continue;
            }
            String outcome = row.path("outcome").asText();
            PackageResult.Outcome kind;
            String detail = null;
            if (outcome.startsWith("dry run: ")) {
                kind = PackageResult.Outcome.DRY_RUN;
                detail = outcome.substring("dry run: ".length()).replace('_', ' ');
            } else if (outcome.equals("created") || outcome.equals("replaced")) {
                kind = row.has("delta") ? PackageResult.Outcome.DELTA : PackageResult.Outcome.UPLOADED;
            } else if (outcome.equals("identical")) {
                kind = PackageResult.Outcome.ALREADY_THERE;
            } else if (outcome.equals("kept_existing")) {
                kind = PackageResult.Outcome.KEPT_EXISTING;
            } else {
                kind = PackageResult.Outcome.FAILED;
            }
            results.add(new PackageResult(
                    row.path("packageId").asText(),
                    row.path("version").asText(),
                    row.path("sizeBytes").asLong(-1),
                    kind,
                    row.hasNonNull("link") ? row.path("link").asText() : null,
                    detail));
        }
        for (Path file : requested) {
            if (listed.contains(file.toAbsolutePath().toString())) {
                continue;
            }
            Optional<PackageFileName> name =
                    PackageFileName.parse(file.getFileName().toString());
            if (name.isPresent()) {
                results.add(new PackageResult(
                        name.get().packageId(),
                        name.get().version(),
                        sizeOf(file).orElse(-1L),
                        PackageResult.Outcome.NOT_PUSHED,
                        null,
                        null));
            }
        }
        return results;
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
        JsonNode existing = Json.read(pushReport);
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

package io.github.octomvn.octopus.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.Segments;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.pack.PackManifest;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** The built-in package feed of one Octopus server: package lookup, upload and the dry-run plan of an upload. */
public final class BuiltInFeed {
    private final OctopusClient client;
    private final PackageUploader uploader;

    private BuiltInFeed(OctopusClient client) {
        this.client = client;
        this.uploader = new PackageUploader(client.json(), client.clock(), client.warnings(), this);
    }

    /** The feed of the server {@code client} is connected to. */
    public static BuiltInFeed of(OctopusClient client) {
        return new BuiltInFeed(Objects.requireNonNull(client, "client"));
    }

    /** The stored package {@code packageId} {@code version}, or empty if the feed does not have it. */
    public Optional<PackageRecord> findPackage(Space space, String packageId, String version) throws OctopusException {
        Optional<JsonNode> node = client.json()
                .find(
                        packagePath(space, packageId, version),
                        "Looking up package " + packageId + " " + version + " on " + client.serverUrl(),
                        client.warnings());
        return node.map(n -> record(n, packageId, version));
    }

    String packagePath(Space space, String packageId, String version) {
        return space.apiPrefix() + "/packages/" + Segments.encode(packageId + "." + version);
    }

    static PackageRecord record(JsonNode node, String packageId, String version) {
        return new PackageRecord(
                Json.text(node, "Id").orElse(packageId + "." + version),
                Json.text(node, "PackageId").orElse(packageId),
                Json.text(node, "Version").orElse(version),
                Json.text(node, "Hash").orElse(""),
                Json.number(node, "PackageSizeBytes").orElse(-1));
    }

    /**
     * Pushes {@code file} (named {@code <PackageId>.<Version><extension>}) to the space's built-in feed.
     * Re-running with an identical package succeeds without sending it again; an interrupted or timed-out
     * upload is verified by SHA-1 before it is retried, so a package is never lost and never stored twice.
     * {@code listener} hears the progress; warnings (retries, a kept package) go to the client's warnings.
     */
    public UploadResult upload(Space space, Path file, OverwriteMode mode, UploadListener listener)
            throws OctopusException {
        return uploader.upload(space, file, mode, false, listener, Optional.empty());
    }

    /**
     * As {@link #upload(Space, Path, OverwriteMode, UploadListener)}; with {@code deltaCompression}, a package the
     * server does not have yet goes as an Octodiff delta against the version the server signs, when the server
     * offers delta uploads and the delta is at most 95 % of the file. Any trouble with the delta but a conflict falls
     * back to the full file; the result says which was sent and why.
     */
    public UploadResult upload(
            Space space, Path file, OverwriteMode mode, boolean deltaCompression, UploadListener listener)
            throws OctopusException {
        return uploader.upload(space, file, mode, deltaCompression, listener, Optional.empty());
    }

    /**
     * What {@link #upload} would do with {@code file}, checked against the server without sending it: fails as
     * the upload would on a bad file name, an empty file, or different content under {@code FailIfExists}.
     */
    public UploadPlan plan(Space space, Path file, OverwriteMode mode, UploadListener listener)
            throws OctopusException {
        return uploader.plan(space, file, mode, false, listener, Optional.empty());
    }

    /** As above; the plan also says whether the upload would try a delta first. */
    public UploadPlan plan(
            Space space, Path file, OverwriteMode mode, boolean deltaCompression, UploadListener listener)
            throws OctopusException {
        return uploader.plan(space, file, mode, deltaCompression, listener, Optional.empty());
    }

    /** As the public {@code upload}, trusting the pack manifest's SHA-1 of {@code file} while it vouches for it. */
    UploadResult upload(
            Space space,
            Path file,
            OverwriteMode mode,
            boolean deltaCompression,
            UploadListener listener,
            Optional<PackManifest.Entry> packed)
            throws OctopusException {
        return uploader.upload(space, file, mode, deltaCompression, listener, packed);
    }

    /** As the public {@code plan}, trusting the pack manifest's SHA-1 of {@code file} while it vouches for it. */
    UploadPlan plan(
            Space space,
            Path file,
            OverwriteMode mode,
            boolean deltaCompression,
            UploadListener listener,
            Optional<PackManifest.Entry> packed)
            throws OctopusException {
        return uploader.plan(space, file, mode, deltaCompression, listener, packed);
    }

    /** The package's versions page in the Octopus web UI. */
    public String packageWebUrl(Space space, String packageId) {
        return packageWebUrl(client.serverUrl(), space, packageId);
    }

    /** The package's versions page in the web UI of the server at {@code serverUrl}. */
    static String packageWebUrl(String serverUrl, Space space, String packageId) {
        return serverUrl + "/app#/" + (space.isLegacy() ? "" : space.id() + "/") + "library/builtinrepository/versions/"
                + Segments.encode(packageId);
    }
}

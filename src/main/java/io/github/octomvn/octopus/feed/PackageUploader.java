package io.github.octomvn.octopus.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.JsonHttp;
import io.github.octomvn.octopus.client.Lookup;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.Segments;
import io.github.octomvn.octopus.client.Setting;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.client.VerifiedRetries;
import io.github.octomvn.octopus.delta.DeltaFile;
import io.github.octomvn.octopus.pack.PackManifest;
import io.github.octomvn.octopus.pack.PackageFileName;
import io.github.octomvn.octopus.pack.Sha1;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Pushes one package file to the built-in feed ({@code POST .../packages/raw}) so that re-runs are idempotent
 * and no failure loses a package or stores it twice.
 *
 * <p>Before sending, the feed is asked for the package ({@code GET .../packages/<id>.<version>}): one small
 * request that spares re-sending a possibly large file only to be told 409, tells an identical re-run from a
 * real conflict, tells CREATED from REPLACED, and surfaces a bad API key before any body is streamed. After a
 * timeout or a broken connection the same lookup decides, by SHA-1, whether the server already has the file.
 *
 * <p>With delta compression, a package the server does not already have goes as an Octodiff delta against the
 * version the server signs ({@link DeltaUpload}) when the server offers it and the delta is worth it; a delta that
 * fails for any reason but a conflict falls back to the full upload.
 */
final class PackageUploader {

    static final String OVERWRITE_FIX =
            "Set " + Setting.OVERWRITE_MODE.assign("OverwriteExisting") + ", or bump the version.";
    private static final String DELTA_FIX =
            "Set " + Setting.DELTA_COMPRESSION.assign("false") + " to send the full file instead";

    private final JsonHttp json;
    private final Clock clock;
    private final BuiltInFeed client;
    private final Consumer<String> warnings;
    private final DeltaUpload deltas;
    private final SecureRandom random = new SecureRandom();

    PackageUploader(JsonHttp json, Clock clock, Consumer<String> warnings, BuiltInFeed client) {
        this.warnings = warnings;
        this.json = json;
        this.clock = clock;
        this.client = client;
        this.deltas = new DeltaUpload(json, clock, warnings);
    }

    /**
     * @param packed what the pack manifest recorded of {@code file}: while it vouches for the file (same size and
     *     modification time), its SHA-1 is used instead of reading the file for it
     */
    UploadResult upload(
            Space space,
            Path file,
            OverwriteMode mode,
            boolean delta,
            UploadListener listener,
            Optional<PackManifest.Entry> packed)
            throws OctopusException {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(listener, "listener");
        return new Upload(space, file, mode, delta, listener, packed).run();
    }

    /** Runs the checks of {@link #upload} (local file, lookup, conflict) without sending anything. */
    UploadPlan plan(
            Space space,
            Path file,
            OverwriteMode mode,
            boolean delta,
            UploadListener listener,
            Optional<PackManifest.Entry> packed)
            throws OctopusException {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(listener, "listener");
        return new Upload(space, file, mode, delta, listener, packed).plan();
    }

    /** The state of one upload call. */
    private final class Upload {
        private final Space space;
        private final Path file;
        private final OverwriteMode mode;
        private final boolean delta;
        private final UploadListener listener;
        private final Optional<PackManifest.Entry> packed;
        private final String fileName;
        private final String server;
        private final String action;
        private PackageFileName name;
        private long size;
        private volatile String localSha1;
        /** Whether {@link #localSha1} came from the pack manifest rather than from reading the file. */
        private boolean existedBefore;

        private long bytesSent;
        private int posts;
        private String fullUploadReason;

        Upload(
                Space space,
                Path file,
                OverwriteMode mode,
                boolean delta,
                UploadListener listener,
                Optional<PackManifest.Entry> packed) {
            this.packed = Objects.requireNonNull(packed, "packed");
            this.space = space;
            this.file = file;
            this.mode = mode;
            this.delta = delta;
            this.listener = listener;
            this.fileName = file.getFileName() == null
                    ? file.toString()
                    : file.getFileName().toString();
            this.server = json.settings().serverUrl().toString();
            this.action = "Uploading " + fileName + " to " + server + " (" + space.describe() + ")";
        }

        UploadResult run() throws OctopusException {
            checkLocalFile();
            Lookup<PackageRecord> before = lookup(true);
            if (before.unknown()) {
                warnings.accept("Cannot check whether " + identity() + " is already on " + server + " ("
                        + before.forbidden.getMessage() + "); uploading without that check");
            }
            if (before.found() && !before.record.sha1().isEmpty()) {
                PackageRecord stored = before.record;
                if (stored.hasSha1(localSha1())) {
                    return result(UploadOutcome.IDENTICAL, stored);
                }
                if (mode == OverwriteMode.FailIfExists) {
                    throw conflict(stored);
                }
                if (mode == OverwriteMode.IgnoreIfExists) {
                    warnings.accept(kept(stored));
                    return result(UploadOutcome.KEPT_EXISTING, stored);
                }
            }
            existedBefore = before.found();
            if (!space.overwriteModeSupported() && mode == OverwriteMode.IgnoreIfExists) {
                warnings.accept("Octopus at " + server + " predates overwriteMode (2019.7.9) and cannot ignore an"
                        + " existing package; sending replace=false, so should " + identity()
                        + " appear meanwhile, the upload fails");
            }
            if (delta && space.deltaUploadSupported()) {
                Optional<UploadResult> sent = sendDelta();
                if (sent.isPresent()) {
                    return sent.get();
                }
            }
            UploadResult result = send();
            return fullUploadReason == null ? result : result.withFullUploadReason(fullUploadReason);
        }

        UploadPlan plan() throws OctopusException {
            checkLocalFile();
            Lookup<PackageRecord> before = lookup(true);
            UploadPlan.Action action = UploadPlan.Action.UPLOAD;
            if (before.unknown()) {
                action = UploadPlan.Action.UPLOAD_UNCHECKED;
            } else if (before.found() && before.record.hasSha1(localSha1())) {
                action = UploadPlan.Action.NOTHING_IDENTICAL;
            } else if (before.found()) {
                if (mode == OverwriteMode.FailIfExists) {
                    throw conflict(before.record);
                }
                action = mode == OverwriteMode.IgnoreIfExists
                        ? UploadPlan.Action.KEEP_EXISTING
                        : UploadPlan.Action.REPLACE;
            }
            UploadPlan plan = new UploadPlan(name.packageId(), name.version(), localSha1(), size, action);
            if (!delta || action == UploadPlan.Action.NOTHING_IDENTICAL || action == UploadPlan.Action.KEEP_EXISTING) {
                return plan;
            }
            return plan.withTransfer(
                    space.deltaUploadSupported()
                            ? "trying a delta against the version the server signs first"
                            : "the full file: the server does not offer delta uploads");
        }

        /** The package as people name it: {@code MyApp 1.0.0}. */
        private String identity() {
            return name.packageId() + " " + name.version();
        }

        private void checkLocalFile() throws OctopusException {
            try {
                name = UploadFileName.parse(fileName);
            } catch (IllegalArgumentException e) {
                throw new OctopusException(
                        OctopusException.Kind.VALIDATION, "Cannot upload " + file + ": " + e.getMessage());
            }
            if (!Files.isRegularFile(file)) {
                throw new OctopusException(
                        OctopusException.Kind.LOCAL_FILE, "Cannot upload " + file + ": it is not a readable file");
            }
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new OctopusException(
                        OctopusException.Kind.LOCAL_FILE, "Cannot upload " + file + ": cannot read it (" + e + ")");
            }
            if (size == 0) {
                throw new OctopusException(
                        OctopusException.Kind.VALIDATION,
                        "Cannot upload " + file + ": the file is empty (0 bytes) and Octopus refuses empty packages;"
                                + " check how it was built");
            }
            // Checked now, not when the manifest was read: the file must still be the one the pack hashed.
            Optional<PackManifest.Entry> trusted = packed.filter(entry -> entry.vouchesFor(file));
            if (trusted.isPresent()) {
                localSha1 = trusted.get().sha1().toLowerCase(Locale.ROOT);
                listener.hashed(localSha1);
            }
        }

        private UploadResult send() throws OctopusException {
            String path = space.apiPrefix() + "/packages/raw?" + query();
            // Hashed while it is sent unless its SHA-1 is known: the pack manifest's, or the delta attempt's.
            MultipartFileBody body = new MultipartFileBody(file, size, fileName, boundary(), localSha1 == null);
            return VerifiedRetries.run(
                    json,
                    action,
                    warnings,
                    new VerifiedRetries.Subject("the package", "an identical package"),
                    () -> post(path, body, action, null),
                    () -> settledBy(lookup(false)));
        }

        /**
         * Sends the package as a delta if the server signs a base and the delta is worth it; empty when the full
         * file must go instead ({@link #fullUploadReason} says why). A conflict is final; any other failure of the
         * delta falls back to the full file, after the same SHA-1 check as a full upload when its fate is unknown.
         */
        private Optional<UploadResult> sendDelta() throws OctopusException {
            try (DeltaUpload.Prepared prepared =
                    deltas.prepare(space, name, file, size, Optional.ofNullable(localSha1), listener)) {
                if (localSha1 == null) {
                    prepared.packageSha1.ifPresent(sha1 -> {
                        localSha1 = sha1;
                        listener.hashed(sha1);
                    });
                }
                if (!prepared.hasDelta()) {
                    fullUploadReason = prepared.fullUploadReason;
                    return Optional.empty();
                }
                DeltaFile deltaFile = prepared.delta;
                String path = space.apiPrefix() + "/packages/" + Segments.encode(name.packageId()) + "/"
                        + Segments.encode(prepared.baseVersion) + "/delta?" + query();
                String deltaAction = "Uploading " + fileName + " as a delta against " + prepared.baseVersion + " to "
                        + server + " (" + space.describe() + ")";
                MultipartFileBody body =
                        new MultipartFileBody(deltaFile.path(), deltaFile.deltaSize(), fileName, boundary());
                UploadResult result;
                try {
                    result = VerifiedRetries.run(
                            json,
                            deltaAction,
                            warnings,
                            new VerifiedRetries.Subject("the package", "an identical package"),
                            () -> post(path, body, deltaAction, deltaFile),
                            () -> settledBy(lookup(false)));
                } catch (OctopusException e) {
                    // As the Octopus clients do: a conflict or a request the server calls invalid is the answer.
                    if (e.kind() == OctopusException.Kind.CONFLICT
                            || e.kind() == OctopusException.Kind.VALIDATION
                            || e.kind() == OctopusException.Kind.INTERRUPTED) {
                        throw e;
                    }
                    warnings.accept(e.getMessage() + "; uploading the full file instead");
                    fullUploadReason = "the delta upload failed";
                    return Optional.empty();
                }
                if (result.outcome() == UploadOutcome.CREATED || result.outcome() == UploadOutcome.REPLACED) {
                    result = result.withDelta(
                            new DeltaTransfer(prepared.baseVersion, deltaFile.deltaSize(), deltaFile.newFileSize()));
                }
                return Optional.of(result);
            }
        }

        private String query() {
            return space.overwriteModeSupported()
                    ? "overwriteMode=" + mode.name()
                    : "replace=" + mode.legacyReplaceFlag();
        }

        /** After an ambiguous failure: the package already there with our SHA-1 ends the upload. */
        private Optional<UploadResult> settledBy(Lookup<PackageRecord> now) throws OctopusException {
            if (!now.found() || now.record.sha1().isEmpty()) {
                return Optional.empty();
            }
            PackageRecord stored = now.record;
            if (stored.hasSha1(localSha1())) {
                return Optional.of(result(existedBefore ? UploadOutcome.REPLACED : UploadOutcome.CREATED, stored));
            }
            if (mode == OverwriteMode.OverwriteExisting) {
                return Optional.empty();
            }
            if (mode == OverwriteMode.IgnoreIfExists) {
                warnings.accept(kept(stored));
                return Optional.of(result(UploadOutcome.KEPT_EXISTING, stored));
            }
            throw conflict(stored);
        }

        /** One POST of {@code body}: the package, or {@code deltaFile} (null for a full upload). */
        private UploadResult post(String path, MultipartFileBody body, String action, DeltaFile deltaFile)
                throws OctopusException {
            posts++;
            ProgressReporter progress =
                    new ProgressReporter(listener, deltaFile == null ? size : deltaFile.deltaSize(), clock);
            HttpRequest request = json.request(path, json.settings().uploadTimeout())
                    .header("Content-Type", body.contentType())
                    .POST(body.publisher(progress))
                    .build();
            HttpResponse<byte[]> response;
            try {
                response = json.send(request, HttpResponse.BodyHandlers.ofByteArray(), action);
            } finally {
                bytesSent += body.fileBytesOfLastSend();
                if (deltaFile == null) {
                    body.sha1OfLastSend().ifPresent(sha1 -> {
                        localSha1 = sha1;
                        listener.hashed(sha1);
                    });
                }
                body.close();
            }
            progress.finish();
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return accepted(
                        response,
                        deltaFile == null
                                ? body.sha1OfLastSend().or(() -> Optional.ofNullable(localSha1))
                                : Optional.of(deltaFile.newFileSha1()),
                        action);
            }
            if (status == 409) {
                return afterConflict(response);
            }
            if (deltaFile == null) {
                throw json.failures().fromResponse(action, status, response.headers(), response.body(), uploadHints());
            }
            // Only a 400 reaches the user (other failures fall back to the full file): the way round it is that.
            throw json.failures()
                    .fromResponse(action, status, response.headers(), response.body(), any -> DELTA_FIX)
                    .blaming(Setting.DELTA_COMPRESSION, "false");
        }

        /**
         * A 2xx answer. Servers answer a new package 200 or 201 and a kept one (IgnoreIfExists) 200, so the status
         * says nothing: the hash the server returns, and the lookup before, tell stored from kept. {@code sent}: the
         * SHA-1 of the package the server should now hold, when known.
         */
        private UploadResult accepted(HttpResponse<byte[]> response, Optional<String> sent, String action)
                throws OctopusException {
            PackageRecord stored = Json.parse(response.body())
                    .filter(JsonNode::isObject)
                    .map(node -> BuiltInFeed.record(node, name.packageId(), name.version()))
                    .orElseGet(() -> new PackageRecord(
                            name.packageId() + "." + name.version(), name.packageId(), name.version(), "", -1));
            if (stored.sha1().isEmpty() && mode == OverwriteMode.IgnoreIfExists) {
                // An answer without a hash cannot tell a stored package from a kept one: the feed can.
                stored = storedNow().orElse(stored);
            }
            String mine = sent.isPresent() ? sent.get() : localSha1();
            if (!stored.sha1().isEmpty() && !stored.hasSha1(mine)) {
                if (mode == OverwriteMode.IgnoreIfExists) {
                    // The server kept a package the lookup did not see (a key that cannot view, or a race).
                    warnings.accept(kept(stored));
                    return result(UploadOutcome.KEPT_EXISTING, stored);
                }
                if (sent.isPresent()) {
                    throw new OctopusException(
                            OctopusException.Kind.SERVER,
                            action + ": the server stored SHA-1 " + stored.sha1() + " but SHA-1 " + sent.get()
                                    + " was sent; the file changed while uploading or was damaged on the way."
                                    + " Run the build again (with overwriteMode OverwriteExisting)");
                }
            }
            if (existedBefore && mode == OverwriteMode.IgnoreIfExists) {
                // The lookup saw the package without a hash; the server kept it, and it has our bytes.
                return result(UploadOutcome.IDENTICAL, stored);
            }
            return result(existedBefore ? UploadOutcome.REPLACED : UploadOutcome.CREATED, stored);
        }

        /** The package as the feed holds it now, when it can be read. */
        private Optional<PackageRecord> storedNow() {
            try {
                Lookup<PackageRecord> now = lookup(false);
                return now.found() ? Optional.of(now.record) : Optional.empty();
            } catch (OctopusException e) {
                return Optional.empty();
            }
        }

        private UploadResult afterConflict(HttpResponse<byte[]> response) throws OctopusException {
            Lookup<PackageRecord> now;
            try {
                now = lookup(true);
            } catch (OctopusException e) {
                now = new Lookup<>(null, e);
            }
            if (now.found() && !now.record.sha1().isEmpty()) {
                if (now.record.hasSha1(localSha1())) {
                    return result(UploadOutcome.IDENTICAL, now.record);
                }
                throw conflict(now.record);
            }
            throw json.failures()
                    .fromResponse(action, 409, response.headers(), response.body(), status -> OVERWRITE_FIX)
                    .blaming(Setting.OVERWRITE_MODE, "OverwriteExisting");
        }

        /** The package in the feed; a 403 (a key that may push but not view) makes the answer unknown. */
        private Lookup<PackageRecord> lookup(boolean retried) throws OctopusException {
            String path = client.packagePath(space, name.packageId(), name.version());
            String what = "Looking up package " + identity() + " on " + server;
            return Lookup.attempt(() -> (retried ? json.find(path, what, warnings) : json.findOnce(path, what))
                    .map(n -> BuiltInFeed.record(n, name.packageId(), name.version())));
        }

        private IntFunction<String> uploadHints() {
            return status -> {
                switch (status) {
                    case 400:
                        return "Check the file name <PackageId>.<Version><extension> (here package " + name.packageId()
                                + ", version " + name.version() + "), that the version is valid SemVer and that"
                                + " Octopus supports the format";
                    case 403:
                        return mode == OverwriteMode.OverwriteExisting
                                ? "Replacing packages needs the BuiltInFeedAdminister permission: ask an Octopus"
                                        + " administrator to grant it to this API key's user, or use overwriteMode"
                                        + " FailIfExists or IgnoreIfExists"
                                : "Pushing packages needs the BuiltInFeedPush permission: ask an Octopus"
                                        + " administrator to grant it to this API key's user";
                    case 413:
                        return "A proxy or the web server in front of Octopus limits the request size (" + size
                                + " bytes were sent); raise that limit (e.g. nginx client_max_body_size)";
                    default:
                        return null;
                }
            };
        }

        private OctopusException conflict(PackageRecord stored) throws OctopusException {
            return new OctopusException(
                            OctopusException.Kind.CONFLICT,
                            "Package " + identity() + " already exists on " + server + " (" + space.describe()
                                    + ") with different content: server SHA-1 " + stored.sha1() + ", local SHA-1 "
                                    + localSha1() + ". " + OVERWRITE_FIX)
                    .blaming(Setting.OVERWRITE_MODE, "OverwriteExisting");
        }

        private String kept(PackageRecord stored) throws OctopusException {
            return "Package " + identity() + " already exists on " + server + " with different content (server SHA-1 "
                    + stored.sha1() + ", local SHA-1 " + localSha1() + "); kept the server's copy (IgnoreIfExists)";
        }

        private UploadResult result(UploadOutcome outcome, PackageRecord stored) throws OctopusException {
            return new UploadResult(
                    outcome, stored, localSha1(), bytesSent, posts, client.packageWebUrl(space, name.packageId()));
        }

        private String localSha1() throws OctopusException {
            String known = localSha1;
            if (known == null) {
                known = sha1Of(file);
                localSha1 = known;
                listener.hashed(known);
            }
            return known;
        }
    }

    private String boundary() {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        return Sha1.hex(bytes);
    }

    static String sha1Of(Path file) throws OctopusException {
        try {
            return Sha1.of(file);
        } catch (InterruptedIOException e) {
            // a build being stopped, or a delta push that no longer needs the hash
            throw new OctopusException(
                    OctopusException.Kind.INTERRUPTED, "Interrupted while computing the SHA-1 of " + file);
        } catch (IOException e) {
            throw new OctopusException(
                    OctopusException.Kind.LOCAL_FILE, "Cannot read " + file + " to compute its SHA-1: " + e);
        }
    }
}

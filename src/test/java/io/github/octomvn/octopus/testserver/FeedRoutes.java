package io.github.octomvn.octopus.testserver;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built-in feed's routes in a space: {@code POST packages/raw} (multipart upload with
 * {@code overwriteMode}, or {@code replace} on a legacy server), {@code GET packages/{id}} and {@code DELETE
 * packages/{id}}. A delta upload
 * ({@link DeltaRoutes}) goes through the same {@link #upload} with a {@link Rebuild} that applies the delta, so it
 * is validated, stored and answered exactly like a full upload.
 */
final class FeedRoutes implements RouteRegistry.SpaceRoute {

    private static final long DRAIN_LIMIT = 1024 * 1024;

    private final FeedStore store;
    private final Faults faults;
    private final boolean legacy;
    private volatile int newUploadStatus = 201;

    /** Turns the received file part into the package to store. */
    interface Rebuild {
        /** The 400 text for an empty file part. */
        String emptyPartMessage();

        /**
         * The package file rebuilt from {@code part} (the received file part) in {@code into}, or empty after
         * answering {@code ex} itself (a refused delta).
         */
        Optional<Received> rebuild(
                Exchange ex, String spaceId, PackageNames.Identity identity, Received part, Path into)
                throws IOException;
    }

    /** A full upload: the file part is the package. */
    private static final Rebuild FULL = new Rebuild() {
        @Override
        public String emptyPartMessage() {
            return "The uploaded package file had length equal to 0. Please upload a non-empty file.";
        }

        @Override
        public Optional<Received> rebuild(
                Exchange ex, String spaceId, PackageNames.Identity identity, Received part, Path into) {
            return Optional.of(part);
        }
    };

    FeedRoutes(FeedStore store, Faults faults, boolean legacy) {
        this.store = store;
        this.faults = faults;
        this.legacy = legacy;
    }

    /** The status a stored new package is answered with: 201 (default) or 200, as some servers send. */
    void answerNewUploadsWith(int status) {
        if (status != 200 && status != 201) {
            throw new IllegalArgumentException("A new upload is answered 200 or 201, not " + status);
        }
        this.newUploadStatus = status;
    }

    @Override
    public boolean handle(Exchange ex, Set<Permission> account, String spaceId, List<String> rest) throws IOException {
        if (rest.size() != 2 || !rest.get(0).equalsIgnoreCase("packages")) {
            return false;
        }
        if (rest.get(1).equalsIgnoreCase("raw")) {
            if (!ex.method().equals("POST")) {
                ex.methodNotAllowed();
                return true;
            }
            upload(ex, account, spaceId, FULL);
            return true;
        }
        if (ex.method().equals("DELETE")) {
            delete(ex, account, spaceId, rest.get(1));
            return true;
        }
        if (!ex.requireGet()) {
            return true;
        }
        if (!account.contains(Permission.FeedView)) {
            ex.forbidden(Permission.FeedView);
            return true;
        }
        String id = rest.get(1);
        if (id.regionMatches(true, 0, "packages-", 0, 9)) {
            id = id.substring(9);
        }
        Optional<StoredPackage> stored = PackageNames.parseIdentity(id).flatMap(i -> store.find(i.key(spaceId)));
        if (stored.isEmpty()) {
            ex.error(404, "The resource you requested was not found.", "Package '" + id + "' was not found.");
            return true;
        }
        ex.json(200, JsonRendering.packageResource(stored.get()));
        return true;
    }

    /**
     * {@code DELETE packages/packages-{ID}.{version}}: the feed forgets the package and its file (204), so that a
     * benchmark can push the same version again; 404 if it is not there.
     */
    private void delete(Exchange ex, Set<Permission> account, String spaceId, String id) throws IOException {
        if (!account.contains(Permission.BuiltInFeedAdminister)) {
            ex.forbidden(Permission.BuiltInFeedAdminister);
            return;
        }
        if (id.regionMatches(true, 0, "packages-", 0, 9)) {
            id = id.substring(9);
        }
        Optional<PackageNames.Identity> identity = PackageNames.parseIdentity(id);
        Optional<StoredPackage> removed =
                identity.isPresent() ? store.remove(identity.get().key(spaceId)) : Optional.empty();
        if (removed.isEmpty()) {
            ex.error(404, "The resource you requested was not found.", "Package '" + id + "' was not found.");
            return;
        }
        ex.respond(204, java.util.Collections.emptyMap(), new byte[0]);
    }

    /**
     * Receives an upload (full or, with a delta {@code rebuild}, a delta) and stores the package it carries: mode and
     * permissions, multipart, file name, conflicts, the answer, and the one-shot faults of a package upload.
     */
    void upload(Exchange ex, Set<Permission> account, String spaceId, Rebuild rebuild) throws IOException {
        if (!account.contains(Permission.BuiltInFeedPush)) {
            ex.forbidden(Permission.BuiltInFeedPush);
            return;
        }
        Map<String, String> query = ex.queryParameters();
        String mode = "FailIfExists";
        Optional<String> overwriteMode = legacy ? Optional.empty() : Exchange.param(query, "overwriteMode");
        if (overwriteMode.isPresent()) {
            Optional<String> known = Stream.of("FailIfExists", "OverwriteExisting", "IgnoreIfExists")
                    .filter(m -> m.equalsIgnoreCase(overwriteMode.get()))
                    .findFirst();
            if (known.isEmpty()) {
                ex.invalid("The value '" + overwriteMode.get() + "' is not valid for overwriteMode.");
                return;
            }
            mode = known.get();
        } else if (Exchange.param(query, "replace")
                .map("true"::equalsIgnoreCase)
                .orElse(false)) {
            mode = "OverwriteExisting";
        }
        if (mode.equals("OverwriteExisting") && !account.contains(Permission.BuiltInFeedAdminister)) {
            ex.forbidden(Permission.BuiltInFeedAdminister);
            return;
        }
        Optional<String> boundary = ex.head.header("Content-Type").flatMap(MultipartReader::boundaryOf);
        if (boundary.isEmpty()) {
            ex.invalid("A package file must be provided");
            return;
        }
        CountDownLatch rendezvous = faults.uploadRendezvous.get();
        if (rendezvous != null) {
            rendezvous.countDown();
            boolean met;
            try {
                met = rendezvous.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                met = false;
            }
            if (!met) {
                ex.closeAfter = true;
                ex.error(503, "No other upload arrived while this one waited for it");
                return;
            }
        }
        long drop = faults.dropAfter.getAndSet(-1);
        if (drop >= 0) {
            ex.body.tripAfter = ex.body.count + drop;
        }
        ex.continueIfExpected();
        Path incoming = store.incomingFile("upload");
        Path rebuilt = store.incomingFile("rebuilt");
        try {
            receiveAndStore(ex, spaceId, mode, boundary.get(), incoming, rebuild, rebuilt);
        } finally {
            Files.deleteIfExists(incoming);
            Files.deleteIfExists(rebuilt);
        }
    }

    private void receiveAndStore(
            Exchange ex, String spaceId, String mode, String boundary, Path incoming, Rebuild rebuild, Path rebuilt)
            throws IOException {
        Received received;
        try {
            received = receive(ex.body, boundary, incoming);
        } catch (MultipartReader.Malformed e) {
            ex.closeAfter = true;
            ex.invalid("A package file must be provided", "The request body is not valid multipart: " + e.getMessage());
            return;
        }
        if (received == null) {
            ex.invalid("A package file must be provided");
            return;
        }
        String fileName = received.fileName;
        if (fileName.length() > PackageNames.MAX_FILE_NAME_LENGTH) {
            ex.invalid("Package Name is too long.");
            return;
        }
        Optional<String> extension = PackageNames.extensionOf(fileName);
        if (extension.isEmpty()) {
            ex.invalid("The uploaded file isn't in a supported package format.");
            return;
        }
        String stem = fileName.substring(0, fileName.length() - extension.get().length());
        Optional<PackageNames.Identity> identity = PackageNames.parseIdentity(stem);
        if (identity.isEmpty()) {
            ex.invalid("The package file name '" + fileName + "' is not valid: expected"
                    + " <PackageId>.<Version><extension> with a valid semantic version, e.g. MyApp.1.0.0.zip");
            return;
        }
        String key = identity.get().key(spaceId);
        store.countUploadRequest(key);
        if (received.size == 0) {
            ex.invalid(rebuild.emptyPartMessage());
            return;
        }
        Optional<StoredPackage> existing = store.find(key);
        if (existing.isPresent() && mode.equals("FailIfExists")) {
            ex.error(
                    409,
                    "There was a problem with your request.",
                    "A package with the same ID and version already exists. To proceed anyway, specify an"
                            + " overwriteMode of OverwriteExisting or IgnoreIfExists.");
            return;
        }
        if (existing.isPresent() && mode.equals("IgnoreIfExists")) {
            ex.json(200, JsonRendering.packageResource(existing.get()));
            return;
        }
        Optional<Received> pkg = rebuild.rebuild(ex, spaceId, identity.get(), received, rebuilt);
        if (pkg.isEmpty()) {
            return;
        }
        StoredPackage stored = store.commit(
                spaceId, identity.get(), fileName, extension.get(), pkg.get().file, pkg.get().sha1, pkg.get().size);
        if (faults.dropAfterStore.getAndSet(false)) {
            throw new Exchange.Abort();
        }
        if (faults.hangAfterStore.getAndSet(false)) {
            throw new Exchange.Hang();
        }
        ex.json(newUploadStatus, JsonRendering.packageResource(stored));
    }

    /** The uploaded file part, or the package rebuilt from it. */
    static final class Received {
        final String fileName;
        final Path file;
        final String sha1;
        final long size;

        Received(String fileName, Path file, String sha1, long size) {
            this.fileName = fileName;
            this.file = file;
            this.sha1 = sha1;
            this.size = size;
        }
    }

    /** Streams the body: the first part with a filename goes to {@code incoming}; null when there is none. */
    private static Received receive(InputStream body, String boundary, Path incoming)
            throws IOException, MultipartReader.Malformed {
        MultipartReader reader = new MultipartReader(body, boundary);
        if (!reader.start()) {
            return null;
        }
        Received received = null;
        boolean more = true;
        while (more) {
            Map<String, String> headers = reader.partHeaders();
            Map<String, String> disposition =
                    MultipartReader.parameters(headers.getOrDefault("Content-Disposition", ""));
            String fileName = disposition.get("filename");
            if (received == null && fileName != null && !fileName.trim().isEmpty()) {
                // Browsers of old sent full client paths; only the last segment names the package.
                String baseName =
                        fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
                MessageDigest digest = FeedStore.sha1();
                long size;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(incoming), 256 * 1024)) {
                    size = reader.copyPart(out, digest);
                }
                received = new Received(baseName, incoming, FeedStore.hex(digest.digest()), size);
            } else {
                reader.copyPart(null, null);
            }
            more = reader.afterDelimiter();
        }
        HttpWire.drain(body, DRAIN_LIMIT); // the epilogue
        return received;
    }
}

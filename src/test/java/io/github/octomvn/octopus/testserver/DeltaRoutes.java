package io.github.octomvn.octopus.testserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.octomvn.octopus.delta.AppliedDelta;
import io.github.octomvn.octopus.delta.DeltaApplier;
import io.github.octomvn.octopus.delta.InvalidDeltaException;
import io.github.octomvn.octopus.delta.RollingChecksumAlgorithm;
import io.github.octomvn.octopus.delta.SignatureBuilder;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delta compression in a space (spec §5.1): {@code GET packages/{id}/{version}/delta-signature} answers the Octodiff
 * signature of the nearest stored version at or below {@code version} ({@code {"BaseVersion", "Signature"}}, 404
 * when there is none), and {@code POST packages/{id}/{baseVersion}/delta} applies the uploaded delta to that base with
 * the strict {@link DeltaApplier} (not the builder's code) and stores the rebuilt package through
 * {@link FeedRoutes#upload}, so conflicts, overwrite modes, answers and upload faults are those of a full upload.
 *
 * <p>Switchable: whether the server advertises deltas at all (links and routes), an error status for signature
 * requests, corrupt signatures, refused deltas (400); and counters of what arrived.
 */
final class DeltaRoutes implements RouteRegistry.SpaceRoute {

    private final FeedStore store;
    private final FeedRoutes feedRoutes;
    private final long maxOutputBytes;
    private volatile boolean advertised;
    private volatile int signatureStatus;
    private volatile boolean corruptSignatures;
    private volatile boolean rejectDeltas;
    private volatile RollingChecksumAlgorithm signatureChecksum = RollingChecksumAlgorithm.ADLER32;
    private volatile int signatureChunkSize = SignatureBuilder.DEFAULT_CHUNK_SIZE;
    private final AtomicInteger signaturesServed = new AtomicInteger();
    private final AtomicInteger deltaUploads = new AtomicInteger();
    private final AtomicLong deltaBytes = new AtomicLong();
    private final AtomicInteger deltasApplied = new AtomicInteger();

    DeltaRoutes(FeedStore store, FeedRoutes feedRoutes, boolean advertised, long maxOutputBytes) {
        this.store = store;
        this.feedRoutes = feedRoutes;
        this.advertised = advertised;
        this.maxOutputBytes = maxOutputBytes;
    }

    // ---------------------------------------------------------------------------------------------- switches

    void advertise(boolean advertised) {
        this.advertised = advertised;
    }

    boolean advertised() {
        return advertised;
    }

    /** Signature requests get this status (0: answered normally). */
    void answerSignaturesWith(int status) {
        this.signatureStatus = status;
    }

    void corruptSignatures(boolean corrupt) {
        this.corruptSignatures = corrupt;
    }

    void rejectDeltas(boolean reject) {
        this.rejectDeltas = reject;
    }

    void signWith(RollingChecksumAlgorithm algorithm, int chunkSize) {
        new SignatureBuilder().withChunkSize(chunkSize); // refuses a size Octodiff does not allow
        this.signatureChecksum = algorithm;
        this.signatureChunkSize = chunkSize;
    }

    int signaturesServed() {
        return signaturesServed.get();
    }

    int deltaUploadsReceived() {
        return deltaUploads.get();
    }

    long deltaBytesReceived() {
        return deltaBytes.get();
    }

    int deltasApplied() {
        return deltasApplied.get();
    }

    /** The links of a space (or a legacy server's root document) when deltas are advertised. */
    void links(ObjectNode links, String prefix) {
        if (advertised) {
            links.put("PackageDeltaSignature", prefix + "/packages/{packageId}/{version}/delta-signature");
            links.put(
                    "PackageDeltaUpload", prefix + "/packages/{packageId}/{baseVersion}/delta{?replace,overwriteMode}");
        }
    }

    // ---------------------------------------------------------------------------------------------- routes

    @Override
    public boolean handle(Exchange ex, Set<Permission> account, String spaceId, List<String> rest) throws IOException {
        if (!advertised || rest.size() != 4 || !rest.get(0).equalsIgnoreCase("packages")) {
            return false;
        }
        String packageId = rest.get(1);
        String version = rest.get(2);
        String action = rest.get(3).toLowerCase(Locale.ROOT);
        if (action.equals("delta-signature")) {
            if (ex.requireGet()) {
                signature(ex, account, spaceId, packageId, version);
            }
            return true;
        }
        if (action.equals("delta")) {
            if (!ex.method().equals("POST")) {
                ex.methodNotAllowed();
                return true;
            }
            deltaUploads.incrementAndGet();
            feedRoutes.upload(ex, account, spaceId, new ApplyDelta(packageId, version));
            return true;
        }
        return false;
    }

    private void signature(Exchange ex, Set<Permission> account, String spaceId, String packageId, String version)
            throws IOException {
        int status = signatureStatus;
        if (status != 0) {
            ex.error(status, "Fault injected by the test server.", "The signature could not be calculated.");
            return;
        }
        if (!account.contains(Permission.FeedView)) {
            ex.forbidden(Permission.FeedView);
            return;
        }
        Optional<StoredPackage> base = nearestAtOrBelow(spaceId, packageId, version);
        if (base.isEmpty()) {
            ex.error(
                    404,
                    "The resource you requested was not found.",
                    "No earlier version of package '" + packageId + "' was found to calculate a signature from.");
            return;
        }
        signaturesServed.incrementAndGet();
        SignatureBuilder builder =
                new SignatureBuilder().withChunkSize(signatureChunkSize).withRollingChecksum(signatureChecksum);
        Path file = base.get().path();
        boolean corrupt = corruptSignatures;
        // Streamed as it is computed, on every core, so that the answer of a large base starts at once and its
        // transfer overlaps the hashing, as a server that streams its answers does.
        ex.respondStreaming(200, JsonRendering.jsonType(), body -> {
            body.write(("{\"BaseVersion\":"
                            + JsonRendering.JSON.writeValueAsString(base.get().version()) + ",\"Signature\":\"")
                    .getBytes(StandardCharsets.UTF_8));
            OutputStream base64 = Base64.getEncoder().wrap(new NonClosing(body));
            builder.write(file, base64, SIGNATURE_THREADS);
            if (corrupt) {
                // A chunk area that is not a whole number of 26-byte entries, as a damaged answer would have.
                base64.write(new byte[7]);
            }
            base64.close();
            body.write("\"}".getBytes(StandardCharsets.UTF_8));
        });
    }

    private static final int SIGNATURE_THREADS =
            Math.max(1, Runtime.getRuntime().availableProcessors());

    /** Lets the base64 encoder write its padding on close without closing the answer under it. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The stored version of {@code packageId} nearest at or below {@code version} (SemVer order). */
    private Optional<StoredPackage> nearestAtOrBelow(String spaceId, String packageId, String version) {
        if (PackageNames.versionKey(version).isEmpty()) {
            return Optional.empty();
        }
        return store.all().stream()
                .filter(p -> p.spaceId().equals(spaceId))
                .filter(p -> p.packageId().equalsIgnoreCase(packageId))
                .filter(p -> PackageNames.compareVersions(p.version(), version) <= 0)
                .max((a, b) -> PackageNames.compareVersions(a.version(), b.version()));
    }

    /** Rebuilds the new package from the base named in the route and the received delta. */
    private final class ApplyDelta implements FeedRoutes.Rebuild {
        private final String basePackageId;
        private final String baseVersion;

        ApplyDelta(String basePackageId, String baseVersion) {
            this.basePackageId = basePackageId;
            this.baseVersion = baseVersion;
        }

        @Override
        public String emptyPartMessage() {
            return "The uploaded delta file had length equal to 0. Please upload a non-empty file.";
        }

        @Override
        public Optional<FeedRoutes.Received> rebuild(
                Exchange ex, String spaceId, PackageNames.Identity identity, FeedRoutes.Received part, Path into)
                throws IOException {
            deltaBytes.addAndGet(part.size);
            if (!identity.packageId.equalsIgnoreCase(basePackageId)) {
                ex.invalid("The delta file is for package '" + identity.packageId + "' but the base package is '"
                        + basePackageId + "'.");
                return Optional.empty();
            }
            Optional<StoredPackage> base =
                    FeedStore.key(spaceId, basePackageId, baseVersion).flatMap(store::find);
            if (base.isEmpty()) {
                ex.error(
                        404,
                        "The resource you requested was not found.",
                        "Package '" + basePackageId + "." + baseVersion + "' was not found.");
                return Optional.empty();
            }
            if (rejectDeltas) {
                ex.invalid("The delta file could not be applied to " + basePackageId + " " + baseVersion
                        + ": refused by the test server.");
                return Optional.empty();
            }
            AppliedDelta applied;
            try {
                applied = new DeltaApplier()
                        .withMaxOutputBytes(maxOutputBytes)
                        .apply(base.get().path(), part.file, into);
            } catch (InvalidDeltaException e) {
                ex.invalid("The delta file could not be applied to " + basePackageId + " " + baseVersion + ": "
                        + e.getMessage());
                return Optional.empty();
            }
            deltasApplied.incrementAndGet();
            return Optional.of(new FeedRoutes.Received(part.fileName, into, applied.sha1(), applied.size()));
        }
    }
}

package io.github.octomvn.octopus.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.github.octomvn.octopus.client.Json;
import io.github.octomvn.octopus.client.JsonHttp;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.Segments;
import io.github.octomvn.octopus.client.Space;
import io.github.octomvn.octopus.delta.DeltaBuilder;
import io.github.octomvn.octopus.delta.DeltaFile;
import io.github.octomvn.octopus.delta.Signature;
import io.github.octomvn.octopus.delta.SignatureReader;
import io.github.octomvn.octopus.delta.UnusableSignatureException;
import io.github.octomvn.octopus.pack.PackageFileName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The first half of a delta push (spec §5.1): asks the server for the signature of the version it would build on
 * ({@code GET .../packages/<id>/<new version>/delta-signature}; the server picks the base and names it), builds the
 * Octodiff delta of the package into a temporary file next to it, and decides whether it is worth sending. Whatever
 * goes wrong here only means "send the full file": the answer says why, and unexpected trouble is also a warning.
 * {@link PackageUploader} sends the delta.
 */
final class DeltaUpload {

    /** A delta above this share of the package is not worth it (the official clients' cut-off). */
    static final double MAX_RATIO = 0.95;

    private static final String TEMP_PREFIX = ".octopus-delta-";

    private final JsonHttp json;
    private final Clock clock;
    private final Consumer<String> warnings;

    DeltaUpload(JsonHttp json, Clock clock, Consumer<String> warnings) {
        this.json = json;
        this.clock = clock;
        this.warnings = warnings;
    }

    /** A delta ready to send, or why the full file goes instead; {@link #close} deletes the delta file. */
    static final class Prepared implements AutoCloseable {
        final String baseVersion;
        final DeltaFile delta;
        final String fullUploadReason;
        /** The package's SHA-1 where the attempt learned it: the full upload that follows need not hash it again. */
        final Optional<String> packageSha1;

        private Prepared(String baseVersion, DeltaFile delta, String fullUploadReason, Optional<String> packageSha1) {
            this.baseVersion = baseVersion;
            this.delta = delta;
            this.fullUploadReason = fullUploadReason;
            this.packageSha1 = packageSha1;
        }

        static Prepared fullUpload(String reason) {
            return new Prepared(null, null, Objects.requireNonNull(reason, "reason"), Optional.empty());
        }

        boolean hasDelta() {
            return delta != null;
        }

        @Override
        public void close() {
            if (delta != null) {
                deleteQuietly(delta.path());
            }
        }
    }

    /**
     * Prepares the delta of {@code file} (size {@code size}, SHA-1 {@code knownSha1} if the caller has it, e.g. from
     * the pack manifest); only an interruption is thrown.
     */
    Prepared prepare(
            Space space,
            PackageFileName name,
            Path file,
            long size,
            Optional<String> knownSha1,
            UploadListener listener)
            throws OctopusException {
        String identity = name.packageId() + " " + name.version();
        Path signatureFile = null;
        // The delta declares the package's SHA-1: hashing it while the signature travels costs no time.
        BackgroundSha1 sha1 = knownSha1.map(BackgroundSha1::known).orElseGet(() -> BackgroundSha1.start(file));
        try {
            signatureFile = tempFileNear(file);
            String path = space.apiPrefix() + "/packages/" + Segments.encode(name.packageId()) + "/"
                    + Segments.encode(name.version()) + "/delta-signature";
            String action = "Asking " + json.settings().serverUrl() + " for a delta signature for " + identity;
            SignatureAnswer answer;
            try {
                answer = fetchSignature(path, action, signatureFile);
            } catch (OctopusException e) {
                if (e.kind() == OctopusException.Kind.INTERRUPTED) {
                    throw e;
                }
                warnings.accept(e.getMessage() + "; uploading the full file instead of a delta");
                return Prepared.fullUpload("the signature request failed");
            }
            if (answer.fullUploadReason != null) {
                return Prepared.fullUpload(answer.fullUploadReason);
            }
            Signature signature;
            try {
                signature = new SignatureReader().read(signatureFile);
            } catch (UnusableSignatureException e) {
                warnings.accept("The delta signature of " + identity + " from "
                        + json.settings().serverUrl() + " is unusable (" + e.getMessage()
                        + "); uploading the full file instead of a delta");
                return Prepared.fullUpload("the server's signature was unusable");
            }
            deleteQuietly(signatureFile);
            signatureFile = null;
            return build(signature, answer.baseVersion, file, size, sha1.await(), listener);
        } catch (IOException e) {
            warnings.accept("Could not build a delta of " + file.getFileName() + " (" + e
                    + "); uploading the full file instead");
            return Prepared.fullUpload("building the delta failed");
        } finally {
            sha1.cancel();
            if (signatureFile != null) {
                deleteQuietly(signatureFile);
            }
        }
    }

    private Prepared build(
            Signature signature,
            String baseVersion,
            Path file,
            long size,
            Optional<String> sha1,
            UploadListener listener)
            throws IOException {
        ProgressReporter progress = new ProgressReporter(
                new UploadListener() {
                    @Override
                    public void progress(long scanned, long total) {
                        listener.deltaProgress(baseVersion, scanned, total);
                    }
                },
                size,
                clock);
        long[] reported = {0};
        Path deltaFile = tempFileNear(file);
        DeltaFile delta;
        try {
            delta = new DeltaBuilder()
                    .withProgressListener((scanned, total) -> {
                        progress.accept(scanned - reported[0]);
                        reported[0] = scanned;
                    })
                    .build(signature, file, deltaFile, sha1.orElse(null));
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(deltaFile);
            throw e;
        }
        progress.finish();
        if (delta.ratio() > MAX_RATIO) {
            deleteQuietly(deltaFile);
            return new Prepared(
                    null,
                    null,
                    "a delta against " + baseVersion + " would be "
                            + DeltaTransfer.percent(delta.deltaSize(), delta.newFileSize()) + " of it",
                    Optional.of(delta.newFileSha1()));
        }
        return new Prepared(baseVersion, delta, null, Optional.of(delta.newFileSha1()));
    }

    /**
     * The package's SHA-1, computed on a thread of its own while the signature is asked for and downloaded; a build
     * that does not need it any more stops it. Any trouble reading the file only means the delta build hashes it.
     */
    private static final class BackgroundSha1 {
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private Thread thread;

        /** A SHA-1 the caller knows already (hex): nothing to compute. */
        static BackgroundSha1 known(String sha1) {
            BackgroundSha1 known = new BackgroundSha1();
            known.result.complete(sha1);
            return known;
        }

        static BackgroundSha1 start(Path file) {
            BackgroundSha1 sha1 = new BackgroundSha1();
            sha1.thread = new Thread(
                    () -> {
                        try {
                            sha1.result.complete(PackageUploader.sha1Of(file));
                        } catch (OctopusException | RuntimeException e) {
                            sha1.result.completeExceptionally(e);
                        }
                    },
                    "octopus-delta-sha1");
            sha1.thread.setDaemon(true);
            sha1.thread.start();
            return sha1;
        }

        /** The SHA-1 (hex), or empty if it could not be computed. */
        Optional<String> await() throws OctopusException {
            try {
                return Optional.of(result.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OctopusException(OctopusException.Kind.INTERRUPTED, "Interrupted while hashing a package");
            } catch (ExecutionException e) {
                return Optional.empty();
            }
        }

        void cancel() {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /** The server's answer: the base version with its signature written to {@code signatureFile}, or a reason. */
    private static final class SignatureAnswer {
        final String baseVersion;
        final String fullUploadReason;

        SignatureAnswer(String baseVersion, String fullUploadReason) {
            this.baseVersion = baseVersion;
            this.fullUploadReason = fullUploadReason;
        }
    }

    /**
     * {@code GET}s the signature once (a failure costs only the delta, never the push) and streams its base64 into
     * {@code signatureFile}, so a large signature never sits on the heap as text.
     */
    private SignatureAnswer fetchSignature(String path, String action, Path signatureFile)
            throws OctopusException, IOException {
        HttpRequest request =
                json.request(path, json.settings().uploadTimeout()).GET().build();
        HttpResponse<InputStream> response = json.send(request, HttpResponse.BodyHandlers.ofInputStream(), action);
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 404) {
                return new SignatureAnswer(null, "no earlier version on the server");
            }
            if (status < 200 || status >= 300) {
                byte[] text = body.readNBytes(64 * 1024);
                throw json.failures().fromResponse(action, status, response.headers(), text, null);
            }
            return readSignature(body, signatureFile);
        } catch (JsonProcessingException e) {
            warnings.accept(action + " failed: the answer is not a signature document (" + e.getOriginalMessage()
                    + "); uploading the full file instead of a delta");
            return new SignatureAnswer(null, "the server's signature was unusable");
        } catch (IOException e) {
            throw json.failures().fromIOException(action, request.uri(), request.timeout(), e);
        }
    }

    private SignatureAnswer readSignature(InputStream body, Path signatureFile) throws IOException {
        String baseVersion = null;
        boolean signature = false;
        try (JsonParser parser = Json.factory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UnusableAnswer("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.getCurrentName().toLowerCase(Locale.ROOT);
                JsonToken value = parser.nextToken();
                if (field.equals("signature") && value == JsonToken.VALUE_STRING) {
                    try (OutputStream out = Files.newOutputStream(signatureFile)) {
                        parser.readBinaryValue(out);
                    } catch (IllegalArgumentException e) {
                        // Jackson reports a character outside base64 this way, not as a parse error.
                        throw new UnusableAnswer("the Signature is not base64: " + e.getMessage());
                    }
                    signature = true;
                } else if (field.equals("baseversion") && value == JsonToken.VALUE_STRING) {
                    baseVersion = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (UnusableAnswer e) {
            warnings.accept(unusable(e.getMessage()));
            return new SignatureAnswer(null, "the server's signature was unusable");
        }
        if (!signature || baseVersion == null || baseVersion.trim().isEmpty()) {
            warnings.accept(unusable("no " + (signature ? "BaseVersion" : "Signature")));
            return new SignatureAnswer(null, "the server's signature was unusable");
        }
        return new SignatureAnswer(baseVersion.trim(), null);
    }

    private String unusable(String why) {
        return "The delta signature answer of " + json.settings().serverUrl() + " is unusable (" + why
                + "); uploading the full file instead of a delta";
    }

    /** A signature answer without the expected shape. */
    private static final class UnusableAnswer extends IOException {
        private static final long serialVersionUID = 1L;

        UnusableAnswer(String message) {
            super(message);
        }
    }

    /**
     * A temporary file beside the package (a delta can be as large as the package, so not in a small temp folder),
     * or in the system's temporary folder when the package's folder is read-only.
     */
    private static Path tempFileNear(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            try {
                return Files.createTempFile(folder, TEMP_PREFIX, ".tmp");
            } catch (IOException e) {
                // Read-only or full: the system's temporary folder may still do.
            }
        }
        return Files.createTempFile(TEMP_PREFIX, ".tmp");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file left behind is harmless and named for what it is.
        }
    }
}

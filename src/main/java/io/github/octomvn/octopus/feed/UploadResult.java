package io.github.octomvn.octopus.feed;

import java.util.Objects;

/** The result of a successful upload: outcome, the server's record, and what it took. */
public final class UploadResult {

    private final UploadOutcome outcome;
    private final PackageRecord record;
    private final String localSha1;
    private final long bytesSent;
    private final int attempts;
    private final String webUrl;

    UploadResult(
            UploadOutcome outcome,
            PackageRecord record,
            String localSha1,
            long bytesSent,
            int attempts,
            String webUrl) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.record = Objects.requireNonNull(record, "record");
        this.localSha1 = Objects.requireNonNull(localSha1, "localSha1");
        this.bytesSent = bytesSent;
        this.attempts = attempts;
        this.webUrl = Objects.requireNonNull(webUrl, "webUrl");
    }

    public UploadOutcome outcome() {
        return outcome;
    }

    /** The package as the server now stores it. */
    public PackageRecord record() {
        return record;
    }

    /** SHA-1 of the local file, lower-case hex. */
    public String localSha1() {
        return localSha1;
    }

    /** Request body bytes sent over all attempts (0 when nothing needed sending). */
    public long bytesSent() {
        return bytesSent;
    }

    /** Upload requests sent (0 when the package was already there). */
    public int attempts() {
        return attempts;
    }

    /** The package's page in the Octopus web UI. */
    public String webUrl() {
        return webUrl;
    }

    /** A one-line summary such as {@code uploaded MyApp 1.0.0 (12345 bytes)}. */
    public String describe() {
        String what = record.packageId() + " " + record.version();
        switch (outcome) {
            case CREATED:
                return "uploaded " + what;
            case REPLACED:
                return "uploaded " + what + ", replacing the previous content";
            case KEPT_EXISTING:
                return what + " already existed, kept (the server's copy differs from the local file)";
            case IDENTICAL:
            default:
                return what + " already on the server, identical";
        }
    }

    @Override
    public String toString() {
        return "UploadResult[" + outcome + ", " + record + ", attempts=" + attempts + ", bytesSent=" + bytesSent + "]";
    }
}

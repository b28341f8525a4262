package io.github.octomvn.octopus.feed;

import java.util.Objects;
import java.util.Optional;

/** The result of a successful upload: outcome, the server's record, and what it took. */
public final class UploadResult {

    private final UploadOutcome outcome;
    private final PackageRecord record;
    private final String localSha1;
    private final long bytesSent;
    private final int attempts;
    private final String webUrl;
    private DeltaTransfer delta;
    private String fullUploadReason;

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

    /** The same result, sent as {@code delta}. */
    UploadResult withDelta(DeltaTransfer delta) {
        UploadResult copy = copy();
        copy.delta = Objects.requireNonNull(delta, "delta");
        return copy;
    }

    /** The same result, sent as the full file after a delta was considered, for {@code reason}. */
    UploadResult withFullUploadReason(String reason) {
        UploadResult copy = copy();
        copy.fullUploadReason = Objects.requireNonNull(reason, "reason");
        return copy;
    }

    private UploadResult copy() {
        UploadResult copy = new UploadResult(outcome, record, localSha1, bytesSent, attempts, webUrl);
        copy.delta = delta;
        copy.fullUploadReason = fullUploadReason;
        return copy;
    }

    /** How the package went as a delta; empty when the full file was sent or nothing was. */
    public Optional<DeltaTransfer> delta() {
        return Optional.ofNullable(delta);
    }

    /** Why the full file was sent although delta compression was on and offered, e.g. no earlier version. */
    public Optional<String> fullUploadReason() {
        return Optional.ofNullable(fullUploadReason);
    }

    /** The package's page in the Octopus web UI. */
    public String webUrl() {
        return webUrl;
    }

    /**
     * A one-line summary such as {@code uploaded MyApp 1.0.1, delta against 1.0.0: 212 KiB of 48.1 MiB (0.4 %)} or
     * {@code uploaded MyApp 1.0.0 (full file: no earlier version on the server)}.
     */
    public String describe() {
        String what = record.packageId() + " " + record.version();
        String how = delta != null
                ? ", " + delta.describe()
                : fullUploadReason != null ? " (full file: " + fullUploadReason + ")" : "";
        switch (outcome) {
            case CREATED:
                return "uploaded " + what + how;
            case REPLACED:
                return "uploaded " + what + ", replacing the previous content" + how;
            case KEPT_EXISTING:
                return what + " already existed, kept (the server's copy differs from the local file)";
            case IDENTICAL:
            default:
                return what + " already on the server, identical";
        }
    }

    @Override
    public String toString() {
        return "UploadResult[" + outcome + ", " + record + ", attempts=" + attempts + ", bytesSent=" + bytesSent
                + (delta == null ? "" : ", " + delta.describe()) + "]";
    }
}

package io.github.octomvn.octopus.ci;

import java.util.Objects;
import java.util.Optional;

/** One package of a push, as the CI's job page shows it: ID, version, size, outcome and its page on the server. */
public final class PackageResult {

    /** What became of the package. */
    public enum Outcome {
        /** Sent as the full file. */
        UPLOADED("uploaded", true),
        /** Sent as a delta against an earlier version. */
        DELTA("uploaded as a delta", true),
        /** The server already had the same file: nothing was sent. */
        ALREADY_THERE("already there", true),
        /** The server had another file of this version and kept it, as the overwrite mode asked. */
        KEPT_EXISTING("skipped: the server keeps its own copy", true),
        /** A dry run: what a push would do, in {@link #detail()}. */
        DRY_RUN("dry run", false),
        /** Not pushed, because an earlier package failed. */
        NOT_PUSHED("skipped: not pushed", false),
        /** The push of this package failed. */
        FAILED("failed", false);

        private final String words;
        private final boolean onServer;

        Outcome(String words, boolean onServer) {
            this.words = words;
            this.onServer = onServer;
        }

        /** For the job page: {@code uploaded}, {@code already there}, ... */
        public String words() {
            return words;
        }

        /** Whether the package ID and version are on the server after this outcome. */
        public boolean onServer() {
            return onServer;
        }
    }

    private final String packageId;
    private final String version;
    private final long sizeBytes;
    private final Outcome outcome;
    private final String link;
    private final String detail;

    /**
     * @param sizeBytes the file's size, or -1 when unknown
     * @param link the package's page on the server, or null
     * @param detail more words on the outcome (the dry run's plan), or null
     */
    public PackageResult(
            String packageId, String version, long sizeBytes, Outcome outcome, String link, String detail) {
        this.packageId = Objects.requireNonNull(packageId, "packageId");
        this.version = Objects.requireNonNull(version, "version");
        this.sizeBytes = sizeBytes;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.link = link;
        this.detail = detail;
    }

    public String packageId() {
        return packageId;
    }

    public String version() {
        return version;
    }

    /** The size in bytes, or -1 when unknown. */
    public long sizeBytes() {
        return sizeBytes;
    }

    public Outcome outcome() {
        return outcome;
    }

    public Optional<String> link() {
        return Optional.ofNullable(link);
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    @Override
    public String toString() {
        return "PackageResult[" + packageId + " " + version + ", " + outcome + "]";
    }
}

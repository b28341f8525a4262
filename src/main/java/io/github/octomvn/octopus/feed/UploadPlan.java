package io.github.octomvn.octopus.feed;

import java.util.Objects;

/** What an upload would do, found out by a dry run: the checks of a real upload, without sending the file. */
public final class UploadPlan {

    /** The step a real upload would take. */
    public enum Action {
        /** The package is not on the server: it would be uploaded. */
        UPLOAD,
        /** The server has other content under this ID and version: it would be replaced (OverwriteExisting). */
        REPLACE,
        /** The server has other content under this ID and version: it would be kept (IgnoreIfExists). */
        KEEP_EXISTING,
        /** The server already has these exact bytes: nothing would be sent. */
        NOTHING_IDENTICAL,
        /** The server did not let this key look the package up: it would be uploaded unchecked. */
        UPLOAD_UNCHECKED
    }

    private final String packageId;
    private final String version;
    private final String localSha1;
    private final long sizeBytes;
    private final Action action;

    UploadPlan(String packageId, String version, String localSha1, long sizeBytes, Action action) {
        this.packageId = Objects.requireNonNull(packageId, "packageId");
        this.version = Objects.requireNonNull(version, "version");
        this.localSha1 = Objects.requireNonNull(localSha1, "localSha1");
        this.sizeBytes = sizeBytes;
        this.action = Objects.requireNonNull(action, "action");
    }

    public String packageId() {
        return packageId;
    }

    public String version() {
        return version;
    }

    /** SHA-1 of the local file, lower-case hex. */
    public String localSha1() {
        return localSha1;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public Action action() {
        return action;
    }

    /** A one-line summary such as {@code would upload MyApp 1.0.0}. */
    public String describe() {
        String what = packageId + " " + version;
        switch (action) {
            case UPLOAD:
                return "would upload " + what;
            case REPLACE:
                return "would replace " + what + " (the server's copy differs)";
            case KEEP_EXISTING:
                return "would keep the server's " + what + " (it differs from the local file; IgnoreIfExists)";
            case UPLOAD_UNCHECKED:
                return "would upload " + what + " (this API key cannot look packages up, so unchecked)";
            case NOTHING_IDENTICAL:
            default:
                return what + " already on the server, identical: nothing to send";
        }
    }

    @Override
    public String toString() {
        return "UploadPlan[" + packageId + " " + version + ", " + action + "]";
    }
}

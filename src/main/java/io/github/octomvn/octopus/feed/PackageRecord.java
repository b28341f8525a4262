package io.github.octomvn.octopus.feed;

import java.util.Locale;
import java.util.Objects;

/** A package as the built-in feed stores it: identity, SHA-1 and size. */
public final class PackageRecord {

    private final String id;
    private final String packageId;
    private final String version;
    private final String sha1;
    private final long sizeBytes;

    public PackageRecord(String id, String packageId, String version, String sha1, long sizeBytes) {
        this.id = Objects.requireNonNull(id, "id");
        this.packageId = Objects.requireNonNull(packageId, "packageId");
        this.version = Objects.requireNonNull(version, "version");
        this.sha1 = Objects.requireNonNull(sha1, "sha1").toLowerCase(Locale.ROOT);
        this.sizeBytes = sizeBytes;
    }

    /** The server's resource id, e.g. {@code packages-MyApp.1.0.0}. */
    public String id() {
        return id;
    }

    public String packageId() {
        return packageId;
    }

    public String version() {
        return version;
    }

    /** SHA-1 of the stored file, lower-case hex; empty if the server did not say. */
    public String sha1() {
        return sha1;
    }

    /** Size of the stored file in bytes, or -1 if the server did not say. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** True when the server reported a hash equal to {@code localSha1}. */
    public boolean hasSha1(String localSha1) {
        return !sha1.isEmpty() && sha1.equalsIgnoreCase(localSha1);
    }

    @Override
    public String toString() {
        return "PackageRecord[" + packageId + " " + version + ", sha1=" + sha1 + ", size=" + sizeBytes + "]";
    }
}

package io.github.octomvn.octopus.pack;

import java.nio.file.Path;

/** A package file that {@link PackageBuilder} wrote, with what an upload and a build log need to know about it. */
public final class PackedPackage {
    private final Path file;
    private final PackageFormat format;
    private final long sizeBytes;
    private final int entryCount;
    private final String sha1;

    public PackedPackage(Path file, PackageFormat format, long sizeBytes, int entryCount, String sha1) {
        this.file = file;
        this.format = format;
        this.sizeBytes = sizeBytes;
        this.entryCount = entryCount;
        this.sha1 = sha1;
    }

    public Path file() {
        return file;
    }

    public String fileName() {
        return file.getFileName().toString();
    }

    public PackageFormat format() {
        return format;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /** Files in the package (directory entries not counted); for {@link PackageFormat#ARTIFACT}, its zip entries. */
    public int entryCount() {
        return entryCount;
    }

    /** SHA-1 of the file in lowercase hex, as Octopus reports it in a package's {@code Hash}. */
    public String sha1() {
        return sha1;
    }

    @Override
    public String toString() {
        return fileName() + " (" + format.id() + ", " + sizeBytes + " bytes, " + entryCount + " entries, sha1 " + sha1
                + ")";
    }
}

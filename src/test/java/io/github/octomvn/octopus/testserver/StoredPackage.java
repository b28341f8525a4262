package io.github.octomvn.octopus.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A package the test server has stored on disk, as the tests see it. */
public final class StoredPackage {

    private final String spaceId;
    private final String packageId;
    private final String version;
    private final String fileName;
    private final String extension;
    private final String sha1;
    private final long size;
    private final Path path;

    StoredPackage(
            String spaceId,
            String packageId,
            String version,
            String fileName,
            String extension,
            String sha1,
            long size,
            Path path) {
        this.spaceId = spaceId;
        this.packageId = packageId;
        this.version = version;
        this.fileName = fileName;
        this.extension = extension;
        this.sha1 = sha1;
        this.size = size;
        this.path = path;
    }

    /** {@code Spaces-1}, or empty on a legacy server. */
    public String spaceId() {
        return spaceId;
    }

    public String packageId() {
        return packageId;
    }

    /** The version as it appeared in the file name. */
    public String version() {
        return version;
    }

    public String fileName() {
        return fileName;
    }

    public String extension() {
        return extension;
    }

    /** Lower-case hex SHA-1, computed while the upload streamed in. */
    public String sha1() {
        return sha1;
    }

    public long size() {
        return size;
    }

    /** Where the bytes are stored. */
    public Path path() {
        return path;
    }

    /** True when the stored bytes equal the content of {@code file}. */
    public boolean contentEquals(Path file) throws IOException {
        if (Files.size(file) != size) {
            return false;
        }
        try (InputStream a = Files.newInputStream(path);
                InputStream b = Files.newInputStream(file)) {
            byte[] x = new byte[64 * 1024];
            byte[] y = new byte[64 * 1024];
            while (true) {
                int n = a.readNBytes(x, 0, x.length);
                int m = b.readNBytes(y, 0, y.length);
                if (n != m || !Arrays.equals(x, 0, n, y, 0, m)) {
                    return false;
                }
                if (n < x.length) {
                    return true;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "StoredPackage[" + (spaceId.isEmpty() ? "" : spaceId + " ") + packageId + " " + version + ", " + size
                + " bytes, sha1 " + sha1 + "]";
    }
}

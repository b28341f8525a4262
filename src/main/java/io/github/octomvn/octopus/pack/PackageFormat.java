package io.github.octomvn.octopus.pack;

import java.util.Locale;
import java.util.Optional;

/** How a package is written: a zip, a gzipped tar, or the project's main artifact copied under the Octopus name. */
public enum PackageFormat {
    ZIP("zip", ".zip"),
    TAR_GZ("tar.gz", ".tar.gz"),
    /** A copy of the main artifact that keeps the artifact's own extension (.jar, .war, .ear, .rar or .zip). */
    ARTIFACT("artifact", null);

    private final String id;
    private final String extension;

    PackageFormat(String id, String extension) {
        this.id = id;
        this.extension = extension;
    }

    /** Accepts {@code zip}, {@code tar.gz}, {@code tgz} and {@code artifact}, in any case. */
    public static PackageFormat parse(String text) throws PackagingException {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "zip":
                return ZIP;
            case "tar.gz":
            case "tgz":
                return TAR_GZ;
            case "artifact":
                return ARTIFACT;
            default:
                throw new PackagingException(
                        "Unknown package format '" + text + "': use one of zip, tar.gz (or tgz), artifact.");
        }
    }

    /** The user-facing name, as {@link #parse} accepts it. */
    public String id() {
        return id;
    }

    /** The file extension, or empty for {@link #ARTIFACT}, whose extension comes from the artifact. */
    public Optional<String> extension() {
        return Optional.ofNullable(extension);
    }
}

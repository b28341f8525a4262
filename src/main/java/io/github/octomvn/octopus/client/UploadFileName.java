package io.github.octomvn.octopus.client;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code <PackageId>.<Version><extension>} name the server derives a package's identity from, checked
 * before anything is sent. (pack/ owns the rules for generating names; this only reads them.)
 */
final class UploadFileName {

    /** Extensions of the built-in feed, longest first so that {@code .tar.gz} wins over {@code .gz}. */
    static final List<String> EXTENSIONS = Arrays.asList(
            ".tar.bz2",
            ".tar.gz",
            ".tar.bz",
            ".tar.z",
            ".nupkg",
            ".tbz2",
            ".tar",
            ".tgz",
            ".tbz",
            ".zip",
            ".jar",
            ".war",
            ".ear",
            ".rar");

    // The grammar of the server-derived parsers (Octopus PackageIdentityParser): a lazy ID, '.', a version
    // of 1 to 4 numbers with optional pre-release labels and build metadata; case-insensitive, anchored.
    private static final Pattern ID_AND_VERSION = Pattern.compile("(?<id>\\w+(?:[_.-]\\w+)*?)\\."
            + "(?<version>(?<numbers>\\d+(?:\\.\\d+){0,3})"
            + "(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?"
            + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)");

    private final String packageId;
    private final String version;
    private final String extension;

    private UploadFileName(String packageId, String version, String extension) {
        this.packageId = packageId;
        this.version = version;
        this.extension = extension;
    }

    /** Parses {@code fileName}, or explains in one sentence why Octopus would refuse it. */
    static UploadFileName parse(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        String extension = null;
        for (String candidate : EXTENSIONS) {
            if (lower.endsWith(candidate)) {
                extension = fileName.substring(fileName.length() - candidate.length());
                break;
            }
        }
        if (extension == null) {
            throw new IllegalArgumentException("'" + fileName
                    + "' is not in a format the Octopus built-in feed accepts;" + " supported extensions are "
                    + String.join(", ", EXTENSIONS).replace(".tar.z", ".tar.Z"));
        }
        String stem = fileName.substring(0, fileName.length() - extension.length());
        Matcher m = ID_AND_VERSION.matcher(stem);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + fileName + "' is not named <PackageId>.<Version><extension>"
                    + " (e.g. MyApp.Web.1.2.3.zip) with a SemVer version of 1 to 4 numbers, so Octopus cannot tell"
                    + " the package ID from the version");
        }
        for (String number : m.group("numbers").split("\\.")) {
            if (number.length() > 10 || Long.parseLong(number) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'" + fileName + "' has version " + m.group("version")
                        + " whose part " + number + " is larger than Octopus allows (2147483647)");
            }
        }
        return new UploadFileName(m.group("id"), m.group("version"), extension);
    }

    String packageId() {
        return packageId;
    }

    String version() {
        return version;
    }

    String extension() {
        return extension;
    }

    @Override
    public String toString() {
        return packageId + " " + version;
    }
}

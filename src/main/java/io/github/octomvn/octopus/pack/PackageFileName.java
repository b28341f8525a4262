package io.github.octomvn.octopus.pack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code <PackageId>.<Version><extension>} file name, generated and parsed as Octopus does. */
public final class PackageFileName {
    /** Extensions the built-in feed accepts, longest first so {@code .tar.gz} wins over {@code .gz}-less forms. */
    public static final List<String> SUPPORTED_EXTENSIONS = Collections.unmodifiableList(Arrays.asList(
            ".tar.gz",
            ".tar.bz2",
            ".tar.bz",
            ".tar.Z",
            ".tgz",
            ".tbz2",
            ".tbz",
            ".zip",
            ".jar",
            ".war",
            ".ear",
            ".rar",
            ".nupkg",
            ".tar"));

    // The server's grammar: a lazy ID, then '.', then a version; Java's \w is ASCII-only like the IDs we make.
    private static final Pattern NAME = Pattern.compile(
            "(?<id>\\w+(?:[_.-]\\w+)*?)\\."
                    + "(?<version>[0-9]+(?:\\.[0-9]+){0,3}(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBERS = Pattern.compile("[0-9]+(?:\\.[0-9]+)*");

    private final String packageId;
    private final String version;
    private final String extension;

    private PackageFileName(String packageId, String version, String extension) {
        this.packageId = packageId;
        this.version = version;
        this.extension = extension;
    }

    /**
     * Builds {@code <id>.<version><extension>}.
     *
     * @throws IllegalArgumentException if the extension is not one of {@link #SUPPORTED_EXTENSIONS}
     */
    public static String of(PackageId id, OctopusVersion version, String extension) {
        if (!supportedExtension(extension).isPresent()) {
            throw new IllegalArgumentException("Unsupported package extension '" + extension + "'");
        }
        return id.value() + "." + version + extension;
    }

    /**
     * Reads a file name the way Octopus does: strips a supported extension, then splits ID and version; empty when
     * the extension is unsupported or the rest does not match.
     */
    public static Optional<PackageFileName> parse(String fileName) {
        Optional<String> extension = SUPPORTED_EXTENSIONS.stream()
                .filter(ext -> fileName.length() > ext.length() && endsWithIgnoreCase(fileName, ext))
                .findFirst()
                .map(ext -> fileName.substring(fileName.length() - ext.length()));
        if (!extension.isPresent()) {
            return Optional.empty();
        }
        String stem = fileName.substring(0, fileName.length() - extension.get().length());
        Matcher m = NAME.matcher(stem);
        if (!m.matches() || !numbersFitInt32(m.group("version"))) {
            return Optional.empty();
        }
        return Optional.of(new PackageFileName(m.group("id"), m.group("version"), extension.get()));
    }

    /**
     * Fails unless the generated file name parses back to the same ID and version, so Octopus files the package
     * where the user expects it.
     */
    public static void checkRoundTrip(PackageId id, OctopusVersion version, String extension)
            throws PackagingException {
        if (!supportedExtension(extension).isPresent()) {
            throw new PackagingException("Unsupported package extension '" + extension + "' for " + id
                    + ": Octopus accepts " + String.join(", ", SUPPORTED_EXTENSIONS) + ".");
        }
        String name = of(id, version, extension);
        Optional<PackageFileName> parsed = parse(name);
        if (!parsed.isPresent()) {
            throw new PackagingException("Package file name '" + name
                    + "' cannot be read back by Octopus as an ID and a version. Change the package ID or version.");
        }
        if (!parsed.get().packageId().equals(id.value())
                || !parsed.get().version().equals(version.toString())) {
            throw new PackagingException(
                    "Package file name '" + name + "' would be read back by Octopus as ID '"
                            + parsed.get().packageId() + "' and version '"
                            + parsed.get().version() + "', not '" + id
                            + "' and '" + version + "'. Change the package ID ("
                            + PackagingException.Remedy.SET_PACKAGE_ID.text() + ").",
                    PackagingException.Remedy.SET_PACKAGE_ID);
        }
    }

    public String packageId() {
        return packageId;
    }

    public String version() {
        return version;
    }

    /** The extension as it appeared in the file name, with its leading dot. */
    public String extension() {
        return extension;
    }

    private static Optional<String> supportedExtension(String extension) {
        return SUPPORTED_EXTENSIONS.stream()
                .filter(ext -> ext.equalsIgnoreCase(extension))
                .findFirst();
    }

    private static boolean endsWithIgnoreCase(String text, String suffix) {
        return text.regionMatches(true, text.length() - suffix.length(), suffix, 0, suffix.length());
    }

    private static boolean numbersFitInt32(String version) {
        Matcher m = NUMBERS.matcher(version);
        m.lookingAt();
        for (String part : m.group().split("\\.")) {
            String significant = part.replaceFirst("^0+(?=.)", "");
            if (significant.length() > 10
                    || (significant.length() == 10 && significant.compareTo(String.valueOf(Integer.MAX_VALUE)) > 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the built-in feed files this package under: the ID case-insensitively and the version semantically
     * ({@code 1.0}, {@code 1.0.0} and {@code 1.00.0.0} are one version, labels compare case-insensitively), so
     * two names with the same key are one package on the server whatever their extensions.
     */
    public String feedKey() {
        Matcher m = NUMBERS.matcher(version);
        m.lookingAt();
        List<String> numbers = new ArrayList<>();
        for (String part : m.group().split("\\.")) {
            numbers.add(part.replaceFirst("^0+(?=.)", ""));
        }
        while (numbers.size() > 3 && numbers.get(numbers.size() - 1).equals("0")) {
            numbers.remove(numbers.size() - 1);
        }
        while (numbers.size() < 3) {
            numbers.add("0");
        }
        String rest = version.substring(m.end());
        int plus = rest.indexOf('+');
        String label = plus < 0 ? rest : rest.substring(0, plus);
        String metadata = plus < 0 ? "" : rest.substring(plus);
        return packageId.toLowerCase(Locale.ROOT) + "." + String.join(".", numbers) + label.toLowerCase(Locale.ROOT)
                + metadata;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PackageFileName)) {
            return false;
        }
        PackageFileName other = (PackageFileName) o;
        return packageId.equals(other.packageId) && version.equals(other.version) && extension.equals(other.extension);
    }

    @Override
    public int hashCode() {
        return (packageId.hashCode() * 31 + version.hashCode()) * 31 + extension.hashCode();
    }

    @Override
    public String toString() {
        return packageId + "." + version + extension;
    }
}

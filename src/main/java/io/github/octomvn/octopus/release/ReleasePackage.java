package io.github.octomvn.octopus.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One package version a release selects: {@code <packageIdOrStep>:<version>}, or
 * {@code <packageIdOrStep>:<packageReferenceName>:<version>} for a step's additional package. Colons inside the
 * package ID or step name (Maven-style IDs such as {@code com.example:shop}) are written {@code \:}.
 */
public final class ReleasePackage {

    private final String packageIdOrStep;
    private final String referenceName;
    private final String version;

    private ReleasePackage(String packageIdOrStep, String referenceName, String version) {
        this.packageIdOrStep = requireText(packageIdOrStep, "package ID or step name");
        this.referenceName = referenceName;
        this.version = requireText(version, "version");
    }

    /** A step's primary package, named by package ID or step name. */
    public static ReleasePackage of(String packageIdOrStep, String version) {
        return new ReleasePackage(packageIdOrStep, null, version);
    }

    /** A step's package reference. */
    public static ReleasePackage of(String packageIdOrStep, String referenceName, String version) {
        return new ReleasePackage(packageIdOrStep, requireText(referenceName, "package reference name"), version);
    }

    /**
     * Reads the two or three colon-separated parts, {@code \:} standing for a colon inside a part.
     *
     * @throws IllegalArgumentException when the text has another shape
     */
    public static ReleasePackage parse(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
                current.append(':');
                i++;
            } else if (c == ':') {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().trim());
        if (parts.size() < 2 || parts.size() > 3 || parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + text + "' is not a package version: write PackageId:Version,"
                    + " StepName:Version or StepName:PackageReferenceName:Version (a colon inside a name as \\:)");
        }
        return parts.size() == 2 ? of(parts.get(0), parts.get(1)) : of(parts.get(0), parts.get(1), parts.get(2));
    }

    public String packageIdOrStep() {
        return packageIdOrStep;
    }

    /** The package reference name, absent for a step's primary package. */
    public Optional<String> referenceName() {
        return Optional.ofNullable(referenceName);
    }

    public String version() {
        return version;
    }

    /** True when a name needs the {@code \:} escape, which servers before 2025.4.10680 do not read. */
    public boolean needsEscaping() {
        return packageIdOrStep.contains(":") || (referenceName != null && referenceName.contains(":"));
    }

    /** As the executions API reads it. */
    public String wire() {
        return escape(packageIdOrStep) + ":" + (referenceName == null ? "" : escape(referenceName) + ":") + version;
    }

    private static String escape(String part) {
        return part.replace(":", "\\:");
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.trim().isEmpty()) {
            throw new IllegalArgumentException("The " + what + " must not be blank");
        }
        return value.trim();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReleasePackage)) {
            return false;
        }
        ReleasePackage other = (ReleasePackage) o;
        return packageIdOrStep.equals(other.packageIdOrStep)
                && Objects.equals(referenceName, other.referenceName)
                && version.equals(other.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(packageIdOrStep, referenceName, version);
    }

    @Override
    public String toString() {
        return wire();
    }
}

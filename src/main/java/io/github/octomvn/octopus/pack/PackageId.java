package io.github.octomvn.octopus.pack;

import java.util.Optional;
import java.util.regex.Pattern;

/** An Octopus package ID that Octopus reads back unchanged from {@code <id>.<version><ext>}. */
public final class PackageId {
    /** Octopus publishes no limit; this keeps file names well under the lengths servers are known to accept. */
    public static final int MAX_LENGTH = 100;

    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");
    // Octopus's version grammar lets a label start with '-', so "app.2-x.1.0.zip" reads as app / 2-x.1.0.
    private static final Pattern NUMBER_THEN_HYPHEN = Pattern.compile("[0-9]+-.*");
    private static final String FIX_HINT = " (" + PackagingException.Remedy.SET_PACKAGE_ID.text() + ").";

    private final String value;

    private PackageId(String value) {
        this.value = value;
    }

    /**
     * Validates an ID: ASCII letters and digits in segments joined by single {@code .}, {@code -} or
     * {@code _}, at most {@value #MAX_LENGTH} characters, and no numeric segment that the file-name parser
     * would take for the start of the version.
     */
    public static PackageId of(String id) throws PackagingException {
        Optional<String> problem = problem(id);
        if (problem.isPresent()) {
            throw new PackagingException(
                    "Invalid Octopus package ID '" + id + "': " + problem.get() + ". Use e.g. '" + suggest(id) + "'"
                            + FIX_HINT,
                    PackagingException.Remedy.SET_PACKAGE_ID);
        }
        return new PackageId(id);
    }

    /** Turns any text (for example a Maven artifactId) into a valid package ID. */
    public static String suggest(String raw) {
        String cleaned = trimSeparators(collapseSeparators(replaceIllegal(raw)));
        if (cleaned.isEmpty()) {
            return "package";
        }
        String candidate = fixNumericSegments(cleaned);
        // Prefixing 'v' can push a long ID over the limit, and cutting can expose a new numeric tail.
        for (int limit = MAX_LENGTH; problem(candidate).isPresent() && limit > 0; limit--) {
            String cut = trimSeparators(cleaned.substring(0, Math.min(limit, cleaned.length())));
            candidate = cut.isEmpty() ? "package" : fixNumericSegments(cut);
        }
        return candidate;
    }

    public String value() {
        return value;
    }

    private static Optional<String> problem(String id) {
        if (id.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (id.length() > MAX_LENGTH) {
            return Optional.of("it is " + id.length() + " characters long and the limit is " + MAX_LENGTH);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isAsciiAlphanumeric(c) && !isSeparator(c)) {
                return Optional.of("the character " + describe(c)
                        + " is not allowed (only ASCII letters, digits and single '.', '-' or '_' between them)");
            }
            if (isSeparator(c) && i > 0 && isSeparator(id.charAt(i - 1))) {
                return Optional.of("it has two separators in a row ('" + id.charAt(i - 1) + c + "')");
            }
        }
        if (isSeparator(id.charAt(0))) {
            return Optional.of("it starts with '" + id.charAt(0) + "'");
        }
        if (isSeparator(id.charAt(id.length() - 1))) {
            return Optional.of("it ends with '" + id.charAt(id.length() - 1) + "'");
        }
        String[] dotSegments = id.split("\\.", -1);
        for (int i = 0; i < dotSegments.length; i++) {
            String segment = dotSegments[i];
            if (NUMERIC.matcher(segment).matches()) {
                return Optional.of("the segment '" + segment
                        + "' is numeric, so Octopus would read the ID and version back differently");
            }
            if (i > 0 && NUMBER_THEN_HYPHEN.matcher(segment).matches()) {
                return Optional.of("the segment '" + segment
                        + "' starts with a number and '-', so Octopus would read the ID and version back differently");
            }
        }
        String last = lastSegment(id);
        if (NUMERIC.matcher(last).matches()) {
            return Optional.of("the last segment '" + last
                    + "' is numeric, so Octopus would read the ID and version back differently");
        }
        return Optional.empty();
    }

    private static String replaceIllegal(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            sb.append(isAsciiAlphanumeric(c) || isSeparator(c) ? c : '-');
        }
        return sb.toString();
    }

    private static String collapseSeparators(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isSeparator(c) && sb.length() > 0 && isSeparator(sb.charAt(sb.length() - 1)))) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String trimSeparators(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSeparator(s.charAt(start))) {
            start++;
        }
        while (end > start && isSeparator(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String fixNumericSegments(String id) {
        String[] dotSegments = id.split("\\.", -1);
        for (int i = 0; i < dotSegments.length; i++) {
            String segment = dotSegments[i];
            if (NUMERIC.matcher(segment).matches()
                    || (i > 0 && NUMBER_THEN_HYPHEN.matcher(segment).matches())) {
                dotSegments[i] = "v" + segment;
            }
        }
        String joined = String.join(".", dotSegments);
        String last = lastSegment(joined);
        if (NUMERIC.matcher(last).matches()) {
            int at = joined.length() - last.length();
            joined = joined.substring(0, at) + "v" + last;
        }
        return joined;
    }

    private static String lastSegment(String id) {
        int at = Math.max(id.lastIndexOf('.'), Math.max(id.lastIndexOf('-'), id.lastIndexOf('_')));
        return id.substring(at + 1);
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isSeparator(char c) {
        return c == '.' || c == '-' || c == '_';
    }

    private static String describe(char c) {
        if (c < 0x20 || c == 0x7f) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackageId && ((PackageId) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}

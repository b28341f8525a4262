package io.github.octomvn.octopus.pack;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version the Octopus built-in feed accepts: 1 to 4 numeric parts, optional {@code -label} and {@code +metadata}.
 */
public final class OctopusVersion {
    private static final Pattern SHAPE = Pattern.compile(
            "(?<numbers>[0-9]+(?:\\.[0-9]+){0,3})" + "(?:-(?<label>[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
                    + "(?:\\+(?<meta>[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");
    private static final Pattern LEADING_NUMBERS = Pattern.compile("[0-9]+(?:\\.[0-9]+)*");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");
    private static final Pattern SNAPSHOT_SUFFIX = Pattern.compile("(?i)[-._]?SNAPSHOT$");
    private static final Pattern ILLEGAL_IN_IDENTIFIERS = Pattern.compile("[^0-9A-Za-z.-]");
    private static final List<String> RELEASE_WORDS = Arrays.asList("release", "final", "ga");
    private static final DateTimeFormatter SNAPSHOT_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String FIX_HINT = " " + PackagingException.Remedy.SET_VERSION.text() + ".";

    private final String text;
    private final boolean preRelease;

    private OctopusVersion(String text, boolean preRelease) {
        this.text = text;
        this.preRelease = preRelease;
    }

    /**
     * Validates a version strictly enough that both the server and the official clients accept it: numeric parts
     * fit in an Int32 and numeric label identifiers have no leading zeros.
     */
    public static OctopusVersion parse(String version) throws PackagingException {
        Optional<String> problem = problem(version);
        if (problem.isPresent()) {
            throw new PackagingException(
                    "Invalid Octopus version '" + version + "': " + problem.get() + "." + FIX_HINT,
                    PackagingException.Remedy.SET_VERSION);
        }
        Matcher m = SHAPE.matcher(version);
        m.matches();
        return new OctopusVersion(version, m.group("label") != null);
    }

    /**
     * Maps a Maven project version to an Octopus version: valid versions are kept, release qualifiers
     * ({@code RELEASE}, {@code Final}, {@code GA}) dropped, other qualifiers turned into a pre-release label,
     * surplus or oversized numeric parts moved into the label, and {@code -SNAPSHOT} made unique per build with
     * {@code buildTime}.
     */
    public static OctopusVersion fromMaven(String mavenVersion, Instant buildTime) throws PackagingException {
        String trimmed = mavenVersion.trim();
        if (trimmed.isEmpty() || !isDigit(trimmed.charAt(0))) {
            throw new PackagingException(
                    "Maven version '" + mavenVersion
                            + "' cannot be mapped to an Octopus version: it must start with a number." + FIX_HINT,
                    PackagingException.Remedy.SET_VERSION);
        }
        Matcher snapshot = SNAPSHOT_SUFFIX.matcher(trimmed);
        boolean isSnapshot = snapshot.find();
        String release = isSnapshot ? trimmed.substring(0, snapshot.start()) : trimmed;
        if (!isSnapshot && problem(release).isEmpty() && !hasReleaseWord(release)) {
            return parse(release);
        }

        Matcher numbers = LEADING_NUMBERS.matcher(release);
        numbers.lookingAt();
        List<String> numericParts =
                new ArrayList<>(Arrays.asList(numbers.group().split("\\.")));
        String rest = release.substring(numbers.end());
        int plus = rest.indexOf('+');
        String qualifier = plus < 0 ? rest : rest.substring(0, plus);
        String meta = plus < 0 ? "" : rest.substring(plus + 1);

        List<String> label = new ArrayList<>();
        int cut = firstPartToMove(numericParts);
        if (cut < numericParts.size()) {
            boolean overflow = !fitsInt32(numericParts.get(cut));
            for (String part : numericParts.subList(cut, numericParts.size())) {
                label.addAll(splitTimestamp(stripLeadingZeros(part)));
            }
            numericParts = new ArrayList<>(numericParts.subList(0, cut));
            if (overflow) {
                padTo3(numericParts);
            }
        }
        label.addAll(qualifierIdentifiers(qualifier));
        if (isSnapshot) {
            padTo3(numericParts);
            String stamp = SNAPSHOT_STAMP.format(buildTime);
            if (label.isEmpty()) {
                label.add("SNAPSHOT");
            } else {
                label.set(label.size() - 1, label.get(label.size() - 1) + "-SNAPSHOT");
            }
            label.add(stamp);
        }

        StringBuilder mapped = new StringBuilder(String.join(".", numericParts));
        if (!label.isEmpty()) {
            mapped.append('-').append(String.join(".", label));
        }
        List<String> metaIdentifiers = sanitisedIdentifiers(meta);
        if (!metaIdentifiers.isEmpty()) {
            mapped.append('+').append(String.join(".", metaIdentifiers));
        }
        String result = mapped.toString();
        Optional<String> problem = problem(result);
        if (problem.isPresent()) {
            throw new PackagingException(
                    "Maven version '" + mavenVersion
                            + "' cannot be mapped to an Octopus version: '" + result + "' is invalid because "
                            + problem.get() + "." + FIX_HINT,
                    PackagingException.Remedy.SET_VERSION);
        }
        return new OctopusVersion(result, !label.isEmpty());
    }

    public boolean isPreRelease() {
        return preRelease;
    }

    private static Optional<String> problem(String version) {
        if (version.isEmpty()) {
            return Optional.of("it is empty");
        }
        Matcher m = SHAPE.matcher(version);
        if (!m.matches()) {
            return Optional.of("it must be 1 to 4 numbers separated by '.', optionally followed by -label and"
                    + " +metadata made of ASCII letters, digits and '-' in '.'-separated parts (e.g. 1.2.3-beta.1)");
        }
        for (String part : m.group("numbers").split("\\.")) {
            if (!fitsInt32(part)) {
                return Optional.of("the number " + part + " is larger than " + Integer.MAX_VALUE);
            }
        }
        if (m.group("label") != null) {
            for (String identifier : m.group("label").split("\\.")) {
                if (identifier.length() > 1
                        && identifier.charAt(0) == '0'
                        && NUMERIC.matcher(identifier).matches()) {
                    return Optional.of("the numeric label part '" + identifier + "' has a leading zero");
                }
            }
        }
        return Optional.empty();
    }

    private static int firstPartToMove(List<String> numericParts) {
        for (int i = 0; i < numericParts.size(); i++) {
            if (i == 4 || !fitsInt32(numericParts.get(i))) {
                return i;
            }
        }
        return numericParts.size();
    }

    private static List<String> splitTimestamp(String number) {
        // A yyyyMMddHHmmss build stamp reads better, and sorts the same, as date.time.
        if (number.length() == 14) {
            return Arrays.asList(number.substring(0, 8), stripLeadingZeros(number.substring(8)));
        }
        return Arrays.asList(number);
    }

    private static List<String> qualifierIdentifiers(String qualifier) {
        List<String> identifiers = new ArrayList<>();
        for (String identifier : sanitisedIdentifiers(qualifier)) {
            List<String> words = new ArrayList<>(Arrays.asList(identifier.split("-")));
            words.removeIf(word -> RELEASE_WORDS.contains(word.toLowerCase(Locale.ROOT)));
            String kept = String.join("-", words);
            if (!kept.isEmpty()) {
                identifiers.add(NUMERIC.matcher(kept).matches() ? stripLeadingZeros(kept) : kept);
            }
        }
        return identifiers;
    }

    /** Illegal characters become '-', repeated separators collapse, empty identifiers disappear. */
    private static List<String> sanitisedIdentifiers(String text) {
        String legal = ILLEGAL_IN_IDENTIFIERS.matcher(text).replaceAll("-");
        List<String> identifiers = new ArrayList<>();
        for (String raw : legal.split("\\.")) {
            String identifier = raw.replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
            if (!identifier.isEmpty()) {
                identifiers.add(identifier);
            }
        }
        return identifiers;
    }

    private static boolean hasReleaseWord(String version) {
        for (String word : version.split("[^0-9A-Za-z]+")) {
            if (RELEASE_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static void padTo3(List<String> numericParts) {
        while (numericParts.size() < 3) {
            numericParts.add("0");
        }
    }

    private static boolean fitsInt32(String digits) {
        String significant = stripLeadingZeros(digits);
        return significant.length() < 10
                || (significant.length() == 10 && significant.compareTo(String.valueOf(Integer.MAX_VALUE)) <= 0);
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OctopusVersion && ((OctopusVersion) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The version text, exactly as it goes into the file name and the API. */
    @Override
    public String toString() {
        return text;
    }
}

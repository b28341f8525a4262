package io.github.octomvn.octopus.testserver;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's reading of package file names and versions (spec §3.1–3.3), written independently of the
 * client's parser so that the two can disagree when one of them is wrong.
 */
final class PackageNames {

    static final int MAX_FILE_NAME_LENGTH = 200;

    /** Supported extensions (§3.2), compared case-insensitively, longest first. */
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

    private static final String LABEL = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
    private static final Pattern ID_VERSION = Pattern.compile(
            "(?i)^(\\w+(?:[_.-]\\w+)*?)\\.((\\d+(?:\\.\\d+){0,3})" + "(?:-(" + LABEL + "))?(?:\\+(" + LABEL + "))?)$");

    private static final Pattern VERSION =
            Pattern.compile("^(\\d+(?:\\.\\d+){0,3})(?:-(" + LABEL + "))?(?:\\+(" + LABEL + "))?$");
    private static final Pattern PACKAGE_ID = Pattern.compile("^\\w+(?:[_.-]\\w+)*$");

    private PackageNames() {}

    /** A package ID Octopus accepts: word characters in segments joined by {@code .}, {@code -} or {@code _}. */
    static boolean isValidPackageId(String packageId) {
        return PACKAGE_ID.matcher(packageId).matches();
    }

    /** The semantic key of a version ({@code 1.0} and {@code 1.0.0.0} share one), empty when it is not valid. */
    static Optional<String> versionKey(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            return Optional.empty();
        }
        return parseIdentity("x." + version)
                .filter(i -> i.packageId.equals("x"))
                .map(i -> i.versionKey);
    }

    /**
     * SemVer precedence: numeric parts, then a release above its pre-releases, then labels identifier by
     * identifier (numeric ones numerically and below alphanumeric ones); build metadata does not count. Invalid
     * versions sort below valid ones.
     */
    static int compareVersions(String a, String b) {
        Matcher x = VERSION.matcher(a);
        Matcher y = VERSION.matcher(b);
        boolean validX = x.matches();
        boolean validY = y.matches();
        if (!validX || !validY) {
            return validX ? 1 : validY ? -1 : a.compareToIgnoreCase(b);
        }
        String[] nx = x.group(1).split("\\.");
        String[] ny = y.group(1).split("\\.");
        for (int i = 0; i < 4; i++) {
            BigInteger px = i < nx.length ? new BigInteger(nx[i]) : BigInteger.ZERO;
            BigInteger py = i < ny.length ? new BigInteger(ny[i]) : BigInteger.ZERO;
            int c = px.compareTo(py);
            if (c != 0) {
                return c;
            }
        }
        String lx = x.group(2);
        String ly = y.group(2);
        if (lx == null || ly == null) {
            return lx == null ? (ly == null ? 0 : 1) : -1;
        }
        String[] ix = lx.split("\\.");
        String[] iy = ly.split("\\.");
        for (int i = 0; i < Math.min(ix.length, iy.length); i++) {
            boolean numX = ix[i].matches("\\d+");
            boolean numY = iy[i].matches("\\d+");
            int c;
            if (numX && numY) {
                c = new BigInteger(ix[i]).compareTo(new BigInteger(iy[i]));
            } else if (numX || numY) {
                c = numX ? -1 : 1;
            } else {
                c = ix[i].compareToIgnoreCase(iy[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ix.length, iy.length);
    }

    /** A package identity read from {@code <id>.<version>}. */
    static final class Identity {
        final String packageId;
        final String version;
        final String versionKey;

        Identity(String packageId, String version, String versionKey) {
            this.packageId = packageId;
            this.version = version;
            this.versionKey = versionKey;
        }

        /** The feed's key: IDs compare case-insensitively, versions semantically. */
        String key(String spaceId) {
            return spaceId + "|" + packageId.toLowerCase(Locale.ROOT) + "|" + versionKey;
        }
    }

    static Optional<String> extensionOf(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream()
                .filter(lower::endsWith)
                .findFirst()
                .map(ext -> fileName.substring(fileName.length() - ext.length()));
    }

    /** Parses {@code <id>.<version>} (no extension); empty when it is not a valid identity. */
    static Optional<Identity> parseIdentity(String idAndVersion) {
        Matcher m = ID_VERSION.matcher(idAndVersion);
        if (!m.matches()) {
            return Optional.empty();
        }
        String[] numbers = m.group(3).split("\\.");
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            BigInteger part = i < numbers.length ? new BigInteger(numbers[i]) : BigInteger.ZERO;
            if (part.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
                return Optional.empty();
            }
            key.append(i == 0 ? "" : ".").append(part);
        }
        // Semantic equality (§3.3): 1.0 == 1.0.0 == 1.0.0.0, 2016.01.02 == 2016.1.2; labels are case-insensitive.
        if (m.group(4) != null) {
            key.append('-').append(m.group(4).toLowerCase(Locale.ROOT));
        }
        if (m.group(5) != null) {
            key.append('+').append(m.group(5).toLowerCase(Locale.ROOT));
        }
        return Optional.of(new Identity(m.group(1), m.group(2), key.toString()));
    }
}

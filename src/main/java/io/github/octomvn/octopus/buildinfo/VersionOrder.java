package io.github.octomvn.octopus.buildinfo;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SemVer precedence for Octopus versions, to pick the newest record when a server lists several: numeric parts
 * (missing ones are 0, so {@code 1.0} equals {@code 1.0.0}), then a release above its pre-releases, then label
 * identifiers (numeric ones numerically and below alphanumeric ones, case-insensitively). Build metadata is
 * ignored. Anything else sorts below every valid version.
 */
final class VersionOrder implements Comparator<String> {

    static final VersionOrder INSTANCE = new VersionOrder();

    private static final Pattern SHAPE =
            Pattern.compile("(\\d+(?:\\.\\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]*)?");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private VersionOrder() {}

    @Override
    public int compare(String a, String b) {
        Matcher x = SHAPE.matcher(a.trim());
        Matcher y = SHAPE.matcher(b.trim());
        boolean validX = x.matches();
        boolean validY = y.matches();
        if (!validX || !validY) {
            if (validX != validY) {
                return validX ? 1 : -1;
            }
            return a.compareToIgnoreCase(b);
        }
        int numbers = compareNumbers(x.group(1).split("\\."), y.group(1).split("\\."));
        if (numbers != 0) {
            return numbers;
        }
        String labelX = x.group(2);
        String labelY = y.group(2);
        if (labelX == null || labelY == null) {
            // A release outranks its pre-releases.
            return labelX == null ? (labelY == null ? 0 : 1) : -1;
        }
        return compareLabels(labelX.split("\\."), labelY.split("\\."));
    }

    private static int compareNumbers(String[] x, String[] y) {
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            BigInteger a = i < x.length ? new BigInteger(x[i]) : BigInteger.ZERO;
            BigInteger b = i < y.length ? new BigInteger(y[i]) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareLabels(String[] x, String[] y) {
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean numericX = DIGITS.matcher(x[i]).matches();
            boolean numericY = DIGITS.matcher(y[i]).matches();
            int c;
            if (numericX && numericY) {
                c = new BigInteger(x[i]).compareTo(new BigInteger(y[i]));
            } else if (numericX != numericY) {
                c = numericX ? -1 : 1;
            } else {
                c = x[i].compareToIgnoreCase(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}

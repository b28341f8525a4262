package io.github.octomvn.octopus.feed;

import io.github.octomvn.octopus.pack.PackageFileName;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a package's identity from its file name with pack's {@link PackageFileName} grammar, and when the
 * server would refuse the name, says why in one sentence before anything is sent.
 */
final class UploadFileName {
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{10,}");

    private UploadFileName() {}

    static PackageFileName parse(String fileName) {
        return PackageFileName.parse(fileName).orElseThrow(() -> new IllegalArgumentException(whyRefused(fileName)));
    }

    private static String whyRefused(String fileName) {
        boolean knownExtension = PackageFileName.SUPPORTED_EXTENSIONS.stream()
                .anyMatch(ext -> fileName.regionMatches(true, fileName.length() - ext.length(), ext, 0, ext.length()));
        if (!knownExtension) {
            return "'" + fileName + "' is not in a format the Octopus built-in feed accepts; supported extensions are "
                    + String.join(", ", PackageFileName.SUPPORTED_EXTENSIONS);
        }
        Matcher number = LONG_NUMBER.matcher(fileName);
        while (number.find()) {
            if (Long.parseLong(number.group()
                            .substring(0, Math.min(18, number.group().length())))
                    > Integer.MAX_VALUE) {
                return "'" + fileName + "' has a version part " + number.group()
                        + " larger than Octopus allows (2147483647)";
            }
        }
        return "'" + fileName + "' is not named <PackageId>.<Version><extension> (e.g. MyApp.Web.1.2.3.zip) with a"
                + " SemVer version of 1 to 4 numbers, so Octopus cannot tell the package ID from the version";
    }
}

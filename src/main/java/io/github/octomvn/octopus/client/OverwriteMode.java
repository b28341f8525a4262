package io.github.octomvn.octopus.client;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What the built-in feed does when the package version already exists; names match the wire values. */
public enum OverwriteMode {
    /** Refuse the upload (HTTP 409). The server's default. */
    FailIfExists,
    /** Replace the stored package; needs the BuiltInFeedAdminister permission. */
    OverwriteExisting,
    /** Keep the stored package and report success (HTTP 200). */
    IgnoreIfExists;

    /** Parses a mode case-insensitively, e.g. {@code ignoreifexists}. */
    public static OverwriteMode parse(String text) {
        String wanted = text == null ? "" : text.trim();
        for (OverwriteMode mode : values()) {
            if (mode.name().equalsIgnoreCase(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Unknown overwrite mode '" + wanted + "'; valid values are "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** The legacy {@code replace=} flag of servers older than 2019.7.9. */
    public boolean legacyReplaceFlag() {
        return this == OverwriteExisting;
    }
}

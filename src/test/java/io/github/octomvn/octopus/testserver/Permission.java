package io.github.octomvn.octopus.testserver;

/** The Octopus permissions the test server checks. */
public enum Permission {
    /** Read packages of the built-in feed. */
    FeedView,
    /** Push new packages. */
    BuiltInFeedPush,
    /** Replace existing packages ({@code OverwriteExisting}). */
    BuiltInFeedAdminister,
    /** Push build information. */
    BuildInformationPush,
    /** Replace build information. */
    BuildInformationAdminister
}

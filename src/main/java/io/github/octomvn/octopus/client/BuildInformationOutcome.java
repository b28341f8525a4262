package io.github.octomvn.octopus.client;

/** What pushing build information achieved; every value is a success. */
public enum BuildInformationOutcome {
    /** No record existed for the package ID and version; it is now stored. */
    CREATED,
    /** A record with other content existed and was replaced ({@link OverwriteMode#OverwriteExisting}). */
    REPLACED,
    /** A record with other content existed and was kept ({@link OverwriteMode#IgnoreIfExists}). */
    KEPT_EXISTING,
    /**
     * The server already holds this build: the same content, or (a CI re-run) the same commit and commits with
     * only the build number, URL or environment differing. Nothing was sent.
     */
    IDENTICAL
}

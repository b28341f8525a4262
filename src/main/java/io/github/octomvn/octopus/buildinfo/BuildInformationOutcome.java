package io.github.octomvn.octopus.buildinfo;

/** What pushing build information achieved; every value is a success. */
public enum BuildInformationOutcome {
    /** No record existed for the package ID and version; it is now stored. */
    CREATED,
    /** A record with other content existed and was replaced ({@link io.github.octomvn.octopus.client.OverwriteMode#OverwriteExisting}). */
    REPLACED,
    /** A record with other content existed and was kept ({@link io.github.octomvn.octopus.client.OverwriteMode#IgnoreIfExists}). */
    KEPT_EXISTING,
    /**
     * The server already holds this build: the same content, or (a CI re-run) a record of the same commit of the
     * same repository whose other fields (build number, URL, branch, commit list) may differ; it is kept unless
     * the mode is OverwriteExisting. Nothing was sent.
     */
    IDENTICAL
}

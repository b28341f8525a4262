package io.github.octomvn.octopus.feed;

/** What an upload achieved; every value is a success. */
public enum UploadOutcome {
    /** The package was new and is now stored. */
    CREATED,
    /** The package existed with other content and was replaced ({@link io.github.octomvn.octopus.client.OverwriteMode#OverwriteExisting}). */
    REPLACED,
    /** The package existed with other content and was kept ({@link io.github.octomvn.octopus.client.OverwriteMode#IgnoreIfExists}). */
    KEPT_EXISTING,
    /** The package was already on the server with the same SHA-1; nothing was sent. */
    IDENTICAL
}

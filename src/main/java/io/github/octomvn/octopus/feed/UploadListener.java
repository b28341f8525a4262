package io.github.octomvn.octopus.feed;

/**
 * Receives the progress of an upload; the uploader decides how often progress is worth telling. Warnings go to the
 * client's one warnings channel ({@code OctopusClient.warnings()}).
 */
public interface UploadListener {

    /** Called at most every ~10 % or ~5 s, and only for uploads lasting more than a few seconds. */
    default void progress(long bytesSent, long totalBytes) {}

    /** The local file's SHA-1 (lower-case hex) once it is known, so that even a failed upload can name it. */
    default void hashed(String sha1) {}

    /** A listener that ignores everything. */
    static UploadListener none() {
        return new UploadListener() {};
    }
}

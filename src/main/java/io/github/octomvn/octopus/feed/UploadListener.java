package io.github.octomvn.octopus.feed;

/** Receives progress and warnings during an upload; the uploader decides how often progress is worth telling. */
public interface UploadListener {

    /** Called at most every ~10 % or ~5 s, and only for uploads lasting more than a few seconds. */
    default void progress(long bytesSent, long totalBytes) {}

    /** Something the user should see although the upload goes on (a retry, a legacy server, a kept package). */
    default void warn(String message) {}

    /** A listener that ignores everything. */
    static UploadListener none() {
        return new UploadListener() {};
    }
}

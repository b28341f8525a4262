package io.github.octomvn.octopus.delta;

/** Told how far the delta builder has read the new file, about every 4 MiB and once at the end. */
@FunctionalInterface
public interface DeltaProgressListener {

    DeltaProgressListener NONE = (scanned, total) -> {};

    /** {@code bytesScanned} of {@code totalBytes} read so far. */
    void progress(long bytesScanned, long totalBytes);
}

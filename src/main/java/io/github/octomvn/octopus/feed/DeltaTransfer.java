package io.github.octomvn.octopus.feed;

import java.util.Locale;
import java.util.Objects;

/** How a package went to the server as a delta: against which stored version, and how much of it was sent. */
public final class DeltaTransfer {

    private final String baseVersion;
    private final long deltaBytes;
    private final long fullBytes;

    DeltaTransfer(String baseVersion, long deltaBytes, long fullBytes) {
        this.baseVersion = Objects.requireNonNull(baseVersion, "baseVersion");
        this.deltaBytes = deltaBytes;
        this.fullBytes = fullBytes;
    }

    /** The version on the server the delta was built against, e.g. {@code 1.3.0}. */
    public String baseVersion() {
        return baseVersion;
    }

    /** Bytes of the delta file sent (multipart framing aside). */
    public long deltaBytes() {
        return deltaBytes;
    }

    /** Bytes of the package: what a full upload would have sent. */
    public long fullBytes() {
        return fullBytes;
    }

    /** {@code delta against 1.3.0: 212 KiB of 48.1 MiB (0.4 %)}. */
    public String describe() {
        return "delta against " + baseVersion + ": " + Sizes.human(deltaBytes) + " of " + Sizes.human(fullBytes) + " ("
                + percent(deltaBytes, fullBytes) + ")";
    }

    /** A share as people read it: one decimal, two below 0.1 %, never "0.0 %" for something sent. */
    static String percent(long part, long whole) {
        double value = whole == 0 ? 100 : part * 100.0 / whole;
        if (value > 0 && value < 0.01) {
            return "< 0.01 %";
        }
        return String.format(Locale.ROOT, value < 0.1 ? "%.2f %%" : "%.1f %%", value);
    }

    @Override
    public String toString() {
        return "DeltaTransfer[" + describe() + "]";
    }
}

package io.github.octomvn.octopus.client;

/** What the connected server supports, read from the links of its root document. */
public final class Capabilities {

    private final boolean spaces;
    private final boolean overwriteMode;
    private final boolean buildInformation;
    private final boolean deltaUpload;

    Capabilities(boolean spaces, boolean overwriteMode, boolean buildInformation, boolean deltaUpload) {
        this.spaces = spaces;
        this.overwriteMode = overwriteMode;
        this.buildInformation = buildInformation;
        this.deltaUpload = deltaUpload;
    }

    /** Octopus 2019.1 or newer: the root document links {@code Spaces}. */
    public boolean spaces() {
        return spaces;
    }

    /** Octopus 2019.7.9 or newer: the {@code PackageUpload} template takes {@code overwriteMode}. */
    public boolean overwriteMode() {
        return overwriteMode;
    }

    /** Octopus 2019.9.0 or newer: the root document links {@code BuildInformation}. */
    public boolean buildInformation() {
        return buildInformation;
    }

    /** The server signs packages for delta upload ({@code PackageDeltaSignature} link). */
    public boolean deltaUpload() {
        return deltaUpload;
    }

    @Override
    public String toString() {
        return "Capabilities[spaces=" + spaces + ", overwriteMode=" + overwriteMode + ", buildInformation="
                + buildInformation + ", deltaUpload=" + deltaUpload + "]";
    }
}

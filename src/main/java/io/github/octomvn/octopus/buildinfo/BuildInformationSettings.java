package io.github.octomvn.octopus.buildinfo;

import io.github.octomvn.octopus.client.OverwriteMode;
import java.util.Map;
import java.util.Objects;

/** What a build-information push is told: overrides of what is found out, overwrite mode, commit limit, dry run. */
public final class BuildInformationSettings {
    private final Map<String, String> environment;
    private final Overrides overrides;
    private final OverwriteMode mode;
    private final int maxCommits;
    private final boolean dryRun;

    /**
     * @param environment the build's environment variables, where the CI server is found out
     * @param maxCommits the most commits listed per package, at least 1
     */
    public BuildInformationSettings(
            Map<String, String> environment, Overrides overrides, OverwriteMode mode, int maxCommits, boolean dryRun) {
        if (maxCommits < 1) {
            throw new IllegalArgumentException("maxCommits must be at least 1, not " + maxCommits);
        }
        this.environment = Map.copyOf(environment);
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.maxCommits = maxCommits;
        this.dryRun = dryRun;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Overrides overrides() {
        return overrides;
    }

    public OverwriteMode mode() {
        return mode;
    }

    public int maxCommits() {
        return maxCommits;
    }

    public boolean dryRun() {
        return dryRun;
    }
}

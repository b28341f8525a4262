package io.github.octomvn.octopus.buildinfo;

import io.github.octomvn.octopus.ci.CiEnvironment;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The build information collected for a build, how its commits were found, and warnings to log once each. */
public final class CollectedBuildInformation {
    private final BuildInformation buildInformation;
    private final CiEnvironment ciEnvironment;
    private final CommitRange commitRange;
    private final List<String> warnings;

    CollectedBuildInformation(
            BuildInformation buildInformation,
            CiEnvironment ciEnvironment,
            CommitRange commitRange,
            List<String> warnings) {
        this.buildInformation = Objects.requireNonNull(buildInformation, "buildInformation");
        this.ciEnvironment = Objects.requireNonNull(ciEnvironment, "ciEnvironment");
        this.commitRange = commitRange;
        this.warnings = List.copyOf(warnings);
    }

    public BuildInformation buildInformation() {
        return buildInformation;
    }

    /** The CI server detected, {@link CiEnvironment#isLocal() local} when none. */
    public CiEnvironment ciEnvironment() {
        return ciEnvironment;
    }

    /** How the commits were chosen; empty when there was no readable git repository. */
    public Optional<CommitRange> commitRange() {
        return Optional.ofNullable(commitRange);
    }

    /** One line each, free of credentials; the caller logs each once. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "CollectedBuildInformation{" + buildInformation + ", warnings=" + warnings.size() + "}";
    }
}

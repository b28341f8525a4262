package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.release.ReleaseOutcome;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;

/** The release {@code create-release} made (or found) in this build, for {@code deploy-release} to deploy. */
final class ReleaseOfBuild {

    private ReleaseOutcome release;
    private String dryRunVersion;

    static ReleaseOfBuild of(MavenSession session) {
        return BuildScoped.get(session, ReleaseOfBuild.class.getName(), ReleaseOfBuild.class, ReleaseOfBuild::new);
    }

    synchronized void set(ReleaseOutcome outcome) {
        this.release = outcome;
    }

    synchronized Optional<ReleaseOutcome> get() {
        return Optional.ofNullable(release);
    }

    /** The version a dry run of {@code create-release} would have created, for the dry run of the deployment. */
    synchronized void dryRun(String version) {
        this.dryRunVersion = version;
    }

    synchronized Optional<String> dryRunVersion() {
        return Optional.ofNullable(dryRunVersion);
    }
}

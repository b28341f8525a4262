package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.release.DeploymentRequest;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;

/** Turns the parameters of {@code deploy-release} into a {@link DeploymentRequest}, wording refusals for Maven. */
final class DeploymentParameters {

    /** Fills in a builder's options. */
    interface Options {
        DeploymentRequest.Builder apply(DeploymentRequest.Builder builder) throws MojoFailureException;
    }

    private DeploymentParameters() {}

    static DeploymentRequest request(String project, String releaseVersion, Options options)
            throws MojoFailureException {
        if (project == null || project.isBlank()) {
            throw new MojoFailureException(
                    "No Octopus project to deploy: set <octopusProject> or -Doctopus.project=...");
        }
        if (releaseVersion == null || releaseVersion.isBlank()) {
            throw new MojoFailureException("No release to deploy: run create-release in the same build, or set"
                    + " <releaseVersion> or -Doctopus.releaseVersion=1.4.0.");
        }
        try {
            return options.apply(DeploymentRequest.builder(project, releaseVersion))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(
                    e.getMessage()
                            + " (see <environments>, <tenants>, <tenantTags>, <deployAt>, <noDeployAfter> or -Doctopus.environments)");
        }
    }

    static Optional<OffsetDateTime> time(String value, String parameter) throws MojoFailureException {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw new MojoFailureException("<" + parameter + "> '" + value + "' is not an ISO-8601 time with an offset,"
                    + " such as 2026-12-01T22:00:00+01:00 (fix -Doctopus." + parameter + ").");
        }
    }
}

package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.client.OctopusException;
import org.apache.maven.plugin.MojoFailureException;

/** Turns core exceptions into build failures whose message is the core's one actionable line. */
final class Failures {
    private Failures() {}

    static MojoFailureException of(OctopusException e) {
        return new MojoFailureException(e.getMessage(), e);
    }
}

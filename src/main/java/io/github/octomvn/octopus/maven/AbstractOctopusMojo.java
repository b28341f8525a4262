package io.github.octomvn.octopus.maven;

import java.time.Instant;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Parameters every goal of the plugin shares. */
abstract class AbstractOctopusMojo extends AbstractMojo {

    /**
     * Skips every goal of this plugin.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** All modules of one build share one start time, so their snapshot versions agree. */
    protected Instant buildStartTime() {
        return session.getRequest().getStartTime() != null
                ? session.getRequest().getStartTime().toInstant()
                : Instant.now();
    }

    /** True when this goal should do nothing; logs why. */
    protected boolean skipped(boolean goalSkip, String goalSkipProperty) {
        if (skip || goalSkip) {
            getLog().info("Skipping (" + (skip ? "octopus.skip" : goalSkipProperty) + " is set).");
            return true;
        }
        return false;
    }
}

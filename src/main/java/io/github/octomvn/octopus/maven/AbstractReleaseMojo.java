package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.feed.PushReport;
import io.github.octomvn.octopus.release.ExecutionsApi;
import io.github.octomvn.octopus.release.ReleaseReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Parameters and helpers of the goals that create and deploy releases. */
abstract class AbstractReleaseMojo extends AbstractServerMojo {

    /**
     * The Octopus project, by name, slug or ID ({@code Projects-12}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.project")
    protected String octopusProject;

    /**
     * The release version. {@code create-release}: default the Octopus version of the packages this build pushed
     * (they must agree). {@code deploy-release}: default the release {@code create-release} made in this build.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.releaseVersion")
    protected String releaseVersion;

    protected AbstractReleaseMojo(SettingsDecrypter settingsDecrypter, ProcessEnvironment environment) {
        super(settingsDecrypter, environment);
    }

    /** The project parameter, required. */
    protected String octopusProject() throws MojoFailureException {
        if (octopusProject == null || octopusProject.isBlank()) {
            throw new MojoFailureException("No Octopus project: set <octopusProject> or -Doctopus.project=Billing.");
        }
        return octopusProject.trim();
    }

    /** A connection to the server and the executions API in the configured space. */
    protected Connected connectToSpace(String goal) throws MojoExecutionException, MojoFailureException {
        ServerSettings settings = serverSettings(goal);
        OctopusClient client = connect(settings);
        try {
            return new Connected(client, new ExecutionsApi(client, client.resolveSpace(space())));
        } catch (OctopusException e) {
            client.close();
            throw ErrorTranslator.of(e);
        }
    }

    /** {@code target/octopus/release-report.json} of the top-level project. */
    protected Path reportFile() {
        MavenProject top = session.getTopLevelProject() != null ? session.getTopLevelProject() : project;
        Path target = top.getFile() != null
                ? Path.of(top.getBuild().getDirectory())
                : Path.of(
                                session.getRequest().getBaseDirectory() == null
                                        ? "."
                                        : session.getRequest().getBaseDirectory())
                        .resolve("target");
        return target.resolve("octopus").resolve(ReleaseReport.FILE_NAME);
    }

    /**
     * Points this build's {@code push-report.json}, if a push wrote one, at the release report just written. A
     * failure here only warns: the release and its report are already made.
     */
    protected void linkFromPushReport() {
        Optional<Path> pushReport = PushReportOfBuild.of(session).get();
        if (pushReport.isPresent()) {
            try {
                PushReport.linkReleaseReport(pushReport.get(), reportFile());
            } catch (IOException e) {
                getLog().warn("Could not link " + reportFile() + " from " + pushReport.get() + ": " + e.getMessage());
            }
        }
    }

    /** An open connection with the API of one space. */
    static final class Connected implements AutoCloseable {
        final OctopusClient client;
        final ExecutionsApi api;

        Connected(OctopusClient client, ExecutionsApi api) {
            this.client = client;
            this.api = api;
        }

        @Override
        public void close() {
            client.close();
        }
    }
}

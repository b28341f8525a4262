package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.buildinfo.BuildInformationPublisher;
import io.github.octomvn.octopus.ci.CiEnvironment;
import io.github.octomvn.octopus.ci.CiReporter;
import io.github.octomvn.octopus.ci.CiServer;
import io.github.octomvn.octopus.ci.DeploymentResult;
import io.github.octomvn.octopus.ci.JobResults;
import io.github.octomvn.octopus.ci.ReleaseResult;
import io.github.octomvn.octopus.feed.PushReport;
import io.github.octomvn.octopus.feed.PushRequest;
import io.github.octomvn.octopus.release.QueuedDeployment;
import io.github.octomvn.octopus.release.ReleaseOutcome;
import io.github.octomvn.octopus.release.TaskOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * One goal execution's results for the CI's job page: the Mojo names what it works on as it goes (a push, a
 * publisher, a release, deployments), and the results are read when the goal ends, failed or not, so that a failed
 * push still shows the packages it got to.
 */
final class CiJob {
    private final JobResults.Builder results;
    private final List<Runnable> atEnd = new ArrayList<>();
    private final Log log;

    CiJob(String goal, boolean dryRun, Log log) {
        this.results = JobResults.of(goal).dryRun(dryRun);
        this.log = log;
    }

    void server(String serverUrl) {
        results.server(serverUrl);
    }

    void failed(String message) {
        results.failure(message);
    }

    /** The push of {@code request}: its packages from the report it writes whatever happens, and its build information. */
    void pushing(PushRequest request, Optional<BuildInformationPublisher> buildInformation) {
        atEnd.add(() -> {
            buildInformation.ifPresent(p -> results.buildInformation(p.published()));
            try {
                results.packages(PushReport.results(request.reportFile(), request.files()));
            } catch (IOException e) {
                log.warn("Could not read " + request.reportFile() + " for the CI job page: " + e.getMessage());
            }
        });
    }

    /** The build information {@code publisher} sends in this goal. */
    void publishing(BuildInformationPublisher publisher) {
        atEnd.add(() -> results.buildInformation(publisher.published()));
    }

    void release(ReleaseOutcome outcome) {
        results.release(new ReleaseResult(
                outcome.project(), outcome.version(), outcome.status().words(), outcome.webLink()));
    }

    /** Deployments of {@code project} {@code version}: waited for ({@code outcomes}) or only queued. */
    void deployed(
            String project,
            String version,
            Optional<ReleaseOutcome> created,
            List<TaskOutcome> outcomes,
            List<QueuedDeployment> queued) {
        results.release(new ReleaseResult(
                project,
                version,
                "deployed",
                created.map(ReleaseOutcome::webLink).orElse(null)));
        List<DeploymentResult> deployments = outcomes.stream()
                .map(o -> new DeploymentResult(
                        o.deployment().label(),
                        o.timedOut() ? "TimedOut" : o.task().state(),
                        o.succeeded(),
                        o.task().webLink()))
                .collect(Collectors.toList());
        queued.forEach(q -> deployments.add(new DeploymentResult(q.label(), "Queued", false, null)));
        results.deployments(deployments);
    }

    JobResults finish() {
        atEnd.forEach(Runnable::run);
        atEnd.clear();
        return results.build();
    }

    /**
     * The build's reporter for the CI this build runs on: one per build (the GitLab file gathers every goal's
     * values), writing files into the execution root's {@code target/octopus} and commands to the process's standard
     * output; off when {@code enabled} is false or no CI with a job page is found.
     */
    static CiReporter reporter(
            MavenSession session, MavenProject project, ProcessEnvironment environment, boolean enabled, Log log) {
        if (!enabled || CiEnvironment.detect(environment.variables()).server() == CiServer.NONE) {
            return CiReporter.off();
        }
        return BuildScoped.get(
                session,
                CiJob.class.getName() + ".reporter",
                CiReporter.class,
                () -> CiReporter.forEnvironment(
                        environment.variables(),
                        workingDirectory(session),
                        outputFolder(session, project),
                        // Not the Maven Log: its "[INFO] " prefix hides workflow commands from GitHub's runner,
                        // which reads them only at the start of a line. The process's standard output is what the
                        // CI reads (see ProcessEnvironment.console for why not System.out).
                        environment.console(),
                        log::warn));
    }

    /** Where {@code mvn} runs: relative paths in the CI's variables are relative to it. */
    private static Path workingDirectory(MavenSession session) {
        String base = session.getRequest() == null ? null : session.getRequest().getBaseDirectory();
        return (base == null ? Path.of("") : Path.of(base)).toAbsolutePath();
    }

    /** {@code target/octopus} of the execution root, next to {@code push-report.json}. */
    private static Path outputFolder(MavenSession session, MavenProject project) {
        MavenProject top = session.getTopLevelProject() != null ? session.getTopLevelProject() : project;
        Path target = top != null && top.getFile() != null
                ? Path.of(top.getBuild().getDirectory())
                : workingDirectory(session).resolve("target");
        return target.resolve("octopus");
    }
}

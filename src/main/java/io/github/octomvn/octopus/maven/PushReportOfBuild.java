package io.github.octomvn.octopus.maven;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;

/** The {@code push-report.json} that {@code push} wrote in this build, for the release goals to link from. */
final class PushReportOfBuild {

    private Path report;

    static PushReportOfBuild of(MavenSession session) {
        return BuildScoped.get(
                session, PushReportOfBuild.class.getName(), PushReportOfBuild.class, PushReportOfBuild::new);
    }

    synchronized void set(Path file) {
        this.report = file;
    }

    synchronized Optional<Path> get() {
        return Optional.ofNullable(report);
    }
}

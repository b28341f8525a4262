package io.github.octomvn.octopus.ci;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Puts a goal's results where the CI's users look: on GitHub Actions the job summary, step outputs and an
 * {@code ::error::} annotation; on GitLab CI a dotenv report; on TeamCity and Azure Pipelines service messages (and on
 * Azure a summary tab). The CI is the one {@link CiEnvironment} detects; on any other CI, and outside CI, it does
 * nothing. One instance serves one build: it is thread-safe, and the GitLab file gathers the values of every goal of
 * the build.
 *
 * <p>Service messages and workflow commands go to an injected console, one line per call, and must reach the CI
 * unprefixed at the start of a line: GitHub's runner reads a command only at the start of a line (after whitespace),
 * so a build tool's log prefix such as {@code [INFO] } hides it. The caller therefore passes the process's standard
 * output, not a logger; tests pass a list.
 */
public final class CiReporter {
    private final CiServer server;
    private final Optional<JobPage> page;
    private final Consumer<String> warn;

    private CiReporter(CiServer server, Optional<JobPage> page, Consumer<String> warn) {
        this.server = server;
        this.page = page;
        this.warn = warn;
    }

    /**
     * The reporter for the CI the environment names.
     *
     * @param environment the build's environment variables
     * @param workingDirectory what a relative path in {@code GITHUB_STEP_SUMMARY} / {@code GITHUB_OUTPUT} is relative
     *     to (the CIs set absolute paths)
     * @param outputFolder where files of this plugin go: GitLab's {@code octopus.env}, Azure's summaries
     * @param console standard output, one line per call
     * @param warn where a failure to write goes (it never fails the build)
     */
    public static CiReporter forEnvironment(
            Map<String, String> environment,
            Path workingDirectory,
            Path outputFolder,
            Consumer<String> console,
            Consumer<String> warn) {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(outputFolder, "outputFolder");
        Objects.requireNonNull(console, "console");
        CiServer server = CiEnvironment.detect(environment).server();
        JobPage page;
        switch (server) {
            case GITHUB_ACTIONS:
                page = new GitHubActions(
                        file(environment, "GITHUB_STEP_SUMMARY", workingDirectory),
                        file(environment, "GITHUB_OUTPUT", workingDirectory),
                        console);
                break;
            case GITLAB_CI:
                page = new GitLabDotenv(outputFolder.resolve(GitLabDotenv.FILE_NAME));
                break;
            case TEAMCITY:
                page = new TeamCityMessages(console);
                break;
            case AZURE_PIPELINES:
                page = new AzurePipelines(outputFolder, console);
                break;
            default:
                page = null;
        }
        return new CiReporter(server, Optional.ofNullable(page), Objects.requireNonNull(warn, "warn"));
    }

    /** A reporter that reports nothing (CI integration turned off). */
    public static CiReporter off() {
        return new CiReporter(CiServer.NONE, Optional.empty(), w -> {});
    }

    /** The CI this reporter writes for; {@link CiServer#NONE} when it writes nothing. */
    public CiServer server() {
        return page.isPresent() ? server : CiServer.NONE;
    }

    /** Shows one goal execution's results; nothing when they are empty. A file that cannot be written only warns. */
    public synchronized void publish(JobResults results) {
        if (page.isEmpty() || results.isEmpty()) {
            return;
        }
        try {
            page.get().publish(results);
        } catch (IOException | RuntimeException e) {
            warn.accept("Could not write the results into the CI job page (" + server + "): " + e.getMessage());
        }
    }

    private static Optional<Path> file(Map<String, String> environment, String name, Path workingDirectory) {
        return Optional.ofNullable(environment.get(name))
                .filter(v -> !v.isBlank())
                .map(v -> workingDirectory.resolve(v.trim()));
    }
}

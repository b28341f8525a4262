package io.github.octomvn.octopus.ci;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.octomvn.octopus.ci.PackageResult.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each CI gets from a goal's results, read from injected environments: GitHub's summary and output files and
 * {@code ::error::} line, GitLab's dotenv file, TeamCity's and Azure's service messages, each with its escaping.
 */
class CiReporterTest {
    private static final String SERVER = "https://octopus.example.com";
    private static final String LINK = SERVER + "/app#/Spaces-1/library/builtinrepository/versions/MyApp";

    @TempDir
    Path dir;

    private final List<String> console = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private CiReporter reporter(Map<String, String> environment) {
        return CiReporter.forEnvironment(environment, dir, dir.resolve("target/octopus"), console::add, warnings::add);
    }

    private static JobResults push() {
        return JobResults.of("push")
                .server(SERVER)
                .packages(List.of(
                        new PackageResult("MyApp", "1.0.0", 1_234_567, Outcome.UPLOADED, LINK, null),
                        new PackageResult("MyApp.Db", "1.0.0", 999, Outcome.ALREADY_THERE, null, null)))
                .buildInformation(List.of(new PublishedBuildInformation("MyApp", "1.0.0", 3, "created", LINK)))
                .build();
    }

    private Map<String, String> gitHub() {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_STEP_SUMMARY", dir.resolve("summary.md").toString());
        env.put("GITHUB_OUTPUT", "output.txt"); // relative: resolved against the working directory
        return env;
    }

    @Test
    void gitHubGetsTheSummaryTablesAndTheStepOutputs() throws IOException {
        reporter(gitHub()).publish(push());

        assertThat(Files.readString(dir.resolve("summary.md"), UTF_8))
                .isEqualTo("### Octopus Deploy: push ([" + SERVER + "](" + SERVER + "))\n\n"
                        + "| Package | Version | Size | Outcome |\n|---|---|---|---|\n"
                        + "| [MyApp](" + LINK + ") | 1.0.0 | 1.2 MB | uploaded |\n"
                        + "| MyApp.Db | 1.0.0 | 999 B | already there |\n\n"
                        + "| Build information | Version | Commits | Outcome |\n|---|---|---|---|\n"
                        + "| [MyApp](" + LINK + ") | 1.0.0 | 3 | created |\n\n");
        assertThat(Files.readString(dir.resolve("output.txt"), UTF_8))
                .isEqualTo("package-ids=MyApp,MyApp.Db\npackage-versions=1.0.0,1.0.0\nversion=1.0.0\n");
        assertThat(console).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void gitHubFilesAreAppendedToOncePerGoal() throws IOException {
        CiReporter reporter = reporter(gitHub());
        Files.writeString(dir.resolve("output.txt"), "earlier=step\n");

        reporter.publish(push());
        reporter.publish(JobResults.of("create-release")
                .release(
                        new ReleaseResult("Billing", "1.0.0", "created", SERVER + "/app#/Spaces-1/releases/Releases-1"))
                .build());
        reporter.publish(JobResults.of("deploy-release")
                .release(new ReleaseResult("Billing", "1.0.0", "deployed", null))
                .deployments(List.of(
                        new DeploymentResult("Dev", "Success", true, null),
                        new DeploymentResult("Test/Acme", "Failed", false, SERVER + "/app#/tasks/ServerTasks-9")))
                .failure("Deployment to Test/Acme ended Failed")
                .build());

        assertThat(Files.readString(dir.resolve("output.txt"), UTF_8))
                .isEqualTo("earlier=step\npackage-ids=MyApp,MyApp.Db\npackage-versions=1.0.0,1.0.0\nversion=1.0.0\n"
                        + "release-version=1.0.0\n"
                        + "release-version=1.0.0\ndeployment-state=Failed\n");
        String summary = Files.readString(dir.resolve("summary.md"), UTF_8);
        assertThat(summary.split("### Octopus Deploy: ", -1)).hasSize(4);
        assertThat(summary)
                .contains("Release [Billing 1.0.0](" + SERVER + "/app#/Spaces-1/releases/Releases-1): created\n")
                .contains("| Deployment | State |\n|---|---|\n| Dev | Success |\n| [Test/Acme](" + SERVER
                        + "/app#/tasks/ServerTasks-9) | Failed |\n")
                .endsWith("**Failed:** Deployment to Test/Acme ended Failed\n\n");
        assertThat(console).containsExactly("::error::Deployment to Test/Acme ended Failed");
    }

    @Test
    void gitHubErrorEscapesPercentAndLineBreaks() {
        reporter(gitHub())
                .publish(JobResults.of("deploy-release")
                        .failure("Deployment to Dev ended Failed: 100% broken\r\nLast 2 lines of the task log:\n  x")
                        .build());

        assertThat(console)
                .containsExactly("::error::Deployment to Dev ended Failed: 100%25 broken%0D%0ALast 2 lines of the task"
                        + " log:%0A  x");
    }

    @Test
    void gitHubOutputWithALineBreakTakesTheDelimiterFormWithADelimiterNotInTheValue() {
        assertThat(GitHubActions.output("version", "1.0.0")).isEqualTo("version=1.0.0\n");
        assertThat(GitHubActions.output("notes", "a\nb"))
                .isEqualTo("notes<<OCTOPUS_OUTPUT_EOF\na\nb\nOCTOPUS_OUTPUT_EOF\n");
        assertThat(GitHubActions.output("notes", "a\nOCTOPUS_OUTPUT_EOF\nb"))
                .isEqualTo("notes<<OCTOPUS_OUTPUT_EOF_1\na\nOCTOPUS_OUTPUT_EOF\nb\nOCTOPUS_OUTPUT_EOF_1\n");
    }

    @Test
    void summaryEscapesMarkdownAndHtmlInNamesAndLinksOnlyToWebAddresses() throws IOException {
        reporter(gitHub())
                .publish(JobResults.of("create-release")
                        .release(new ReleaseResult("Bill|ing *<b>", "1.0.0", "created", "javascript:alert(1)"))
                        .failure("Release `x` [y]\nsecond line <script>")
                        .build());

        assertThat(Files.readString(dir.resolve("summary.md"), UTF_8))
                .isEqualTo("### Octopus Deploy: create-release\n\n"
                        + "Release Bill\\|ing \\*&lt;b&gt; 1.0.0: created\n\n"
                        + "**Failed:** Release \\`x\\` \\[y\\]<br>\nsecond line &lt;script&gt;\n\n");
    }

    @Test
    void aDryRunShowsItsPlanButSetsNoOutputs() throws IOException {
        reporter(gitHub())
                .publish(JobResults.of("push")
                        .dryRun(true)
                        .packages(List.of(new PackageResult("MyApp", "1.0.0", 10, Outcome.DRY_RUN, null, "upload")))
                        .build());

        assertThat(Files.readString(dir.resolve("summary.md"), UTF_8))
                .contains("Dry run: nothing was sent.\n")
                .contains("| MyApp | 1.0.0 | 10 B | dry run: upload |");
        assertThat(dir.resolve("output.txt")).doesNotExist();
    }

    @Test
    void failedAndUnpushedPackagesAreShownButNotOutput() throws IOException {
        reporter(gitHub())
                .publish(JobResults.of("push")
                        .packages(List.of(
                                new PackageResult("A", "1.0.0", 10, Outcome.DELTA, null, null),
                                new PackageResult("B", "1.0.0", 10, Outcome.FAILED, null, null),
                                new PackageResult("C", "1.0.0", 10, Outcome.NOT_PUSHED, null, null)))
                        .failure("HTTP 500 from the server")
                        .build());

        assertThat(Files.readString(dir.resolve("output.txt"), UTF_8))
                .isEqualTo("package-ids=A\npackage-versions=1.0.0\nversion=1.0.0\n");
        assertThat(Files.readString(dir.resolve("summary.md"), UTF_8))
                .contains("| A | 1.0.0 | 10 B | uploaded as a delta |\n| B | 1.0.0 | 10 B | failed |\n"
                        + "| C | 1.0.0 | 10 B | skipped: not pushed |\n");
        assertThat(console).containsExactly("::error::HTTP 500 from the server");
    }

    @Test
    void gitHubWithoutItsFilesStillAnnotatesTheFailure() {
        reporter(Map.of("GITHUB_ACTIONS", "true")).publish(push());
        reporter(Map.of("GITHUB_ACTIONS", "true"))
                .publish(JobResults.of("push").failure("No Octopus server URL").build());

        assertThat(console).containsExactly("::error::No Octopus server URL");
        assertThat(warnings).isEmpty();
    }

    @Test
    void gitLabGetsOneDotenvFileWithTheValuesOfEveryGoalOfTheBuild() throws IOException {
        Path dotenv = dir.resolve("target/octopus/octopus.env");
        Files.createDirectories(dotenv.getParent());
        Files.writeString(dotenv, "OCTOPUS_DEPLOYMENT_STATE=Failed\n"); // an earlier build's
        CiReporter reporter = reporter(Map.of("GITLAB_CI", "true"));

        reporter.publish(push());
        assertThat(Files.readString(dotenv, UTF_8))
                .isEqualTo("OCTOPUS_PACKAGE_IDS=MyApp,MyApp.Db\nOCTOPUS_PACKAGE_VERSIONS=1.0.0,1.0.0\n"
                        + "OCTOPUS_VERSION=1.0.0\n");

        reporter.publish(JobResults.of("create-release")
                .release(new ReleaseResult("Billing", "1.0.0-rc\n1", "created", null))
                .build());
        assertThat(Files.readString(dotenv, UTF_8))
                .isEqualTo("OCTOPUS_PACKAGE_IDS=MyApp,MyApp.Db\nOCTOPUS_PACKAGE_VERSIONS=1.0.0,1.0.0\n"
                        + "OCTOPUS_VERSION=1.0.0\nOCTOPUS_RELEASE_VERSION=1.0.0-rc 1\n");
        try (Stream<Path> files = Files.list(dotenv.getParent())) {
            assertThat(files).containsExactly(dotenv); // no temporary file left behind
        }
        assertThat(console).isEmpty();
    }

    @Test
    void teamCityGetsSetParameterMessagesAndABuildProblem() {
        reporter(Map.of("TEAMCITY_VERSION", "2025.11", "BUILD_NUMBER", "12"))
                .publish(JobResults.of("deploy-release")
                        .release(new ReleaseResult("Billing", "1.0.0", "deployed", null))
                        .deployments(List.of(new DeploymentResult("Dev", "Failed", false, null)))
                        .failure("Deployment to Dev ended Failed: it's [broken] | 100%\nTask: x")
                        .build());

        assertThat(console)
                .containsExactly(
                        "##teamcity[setParameter name='env.OCTOPUS_RELEASE_VERSION' value='1.0.0']",
                        "##teamcity[setParameter name='env.OCTOPUS_DEPLOYMENT_STATE' value='Failed']",
                        "##teamcity[buildProblem description='Deployment to Dev ended Failed: it|'s |[broken|] || 100%|nTask:"
                                + " x']");
    }

    @Test
    void teamCityEscapesNonAsciiAsCodePoints() {
        assertThat(TeamCityMessages.escape("Café\r\t€")).isEqualTo("Caf|0x00E9|r|0x0009|0x20AC");
    }

    @Test
    void azureGetsVariablesAnUploadedSummaryAndAnErrorIssue() throws IOException {
        reporter(Map.of("TF_BUILD", "True"))
                .publish(JobResults.of("push")
                        .packages(List.of(new PackageResult("MyApp", "1.0.0", 10, Outcome.UPLOADED, null, null)))
                        .failure("Pushing B failed; 100% [sure]\nnext")
                        .build());

        Path summary = dir.resolve("target/octopus/octopus-summary-1.md").toAbsolutePath();
        assertThat(console)
                .containsExactly(
                        "##vso[task.logissue type=error]Pushing B failed%3B 100%AZP25 [sure%5D%0Anext",
                        "##vso[task.setvariable variable=OCTOPUS_PACKAGE_IDS]MyApp",
                        "##vso[task.setvariable variable=OCTOPUS_PACKAGE_VERSIONS]1.0.0",
                        "##vso[task.setvariable variable=OCTOPUS_VERSION]1.0.0",
                        "##vso[task.uploadsummary]" + summary);
        assertThat(Files.readString(summary, UTF_8)).startsWith("### Octopus Deploy: push\n\n| Package |");
    }

    @Test
    void jenkinsAndLocalBuildsGetNothing() throws IOException {
        reporter(Map.of("JENKINS_URL", "https://jenkins/", "BUILD_NUMBER", "7"))
                .publish(JobResults.of("push").failure("x").build());
        reporter(Map.of("HOME", "/home/ann")).publish(push());

        assertThat(console).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(reporter(Map.of("JENKINS_URL", "https://jenkins/")).server()).isEqualTo(CiServer.NONE);
    }

    @Test
    void offReportsNothingEvenOnACi() {
        CiReporter off = CiReporter.off();
        off.publish(JobResults.of("push").failure("x").build());

        assertThat(console).isEmpty();
        assertThat(off.server()).isEqualTo(CiServer.NONE);
    }

    @Test
    void aGoalThatDidNothingWritesNothing() {
        reporter(gitHub()).publish(JobResults.of("push").build());

        assertThat(dir.resolve("summary.md")).doesNotExist();
        assertThat(dir.resolve("output.txt")).doesNotExist();
    }

    @Test
    void aFileThatCannotBeWrittenWarnsAndNeverFails() throws IOException {
        Path folder = dir.resolve("summary-is-a-folder");
        Files.createDirectories(folder);
        Map<String, String> env = gitHub();
        env.put("GITHUB_STEP_SUMMARY", folder.toString());

        reporter(env).publish(JobResults.of("push").failure("x").build());

        assertThat(console).containsExactly("::error::x");
        assertThat(warnings).singleElement().asString().startsWith("Could not write the results into the CI job page");
    }

    @Test
    void sizesArePowersOfAThousand() {
        assertThat(MarkdownSummary.size(0)).isEqualTo("0 B");
        assertThat(MarkdownSummary.size(999)).isEqualTo("999 B");
        assertThat(MarkdownSummary.size(1000)).isEqualTo("1.0 kB");
        assertThat(MarkdownSummary.size(48_100_000)).isEqualTo("48.1 MB");
        assertThat(MarkdownSummary.size(7_200_000_000L)).isEqualTo("7.2 GB");
    }
}

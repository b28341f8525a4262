package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.Sleeper;
import io.github.octomvn.octopus.release.Deployer;
import io.github.octomvn.octopus.release.DeploymentRequest;
import io.github.octomvn.octopus.release.QueuedDeployment;
import io.github.octomvn.octopus.release.ReleaseOutcome;
import io.github.octomvn.octopus.release.ReleaseReport;
import io.github.octomvn.octopus.release.TaskOutcome;
import io.github.octomvn.octopus.release.TaskWaiter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Deploys an Octopus release to one or more environments (one, with tenants or tenant tags, for a tenanted
 * deployment) and waits for it: the release {@code create-release} made in this build, or any release by hand
 * ({@code -Doctopus.project=Billing -Doctopus.releaseVersion=1.4.0 -Doctopus.environments=Test}, no pom needed).
 * Runs once per build, after every module. Fails the build when a deployment fails, with the task's log tail.
 *
 * <p>Bound after {@code create-release} in the same execution, {@code mvn deploy} ends with the deployment's
 * outcome:
 *
 * <pre>{@code
 * <properties>
 *   <octopus.project>Billing</octopus.project>
 *   <octopus.environments>Dev</octopus.environments>
 * </properties>
 * ...
 * <execution>
 *   <goals>
 *     <goal>pack</goal>
 *     <goal>push</goal>
 *     <goal>create-release</goal>
 *     <goal>deploy-release</goal>
 *   </goals>
 * </execution>
 * }</pre>
 *
 * Promoting by hand, outside a project:
 *
 * <pre>{@code
 * mvn io.github.octomvn:octopus-maven-plugin:<version>:deploy-release -Doctopus.project=Billing \
 *     -Doctopus.releaseVersion=1.4.0 -Doctopus.environments=Test
 * }</pre>
 */
@Mojo(name = "deploy-release", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true, requiresProject = false)
public class DeployReleaseMojo extends AbstractReleaseMojo {

    /**
     * Skips this goal only.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.deployRelease.skip", defaultValue = "false")
    private boolean deployReleaseSkip;

    /**
     * The environments, by name (comma-separated on the command line); one for a tenanted deployment.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.environments")
    private List<String> environments = new ArrayList<>();

    /**
     * Tenants to deploy for, by name or ID: a tenanted deployment.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.tenants")
    private List<String> tenants = new ArrayList<>();

    /**
     * Tenant tags ({@code Region/EU}) whose tenants to deploy for: a tenanted deployment.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.tenantTags")
    private List<String> tenantTags = new ArrayList<>();

    /**
     * Prompted variable values, name to value (pom only; shown by {@code -X}, so no secrets here).
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> variables = new LinkedHashMap<>();

    /**
     * Secret prompted variables, name to the environment variable holding the value (pom only); values are never
     * printed.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> variablesFromEnvironment = new LinkedHashMap<>();

    /**
     * Secret prompted variables, name to the settings.xml {@code <server>} whose (decrypted) {@code <password>} is
     * the value (pom only); values are never printed.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> variablesFromSettings = new LinkedHashMap<>();

    /**
     * Steps to skip, by name.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.skipSteps")
    private List<String> skipSteps = new ArrayList<>();

    /**
     * Deploy to these machines only.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.specificMachines")
    private List<String> specificMachines = new ArrayList<>();

    /**
     * Leave these machines out.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.excludedMachines")
    private List<String> excludedMachines = new ArrayList<>();

    /**
     * Guided failure on or off; default the environment's setting.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.guidedFailure")
    private Boolean guidedFailure;

    /**
     * Download packages again even when the targets have them.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.forcePackageDownload", defaultValue = "false")
    private boolean forcePackageDownload;

    /**
     * Take the project's current variables instead of the release's snapshot.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.updateVariableSnapshot", defaultValue = "false")
    private boolean updateVariableSnapshot;

    /**
     * Start at this time (ISO-8601 with offset, {@code 2026-12-01T22:00:00+01:00}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.deployAt")
    private String deployAt;

    /**
     * Do not start after this time (ISO-8601 with offset).
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.noDeployAfter")
    private String noDeployAfter;

    /**
     * Wait for the deployments and fail the build when one fails.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.waitForDeployment", defaultValue = "true")
    private boolean waitForDeployment;

    /**
     * Seconds to wait for the deployments.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.deploymentTimeout", defaultValue = "600")
    private int deploymentTimeout;

    /**
     * Cancel the deployments still running at the time-out.
     *
     * @since 0.1.0
     */
    @Parameter(property = "octopus.cancelOnTimeout", defaultValue = "false")
    private boolean cancelOnTimeout;

    @Inject
    public DeployReleaseMojo(SettingsDecrypter settingsDecrypter, ProcessEnvironment environment) {
        super(settingsDecrypter, environment);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        reportingToCi("deploy-release", this::deployRelease);
    }

    private void deployRelease() throws MojoExecutionException, MojoFailureException {
        if (skipped(deployReleaseSkip, "octopus.deployRelease.skip")) {
            return;
        }
        if (!OnceAtEnd.isTheOne(session, project, plugin, "deploy-release")) {
            getLog().info("The Octopus release is deployed once every module is built.");
            return;
        }
        if (session.getResult().hasExceptions()) {
            getLog().warn("The build has failed, so no Octopus release is deployed.");
            return;
        }
        Optional<ReleaseOutcome> created = ReleaseOfBuild.of(session).get();
        DeploymentRequest request = DeploymentParameters.request(
                created.map(ReleaseOutcome::project).orElse(octopusProject),
                releaseVersion != null && !releaseVersion.isBlank()
                        ? releaseVersion
                        : created.map(ReleaseOutcome::version)
                                .or(() -> dryRun ? ReleaseOfBuild.of(session).dryRunVersion() : Optional.empty())
                                .orElse(null),
                this::builder);
        try (Connected connected = connectToSpace("deploy-release")) {
            if (dryRun) {
                getLog().info("Dry run: would send " + new Deployer(connected.api).plan(request));
                return;
            }
            List<QueuedDeployment> queued = new Deployer(connected.api).deploy(request);
            getLog().info("Deploying " + request.project() + " " + request.releaseVersion() + " to "
                    + queued.stream().map(QueuedDeployment::label).collect(Collectors.joining(", ")));
            List<TaskOutcome> outcomes = waitForDeployment
                    ? new TaskWaiter(connected.api, Clock.systemUTC(), Sleeper.system(), getLog()::info)
                            .waitFor(queued, Duration.ofSeconds(deploymentTimeout), cancelOnTimeout)
                    : List.of();
            ReleaseReport.write(
                    reportFile(),
                    connected.client.serverUrl(),
                    connected.api.space().id(),
                    created,
                    outcomes,
                    waitForDeployment ? List.of() : queued);
            linkFromPushReport();
            outcomes.forEach(o -> getLog().info(o.summary()));
            ci.server(connected.client.serverUrl());
            ci.deployed(
                    request.project(),
                    request.releaseVersion(),
                    created,
                    outcomes,
                    waitForDeployment ? List.of() : queued);
            List<String> failures =
                    outcomes.stream().flatMap(o -> o.failure().stream()).collect(Collectors.toList());
            if (!failures.isEmpty()) {
                throw new MojoFailureException(String.join("\n", failures));
            }
        } catch (OctopusException e) {
            throw ErrorTranslator.of(e);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write " + reportFile() + ": " + e.getMessage(), e);
        }
    }

    /** The request's options from the parameters. */
    private DeploymentRequest.Builder builder(DeploymentRequest.Builder b) throws MojoFailureException {
        b.environments(environments).tenants(tenants).tenantTags(tenantTags);
        b.skipSteps(skipSteps).specificMachines(specificMachines).excludedMachines(excludedMachines);
        b.forcePackageDownload(forcePackageDownload).updateVariableSnapshot(updateVariableSnapshot);
        if (guidedFailure != null) {
            b.guidedFailure(guidedFailure);
        }
        DeploymentParameters.time(deployAt, "deployAt").ifPresent(b::deployAt);
        DeploymentParameters.time(noDeployAfter, "noDeployAfter").ifPresent(b::noDeployAfter);
        variables.forEach(b::variable);
        for (Map.Entry<String, String> e : variablesFromEnvironment.entrySet()) {
            b.variable(
                    e.getKey(),
                    environment
                            .get(e.getValue())
                            .orElseThrow(() -> new MojoFailureException(
                                    "The environment variable " + e.getValue() + " for the Octopus variable "
                                            + e.getKey() + " is not set (see <variablesFromEnvironment>).")));
        }
        ServerConnection settings = new ServerConnection(session, settingsDecrypter, environment);
        for (Map.Entry<String, String> e : variablesFromSettings.entrySet()) {
            b.variable(
                    e.getKey(),
                    settings.serverPassword(e.getValue())
                            .orElseThrow(() -> new MojoFailureException("settings.xml has no <server> '" + e.getValue()
                                    + "' with a <password> for the Octopus variable " + e.getKey()
                                    + " (see <variablesFromSettings>).")));
        }
        return b;
    }
}

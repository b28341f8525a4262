package io.github.octomvn.octopus.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.Permission;
import io.github.octomvn.octopus.testserver.StoredDeployment;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deployments go out once, carry every option, and are found again after an ambiguous failure. */
class DeployerTest {

    private ReleaseFixture f;

    @BeforeEach
    void start() throws Exception {
        f = ReleaseFixture.start();
        f.createRelease("1.4.0");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static OctopusException failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (OctopusException e) {
            return e;
        } catch (Throwable e) {
            throw new AssertionError("Expected an OctopusException, got " + e, e);
        }
        throw new AssertionError("Expected an OctopusException");
    }

    private static DeploymentRequest.Builder to(String... environments) {
        return DeploymentRequest.builder("Billing", "1.4.0").environments(Arrays.asList(environments));
    }

    @Test
    void deploysToEachEnvironmentAndNamesThem() throws Exception {
        List<QueuedDeployment> queued =
                new Deployer(f.api).deploy(to("Dev", "Test").build());

        assertThat(queued).extracting(QueuedDeployment::label).containsExactly("Dev", "Test");
        assertThat(queued).extracting(QueuedDeployment::taskId).containsExactly("ServerTasks-1", "ServerTasks-2");
        assertThat(f.server.deployments())
                .extracting(StoredDeployment::environmentName)
                .containsExactly("Dev", "Test");
    }

    @Test
    void sendsEveryOptionAndThePromptedVariables() throws Exception {
        new Deployer(f.api)
                .deploy(to("Production")
                        .variable("Db.Password", "s3cret")
                        .skipSteps(Collections.singletonList("Smoke test"))
                        .specificMachines(Collections.singletonList("web-1"))
                        .excludedMachines(Collections.singletonList("web-2"))
                        .guidedFailure(true)
                        .forcePackageDownload(true)
                        .updateVariableSnapshot(true)
                        .deployAt(OffsetDateTime.parse("2026-12-01T10:00:00Z"))
                        .noDeployAfter(OffsetDateTime.parse("2026-12-01T11:00:00Z"))
                        .build());

        StoredDeployment stored = f.server.deployments().get(0);
        assertThat(stored.variables()).containsEntry("Db.Password", "s3cret");
        assertThat(stored.request())
                .contains("\"EnvironmentNames\":[\"Production\"]")
                .contains("\"SkipStepNames\":[\"Smoke test\"]")
                .contains("\"SpecificMachineNames\":[\"web-1\"]")
                .contains("\"ExcludedMachineNames\":[\"web-2\"]")
                .contains("\"UseGuidedFailure\":true")
                .contains("\"ForcePackageDownload\":true")
                .contains("\"UpdateVariableSnapshot\":true")
                .contains("\"RunAt\":\"2026-12-01T10:00Z\"")
                .contains("\"NoRunAfter\":\"2026-12-01T11:00Z\"");
        assertThat(f.fixture.warnings).noneMatch(w -> w.contains("s3cret"));
    }

    @Test
    void deploysTenantedToTheTenantsOfOneEnvironment() throws Exception {
        List<QueuedDeployment> queued = new Deployer(f.api)
                .deploy(to("Production")
                        .tenants(Collections.singletonList("Acme"))
                        .tenantTags(Collections.singletonList("Region/US"))
                        .build());

        assertThat(queued).extracting(QueuedDeployment::label).containsExactly("Production/Acme", "Production/Globex");
        assertThat(f.server.requests("POST", "deployments/create/tenanted/v1")).hasSize(1);
    }

    @Test
    void readsAnswersInCamelCase() throws Exception {
        f.server.answerDeploymentsInCamelCase(true);

        assertThat(new Deployer(f.api).deploy(to("Dev").build()))
                .extracting(QueuedDeployment::taskId)
                .containsExactly("ServerTasks-1");
    }

    @Test
    void aDroppedAnswerIsFollowedByTheDeploymentItCreatedNeverByASecondOne() throws Exception {
        new Deployer(f.api).deploy(to("Dev").build()); // an earlier deployment to Dev, which must not be taken
        f.server.dropAfterStoringNextDeployment();

        List<QueuedDeployment> queued =
                new Deployer(f.api).deploy(to("Dev", "Test").build());

        assertThat(queued).extracting(QueuedDeployment::deploymentId).containsExactly("Deployments-2", "Deployments-3");
        assertThat(queued).extracting(QueuedDeployment::label).containsExactly("Dev", "Test");
        assertThat(f.server.requests("POST", "deployments/create")).hasSize(2);
        assertThat(f.server.deployments()).hasSize(3);
        assertThat(f.fixture.warnings)
                .anyMatch(w -> w.contains("Deployments-2, Deployments-3")
                        && w.contains("waits on instead of deploying again"));
    }

    @Test
    void aDroppedAnswerWithNothingCreatedFailsWithoutSendingAgain() throws Exception {
        f.server.failNext("POST", 1, 504, "deployments/create", -1);

        OctopusException e = failure(() -> new Deployer(f.api).deploy(to("Dev").build()));

        assertThat(e.getMessage()).contains("Octopus holds no new deployment of Billing 1.4.0 to Dev");
        assertThat(f.server.requests("POST", "deployments/create")).hasSize(1);
        assertThat(f.server.deployments()).isEmpty();
    }

    @Test
    void aDroppedAnswerThatCannotBeCheckedSaysSo() throws Exception {
        try (ReleaseFixture blind =
                ReleaseFixture.limited(Permission.ReleaseCreate, Permission.DeploymentCreate, Permission.ProjectView)) {
            blind.server.addProject("Solo").packageStep("Deploy", "Solo");
            new ReleaseCreator(blind.api)
                    .create(ReleaseRequest.builder("Solo")
                            .packageVersion("1.0.0")
                            .build());
            blind.server.dropAfterStoringNextDeployment();

            OctopusException e = failure(() -> new Deployer(blind.api)
                    .deploy(DeploymentRequest.builder("Solo", "1.0.0")
                            .environment("Dev")
                            .build()));

            assertThat(e.getMessage()).contains("could not be checked").contains("before deploying again");
            assertThat(blind.server.requests("POST", "deployments/create")).hasSize(1);
        }
    }

    @Test
    void namesTheMissingPermissionAndTheServersRefusal() throws Exception {
        try (ReleaseFixture limited = ReleaseFixture.limited(Permission.ReleaseCreate)) {
            OctopusException e = failure(() -> new Deployer(limited.api)
                    .deploy(DeploymentRequest.builder("Billing", "1.0.0")
                            .environment("Dev")
                            .build()));
            assertThat(e.kind()).isEqualTo(OctopusException.Kind.PERMISSION);
            assertThat(e.getMessage()).contains("Missing permission: DeploymentCreate");
        }
        OctopusException unknown =
                failure(() -> new Deployer(f.api).deploy(to("Staging").build()));
        assertThat(unknown.getMessage()).contains("Environment 'Staging' could not be found");
        OctopusException noRelease = failure(() -> new Deployer(f.api)
                .deploy(DeploymentRequest.builder("Billing", "9.9.9")
                        .environment("Dev")
                        .build()));
        assertThat(noRelease.getMessage()).contains("Release '9.9.9'");
    }

    @Test
    void refusesServersBeforeTheExecutionsApi() throws Exception {
        try (ReleaseFixture old = new ReleaseFixture(OctopusTestServer.builder().withoutExecutionsApi())) {
            OctopusException e =
                    failure(() -> new Deployer(old.api).deploy(to("Dev").build()));

            assertThat(e.getMessage()).startsWith("Deploying a release needs Octopus 2022.3.5512 or newer");
        }
    }

    @Test
    void theRequestValidatesItselfAndNeverPrintsVariableValues() {
        DeploymentRequest request = to("Dev").variable("Db.Password", "s3cret").build();

        assertThat(request.toString()).contains("Db.Password").doesNotContain("s3cret");
        assertThat(failureOf(() -> DeploymentRequest.builder("Billing", "1.0.0").build()))
                .contains("name at least one environment");
        assertThat(failureOf(() -> to("Dev", "Test")
                        .tenants(Collections.singletonList("Acme"))
                        .build()))
                .contains("A tenanted deployment goes to one environment");
        assertThat(failureOf(() -> to("Dev")
                        .deployAt(OffsetDateTime.parse("2026-12-01T10:00:00Z"))
                        .noDeployAfter(OffsetDateTime.parse("2026-12-01T09:00:00Z"))
                        .build()))
                .contains("must be after deployAt");
    }

    private static String failureOf(Runnable build) {
        try {
            build.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("Expected IllegalArgumentException");
    }
}

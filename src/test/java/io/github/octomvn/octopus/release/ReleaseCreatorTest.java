package io.github.octomvn.octopus.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.testserver.OctopusTestServer;
import io.github.octomvn.octopus.testserver.Permission;
import io.github.octomvn.octopus.testserver.StoredRelease;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating releases is safe to re-run, recognises what an ambiguous failure left behind, and says what it needs. */
class ReleaseCreatorTest {

    private ReleaseFixture f;

    @BeforeEach
    void start() throws Exception {
        f = ReleaseFixture.start();
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

    @Test
    void createsTheReleaseWithEveryRequestedField() throws Exception {
        ReleaseOutcome outcome = new ReleaseCreator(f.api)
                .create(ReleaseRequest.builder("billing")
                        .releaseVersion("1.4.0")
                        .addPackage(ReleasePackage.of("Billing.Web", "1.4.0"))
                        .packageVersion("1.4.1")
                        .releaseNotes("- fix login (0123abc)")
                        .customField("Ticket", "OPS-7")
                        .build());

        assertThat(outcome.status()).isEqualTo(ReleaseOutcome.Status.CREATED);
        assertThat(outcome.releaseId()).isEqualTo("Releases-1");
        assertThat(outcome.summary())
                .isEqualTo("Release billing 1.4.0 created: " + f.server.url() + "/app#/Spaces-1/releases/Releases-1");
        StoredRelease stored = f.server.release("Billing", "1.4.0").orElseThrow();
        assertThat(stored.packageVersion("Billing.Web")).contains("1.4.0");
        assertThat(stored.packageVersion("Billing.Worker")).contains("1.4.1");
        assertThat(stored.releaseNotes()).contains("- fix login (0123abc)");
        assertThat(stored.customFields()).containsEntry("Ticket", "OPS-7");
        assertThat(new String(
                        f.server
                                .requests("POST", "releases/create/v1")
                                .get(0)
                                .body()
                                .orElseThrow(),
                        java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"ProjectName\":\"billing\"")
                .contains("\"SpaceIdOrName\":\"Spaces-1\"")
                .contains("\"Packages\":[\"Billing.Web:1.4.0\"]");
    }

    @Test
    void aReRunFindsTheIdenticalReleaseAndSendsNothing() throws Exception {
        f.createRelease("1.4.0");

        ReleaseOutcome again = f.createRelease("1.4.0");

        assertThat(again.status()).isEqualTo(ReleaseOutcome.Status.EXISTED_IDENTICAL);
        assertThat(again.summary()).contains("already exists, identical");
        assertThat(again.releaseId()).isEqualTo("Releases-1");
        assertThat(f.server.requests("POST", "releases/create/v1")).hasSize(1);
        assertThat(f.server.releases()).hasSize(1);
    }

    @Test
    void aReleaseWithOtherPackageVersionsFailsNamingBothLists() throws Exception {
        f.createRelease("1.4.0");

        OctopusException e = failure(() -> new ReleaseCreator(f.api)
                .create(ReleaseRequest.builder("Billing")
                        .releaseVersion("1.4.0")
                        .addPackage(ReleasePackage.of("Billing.Web", "1.4.1"))
                        .addPackage(ReleasePackage.of("Billing.Worker", "1.4.0"))
                        .build()));

        assertThat(e.kind()).isEqualTo(OctopusException.Kind.CONFLICT);
        assertThat(e.getMessage())
                .contains("it holds Billing.Web:1.4.0, Billing.Worker:1.4.0")
                .contains("this build asks for Billing.Web:1.4.1, Billing.Worker:1.4.0")
                .contains("ignoreIfAlreadyExists")
                .doesNotContain("-D")
                .doesNotContain("<");
        assertThat(f.server.requests("POST", "releases/create/v1")).hasSize(1);
    }

    @Test
    void comparesAVersionControlledProjectsReleaseWithoutItsTemplate() throws Exception {
        f.server.addProject("Cac").packageStep("Deploy", "Cac.App").versionControlled();
        new ReleaseCreator(f.api).create(cac("2.0.0"));

        ReleaseOutcome same = new ReleaseCreator(f.api).create(cac("2.0.0"));
        OctopusException other = failure(() -> new ReleaseCreator(f.api).create(cac("2.0.1")));

        assertThat(same.status()).isEqualTo(ReleaseOutcome.Status.EXISTED_IDENTICAL);
        assertThat(other.kind()).isEqualTo(OctopusException.Kind.CONFLICT);
        assertThat(other.getMessage()).contains("it holds Deploy:2.0.0").contains("asks for Cac.App:2.0.1");
    }

    @Test
    void aVersionControlledProjectTakesThisBuildsBranchAndCommitOthersNone() throws Exception {
        f.server.addProject("Cac").packageStep("Deploy", "Cac.App").versionControlled();

        new ReleaseCreator(f.api)
                .create(ReleaseRequest.builder("Cac")
                        .releaseVersion("3.0.0")
                        .packageVersion("3.0.0")
                        .build("feature/euro", "0123abcd")
                        .build());
        f.createRelease("1.4.0"); // Billing is not version-controlled
        new ReleaseCreator(f.api)
                .create(ReleaseRequest.builder("Billing")
                        .releaseVersion("1.5.0")
                        .packageVersion("1.5.0")
                        .build("main", "fedcba98")
                        .build());

        assertThat(f.server.release("Cac", "3.0.0").orElseThrow().gitRef()).contains("feature/euro");
        assertThat(f.server.release("Cac", "3.0.0").orElseThrow().gitCommit()).contains("0123abcd");
        assertThat(f.server.release("Billing", "1.5.0").orElseThrow().gitRef()).isEmpty();
        assertThat(f.server.release("Billing", "1.5.0").orElseThrow().gitCommit())
                .isEmpty();
    }

    private static ReleaseRequest cac(String packageVersion) {
        return ReleaseRequest.builder("Cac")
                .releaseVersion("2.0.0")
                .gitRef("main")
                .addPackage(ReleasePackage.of("Cac.App", packageVersion))
                .build();
    }

    @Test
    void keepsADifferentReleaseWhenAskedToIgnoreIt() throws Exception {
        f.createRelease("1.4.0");

        ReleaseOutcome kept = new ReleaseCreator(f.api)
                .create(ReleaseRequest.builder("Billing")
                        .releaseVersion("1.4.0")
                        .packageVersion("2.0.0")
                        .ignoreIfAlreadyExists(true)
                        .build());

        assertThat(kept.status()).isEqualTo(ReleaseOutcome.Status.EXISTED_KEPT);
        assertThat(kept.packages()).containsEntry("Billing.Web", "1.4.0");
        assertThat(f.fixture.warnings).anyMatch(w -> w.contains("Billing.Web: 1.4.0 there, 2.0.0 asked"));
    }

    @Test
    void aDroppedAnswerAfterTheReleaseWasStoredIsRecognisedWithoutASecondRelease() throws Exception {
        f.server.dropAfterStoringNextRelease();

        ReleaseOutcome outcome = f.createRelease("1.4.0");

        assertThat(outcome.status()).isEqualTo(ReleaseOutcome.Status.CREATED);
        assertThat(outcome.releaseId()).isEqualTo("Releases-1");
        assertThat(f.server.releases()).hasSize(1);
        assertThat(f.server.requests("POST", "releases/create/v1")).hasSize(1);
        assertThat(f.fixture.warnings).anyMatch(w -> w.contains("will check whether the server stored it"));
    }

    @Test
    void aDroppedAnswerWithoutAReleaseVersionIsNotSentAgain() throws Exception {
        f.server.dropAfterStoringNextRelease();

        OctopusException e = failure(() -> new ReleaseCreator(f.api)
                .create(ReleaseRequest.builder("Billing")
                        .packageVersion("1.4.0")
                        .build()));

        assertThat(e.getMessage()).contains("Look in Octopus before creating it again");
        assertThat(f.server.requests("POST", "releases/create/v1")).hasSize(1);
    }

    @Test
    void retriesWhileTheServerIsUnavailable() throws Exception {
        f.server.failNext(2, 503, "releases/create/v1");

        assertThat(f.createRelease("1.4.0").status()).isEqualTo(ReleaseOutcome.Status.CREATED);
        assertThat(f.server.releases()).hasSize(1);
    }

    @Test
    void passesOnTheServersRefusal() throws Exception {
        OctopusException e = failure(() -> new ReleaseCreator(f.api)
                .create(ReleaseRequest.builder("Payroll")
                        .releaseVersion("1.0.0")
                        .build()));

        assertThat(e.kind()).isEqualTo(OctopusException.Kind.VALIDATION);
        assertThat(e.getMessage()).contains("Project 'Payroll' could not be found");
    }

    @Test
    void namesTheMissingPermission() throws Exception {
        try (ReleaseFixture limited = ReleaseFixture.limited(Permission.ProjectView, Permission.ReleaseView)) {
            OctopusException e = failure(() -> limited.createRelease("1.0.0"));

            assertThat(e.kind()).isEqualTo(OctopusException.Kind.PERMISSION);
            assertThat(e.getMessage()).contains("Missing permission: ReleaseCreate");
        }
    }

    @Test
    void refusesServersBeforeTheExecutionsApi() throws Exception {
        try (ReleaseFixture old = new ReleaseFixture(OctopusTestServer.builder().withoutExecutionsApi())) {
            OctopusException e = failure(() -> old.createRelease("1.0.0"));

            assertThat(e.kind()).isEqualTo(OctopusException.Kind.UNSUPPORTED_SERVER);
            assertThat(e.getMessage())
                    .contains("needs Octopus 2022.3.5512 or newer")
                    .contains("runs 2022.2.8011");
            assertThat(old.server.requests("POST", "releases")).isEmpty();
        }
        assertThat(ExecutionsApi.supports("2022.3.5512")).isTrue();
        assertThat(ExecutionsApi.supports("2022.3.5511")).isFalse();
        assertThat(ExecutionsApi.supports("2023.1.9626")).isTrue();
        assertThat(ExecutionsApi.supports("0.0.0-local")).isTrue();
        assertThat(ExecutionsApi.supports("unknown")).isFalse();
    }

    @Test
    void escapesColonsOnlyForServersThatReadThem() throws Exception {
        f.server.addProject("Maven Shop").packageStep("Deploy", "com.example:shop");
        ReleaseRequest request = ReleaseRequest.builder("Maven Shop")
                .releaseVersion("1.0.0")
                .addPackage(ReleasePackage.of("com.example:shop", "1.0.0"))
                .build();

        OctopusException e = failure(() -> new ReleaseCreator(f.api).create(request));
        assertThat(e.getMessage()).contains("2025.4.10680").contains("com.example\\:shop:1.0.0");

        try (ReleaseFixture recent =
                new ReleaseFixture(OctopusTestServer.builder().version("2025.4.10680"))) {
            recent.server.addProject("Maven Shop").packageStep("Deploy", "com.example:shop");
            new ReleaseCreator(recent.api).create(request);
            assertThat(recent.server
                            .release("Maven Shop", "1.0.0")
                            .orElseThrow()
                            .packageVersion("com.example:shop"))
                    .isEqualTo(Optional.of("1.0.0"));
        }
    }

    @Test
    void aReleaseMadeBetweenLookupAndRequestIsComparedToo() throws Exception {
        // A key that may create but not read: the lookup is skipped, the server's duplicate answer is compared.
        try (ReleaseFixture blind = ReleaseFixture.limited(Permission.ReleaseCreate, Permission.FeedView)) {
            blind.createRelease("1.4.0");
            OctopusException e = failure(() -> blind.createRelease("1.4.0"));

            assertThat(e.kind()).isEqualTo(OctopusException.Kind.CONFLICT);
            assertThat(e.getMessage())
                    .contains("Release '1.4.0' already exists for this project")
                    .contains("could not be checked")
                    .contains("Missing permission: ProjectView");
            assertThat(blind.server.releases()).hasSize(1);
        }
        assertThatThrownBy(() -> ReleaseRequest.builder(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}

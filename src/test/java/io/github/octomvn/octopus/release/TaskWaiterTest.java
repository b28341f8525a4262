package io.github.octomvn.octopus.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.testserver.Permission;
import io.github.octomvn.octopus.testserver.TaskScript;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Waiting reports changes and a heartbeat, not polls; it ends with the outcome, the log tail and the link. */
class TaskWaiterTest {

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

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

    private List<QueuedDeployment> deploy(String... environments) throws OctopusException {
        return new Deployer(f.api)
                .deploy(DeploymentRequest.builder("Billing", "1.4.0")
                        .environments(Arrays.asList(environments))
                        .build());
    }

    @Test
    void reportsEachChangeOfStateAndEvery30SecondsNeverEachPoll() throws Exception {
        f.server.scriptTasks(TaskScript.queued(1).thenExecuting(20).thenSucceeds());
        List<QueuedDeployment> queued = deploy("Dev");

        List<TaskOutcome> outcomes = f.waiter().waitFor(queued, TEN_MINUTES, false);

        // 22 polls, 5 s apart: Queued at 0 s, Executing from 5 s to 100 s, Success at 105 s.
        assertThat(f.server.taskPolls("ServerTasks-1")).isEqualTo(22);
        assertThat(f.progress)
                .containsExactly(
                        "Dev: Queued",
                        "Dev: Executing, 5s",
                        "Dev: Executing, 35s",
                        "Dev: Executing, 1m05s",
                        "Dev: Executing, 1m35s");
        TaskOutcome outcome = outcomes.get(0);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.logTail()).isEmpty();
        assertThat(outcome.summary())
                .isEqualTo("Dev: Success in 1m45s, " + f.server.url() + "/app#/Spaces-1/tasks/ServerTasks-1");
    }

    @Test
    void aFailureCarriesTheErrorMessageTheLast20LogLinesAndTheLink() throws Exception {
        String[] lines = new String[25];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "step output " + (i + 1);
        }
        f.server.scriptTasks(
                "Test", TaskScript.queued(1).thenExecuting(1).logging(lines).thenFails("The step 'Deploy web' failed"));
        List<QueuedDeployment> queued = deploy("Dev", "Test");

        List<TaskOutcome> outcomes = f.waiter().waitFor(queued, TEN_MINUTES, false);

        assertThat(outcomes.get(0).succeeded()).isTrue();
        TaskOutcome failed = outcomes.get(1);
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.task().state()).isEqualTo("Failed");
        assertThat(failed.logTail()).hasSize(20);
        assertThat(failed.logTail().get(19)).contains("The step 'Deploy web' failed");
        assertThat(failed.logTail()).anyMatch(l -> l.contains("step output 25"));
        assertThat(failed.logTail()).noneMatch(l -> l.endsWith("step output 6"));
        String message = failed.failure().orElseThrow();
        assertThat(message)
                .startsWith("Deployment to Test ended Failed: The step 'Deploy web' failed\nLast 20 lines of the task"
                        + " log:\n  ")
                .endsWith("\nTask: " + f.server.url() + "/app#/Spaces-1/tasks/ServerTasks-2");
        assertThat(f.progress).contains("Test: Executing, 5s").noneMatch(l -> l.startsWith("Test: Failed"));
    }

    @Test
    void timesOutLeavingTheTaskRunning() throws Exception {
        f.server.scriptTasks(TaskScript.executing(1).staysThere());
        List<QueuedDeployment> queued = deploy("Dev");

        TaskOutcome outcome =
                f.waiter().waitFor(queued, Duration.ofMinutes(2), false).get(0);

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.canceledAfterTimeout()).isFalse();
        assertThat(outcome.waited()).isEqualTo(Duration.ofMinutes(2));
        assertThat(f.server.taskCancelRequested("ServerTasks-1")).isFalse();
        assertThat(outcome.failure().orElseThrow())
                .startsWith("Deployment to Dev did not finish within the deployment time-out (2m00s; the task goes on"
                        + " in Octopus)");
        assertThat(f.progress)
                .containsExactly(
                        "Dev: Executing",
                        "Dev: Executing, 30s",
                        "Dev: Executing, 1m00s",
                        "Dev: Executing, 1m30s",
                        "Dev: Executing, 2m00s");
    }

    @Test
    void cancelsAtTheTimeOutWhenAsked() throws Exception {
        f.server.scriptTasks(TaskScript.executing(1).staysThere());
        List<QueuedDeployment> queued = deploy("Dev");

        TaskOutcome outcome =
                f.waiter().waitFor(queued, Duration.ofMinutes(1), true).get(0);

        assertThat(f.server.taskCancelRequested("ServerTasks-1")).isTrue();
        assertThat(outcome.canceledAfterTimeout()).isTrue();
        assertThat(outcome.task().state()).isEqualTo("Canceled");
        assertThat(outcome.failure().orElseThrow())
                .startsWith("Deployment to Dev was canceled after the deployment" + " time-out (1m");
        assertThat(outcome.logTail()).anyMatch(l -> l.contains("The task was canceled."));
        assertThat(f.progress).contains("Dev: still Executing at the time-out; canceling ServerTasks-1");
    }

    @Test
    void saysOnceThatAnInterventionIsWaitingAndKeepsWaiting() throws Exception {
        f.server.scriptTasks(TaskScript.executing(1)
                .thenWaitingForIntervention(10)
                .thenExecuting(1)
                .thenSucceeds());
        List<QueuedDeployment> queued = deploy("Production");

        TaskOutcome outcome = f.waiter().waitFor(queued, TEN_MINUTES, false).get(0);

        assertThat(outcome.succeeded()).isTrue();
        assertThat(f.progress.stream().filter(l -> l.contains("manual intervention")))
                .containsExactly("Production: waiting for a manual intervention or guided failure in Octopus: "
                        + f.server.url() + "/app#/Spaces-1/tasks/ServerTasks-1");
    }

    @Test
    void aTaskThatTimesOutOnTheServerFails() throws Exception {
        f.server.scriptTasks(TaskScript.executing(2).thenTimesOut());

        TaskOutcome outcome =
                f.waiter().waitFor(deploy("Dev"), TEN_MINUTES, false).get(0);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.failure().orElseThrow()).contains("ended TimedOut: The task exceeded its maximum run time");
    }

    @Test
    void pollsAtTheGivenInterval() throws Exception {
        f.server.scriptTasks(TaskScript.queued(1).thenExecuting(3).thenSucceeds());

        TaskOutcome outcome = f.waiter()
                .pollingEvery(Duration.ofSeconds(10))
                .waitFor(deploy("Dev"), TEN_MINUTES, false)
                .get(0);

        assertThat(outcome.waited()).isEqualTo(Duration.ofSeconds(40));
        assertThat(f.fixture.clock.instant()).isEqualTo(java.time.Instant.parse("2026-11-25T10:00:40Z"));
    }

    @Test
    void aKeyWithoutTaskViewFailsNamingIt() throws Exception {
        try (ReleaseFixture limited = ReleaseFixture.limited(Permission.ReleaseCreate, Permission.DeploymentCreate)) {
            limited.createRelease("1.0.0");
            List<QueuedDeployment> queued = new Deployer(limited.api)
                    .deploy(DeploymentRequest.builder("Billing", "1.0.0")
                            .environment("Dev")
                            .build());
            try {
                limited.waiter().waitFor(queued, TEN_MINUTES, false);
                throw new AssertionError("expected a failure");
            } catch (OctopusException e) {
                assertThat(e.kind()).isEqualTo(OctopusException.Kind.PERMISSION);
                assertThat(e.getMessage()).contains("Missing permission: TaskView");
            }
        }
    }

    @Test
    void formatsElapsedTime() {
        assertThat(TaskWaiter.elapsed(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(TaskWaiter.elapsed(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(TaskWaiter.elapsed(Duration.ofMinutes(62))).isEqualTo("1h02m");
    }
}

package io.github.octomvn.octopus.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.octomvn.octopus.testserver.TaskScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release report holds the release, each deployment's task, state and duration, and no secret. */
class ReleaseReportTest {

    @Test
    void writesTheReleaseAndEachDeploymentWithoutVariableValues(@TempDir Path dir) throws Exception {
        try (ReleaseFixture f = ReleaseFixture.start()) {
            f.server.scriptTasks("Test", TaskScript.executing(2).thenFails("Step 1 failed"));
            ReleaseOutcome release = f.createRelease("1.4.0");
            List<QueuedDeployment> queued = new Deployer(f.api)
                    .deploy(DeploymentRequest.builder("Billing", "1.4.0")
                            .environments(Arrays.asList("Dev", "Test"))
                            .variable("Db.Password", "s3cret")
                            .build());
            List<TaskOutcome> outcomes = f.waiter().waitFor(queued, Duration.ofMinutes(10), false);
            Path file = dir.resolve("target/octopus/" + ReleaseReport.FILE_NAME);

            ReleaseReport.write(
                    file, f.client.serverUrl(), "Spaces-1", Optional.of(release), outcomes, Collections.emptyList());

            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            assertThat(text).doesNotContain("s3cret").doesNotContain(f.server.apiKey());
            JsonNode report = new ObjectMapper().readTree(text);
            assertThat(report.get("release").get("version").asText()).isEqualTo("1.4.0");
            assertThat(report.get("release").get("status").asText()).isEqualTo("CREATED");
            JsonNode dev = report.get("deployments").get(0);
            assertThat(dev.get("environment").asText()).isEqualTo("Dev");
            assertThat(dev.get("taskId").asText()).isEqualTo("ServerTasks-1");
            assertThat(dev.get("state").asText()).isEqualTo("Success");
            assertThat(dev.get("succeeded").asBoolean()).isTrue();
            assertThat(dev.get("link").asText()).endsWith("/app#/Spaces-1/tasks/ServerTasks-1");
            JsonNode test = report.get("deployments").get(1);
            assertThat(test.get("state").asText()).isEqualTo("Failed");
            assertThat(test.get("errorMessage").asText()).isEqualTo("Step 1 failed");
            assertThat(Files.list(file.getParent())).containsExactly(file);
        }
    }
}

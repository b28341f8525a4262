package io.github.octomvn.octopus.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push report links to the release report of a release made from the same push. */
class PushReportTest {

    @Test
    void linksTheReleaseReportAndKeepsThePackages(@TempDir Path dir) throws Exception {
        Path pushReport = dir.resolve("target/octopus/push-report.json");
        PushReport report = new PushReport("http://127.0.0.1:8080", false);
        report.add(dir.resolve("greeter.1.4.0.zip"), "greeter", "1.4.0", "abc", "created", null);
        report.write(pushReport);
        Path releaseReport = dir.resolve("target/octopus/release-report.json");

        PushReport.linkReleaseReport(pushReport, releaseReport);

        JsonNode json = new ObjectMapper().readTree(pushReport.toFile());
        assertThat(json.get("releaseReport").asText())
                .isEqualTo(releaseReport.toAbsolutePath().toString());
        assertThat(json.get("packages").get(0).get("packageId").asText()).isEqualTo("greeter");
        assertThat(json.get("server").asText()).isEqualTo("http://127.0.0.1:8080");
        assertThat(Files.list(pushReport.getParent())).containsExactly(pushReport);
    }

    @Test
    void writesNothingWithoutAPushReport(@TempDir Path dir) throws Exception {
        Path pushReport = dir.resolve("push-report.json");

        PushReport.linkReleaseReport(pushReport, dir.resolve("release-report.json"));

        assertThat(pushReport).doesNotExist();
    }
}

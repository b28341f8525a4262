package io.github.octomvn.octopus.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.buildinfo.Commit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Release notes from commits: one line each, newest first, capped. */
class ReleaseNotesTest {

    @Test
    void writesTheFirstLineOfEachCommitWithItsShortIdInTheOrderGiven() {
        String notes = ReleaseNotes.fromCommits(
                Arrays.asList(
                        new Commit("0123456789abcdef", "PROJ-12 fix login\n\nThe session expired too early."),
                        new Commit("fedcba9876543210", "  Add billing export  ")),
                50);

        assertThat(notes).isEqualTo("- PROJ-12 fix login (0123456)\n- Add billing export (fedcba9)");
    }

    @Test
    void capsTheListAndCountsTheRest() {
        List<Commit> commits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            commits.add(new Commit("c" + i, "change " + i));
        }

        assertThat(ReleaseNotes.fromCommits(commits, 3))
                .isEqualTo("- change 0 (c0)\n- change 1 (c1)\n- change 2 (c2)\n- ... and 2 earlier commits");
        assertThat(ReleaseNotes.fromCommits(commits, 4)).endsWith("- ... and 1 earlier commit");
    }

    @Test
    void listsTheCommitsOfThePackagesBuildInformationOnce() throws Exception {
        try (ReleaseFixture f = ReleaseFixture.start()) {
            java.util.Map<String, Object> web = new java.util.LinkedHashMap<>();
            web.put("VcsType", "Git");
            web.put("Commits", Arrays.asList(commit("c2c2c2c2c2", "Bill in euros"), commit("c1c1c1c1c1", "Start")));
            java.util.Map<String, Object> worker = new java.util.LinkedHashMap<>();
            worker.put("VcsType", "Git");
            worker.put(
                    "Commits",
                    Arrays.asList(commit("c3c3c3c3c3", "Retry the queue"), commit("c2c2c2c2c2", "Bill in euros")));
            f.server.seedBuildInformation("Billing.Web", "1.4.0", web);
            f.server.seedBuildInformation("Billing.Worker", "1.4.0", worker);
            java.util.Map<String, String> packages = new java.util.LinkedHashMap<>();
            packages.put("Billing.Web", "1.4.0");
            packages.put("Billing.Worker", "1.4.0");

            assertThat(ReleaseNotes.fromBuildInformation(f.api, packages, 50))
                    .contains("- Bill in euros (c2c2c2c)\n- Start (c1c1c1c)\n- Retry the queue (c3c3c3c)");
            assertThat(ReleaseNotes.fromBuildInformation(f.api, java.util.Map.of("Billing.Web", "9.9.9"), 50))
                    .isEmpty();
        }
    }

    private static java.util.Map<String, String> commit(String id, String comment) {
        java.util.Map<String, String> commit = new java.util.LinkedHashMap<>();
        commit.put("Id", id);
        commit.put("Comment", comment);
        return commit;
    }

    @Test
    void shortensVeryLongLinesAndKeepsCommitsWithoutAMessage() {
        String notes =
                ReleaseNotes.fromCommits(Arrays.asList(new Commit("abc", "x".repeat(500)), new Commit("def", "")), 10);

        assertThat(notes.split("\n")[0]).hasSizeLessThan(220).contains("...");
        assertThat(notes.split("\n")[1]).isEqualTo("- def");
        assertThat(ReleaseNotes.fromCommits(Collections.emptyList(), 10)).isEmpty();
        assertThatThrownBy(() -> ReleaseNotes.fromCommits(Collections.emptyList(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

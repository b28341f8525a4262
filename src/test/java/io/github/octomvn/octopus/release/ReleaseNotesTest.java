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

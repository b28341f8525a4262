package io.github.octomvn.octopus.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mechanism that keeps docs/reliability.md equal to what the suites render. */
class ReliabilityDocTest {
    @TempDir
    Path dir;

    private static final String BODY = ReliabilityDoc.table(List.of(new Row("push", "401", "HTTP 401 | bad", "none")));

    @Test
    void rendersOneEscapedRowPerCase() {
        assertThat(BODY)
                .isEqualTo("| Area | Case | What the user sees | End state |\n"
                        + "|---|---|---|---|\n"
                        + "| push | 401 | `HTTP 401 \\| bad` | none |\n");
    }

    @Test
    void normalisesPortsPathsAndSha1s() {
        String line = "at http://127.0.0.1:43817 in /tmp/junit123/out: sha1 d61cbf3073265b46c7cdd00ed803c480cc5ebd96";

        assertThat(ReliabilityDoc.normalise(line, Map.of("/tmp/junit123", "<tmp>")))
                .isEqualTo("at http://127.0.0.1:PORT in <tmp>/out: sha1 <sha1>");
    }

    @Test
    void updateAppendsANewSectionThenReplacesItKeepingTheRest() throws Exception {
        Path file = Files.writeString(dir.resolve("reliability.md"), "# Title\n\nHand-written intro.\n\n");

        ReliabilityDoc.of(file, true).check("faults", BODY);
        ReliabilityDoc.of(file, true).check("faults", "| new |\n");

        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo("# Title\n\nHand-written intro.\n\n<!-- BEGIN faults -->\n| new |\n<!-- END faults -->\n");
    }

    @Test
    void checkFailsWhenTheSectionDiffersOrIsMissingAndNamesTheFix() throws Exception {
        Path file = dir.resolve("reliability.md");
        ReliabilityDoc.of(file, true).check("faults", BODY);

        ReliabilityDoc.of(file, false).check("faults", BODY);
        assertThatThrownBy(() -> ReliabilityDoc.of(file, false).check("faults", "| other |\n"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("section 'faults' differs")
                .hasMessageContaining("-Dreliability.update=true");
        assertThatThrownBy(() -> ReliabilityDoc.of(file, false).check("corpus", BODY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("section 'corpus' is missing");
    }
}

package io.github.octomvn.octopus.buildinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

    private static int compare(String a, String b) {
        return VersionOrder.INSTANCE.compare(a, b);
    }

    @Test
    void ordersByNumericPartsNotText() {
        assertThat(compare("1.10.0", "1.9.0")).isPositive();
        assertThat(compare("2.0", "10.0")).isNegative();
    }

    @Test
    void treatsMissingPartsAsZeroAndIgnoresBuildMetadata() {
        assertThat(compare("1.0", "1.0.0.0")).isZero();
        assertThat(compare("1.0.0+build.5", "1.0.0")).isZero();
    }

    @Test
    void ranksAReleaseAboveItsPreReleasesAndLabelsBySemVerRules() {
        List<String> versions = new ArrayList<>(List.of(
                "1.0.0", "1.0.0-rc.1", "1.0.0-beta.11", "1.0.0-beta.2", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-Beta"));
        versions.sort(VersionOrder.INSTANCE);

        assertThat(versions)
                .containsExactly(
                        "1.0.0-alpha",
                        "1.0.0-alpha.1",
                        "1.0.0-Beta",
                        "1.0.0-beta.2",
                        "1.0.0-beta.11",
                        "1.0.0-rc.1",
                        "1.0.0");
    }

    @Test
    void sortsUnparseableVersionsBelowValidOnes() {
        assertThat(compare("not a version", "0.0.1")).isNegative();
        assertThat(compare("1.0.0", "latest")).isPositive();
    }
}

package io.github.octomvn.octopus.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OctopusVersionTest {
    private static final Instant BUILD_TIME = Instant.parse("2026-11-25T09:30:15.123Z");
    private static final String STAMP = "20261125T093015";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // plain releases stay as they are
        "1.0, 1.0",
        "1.0.0, 1.0.0",
        "4.13.2, 4.13.2",
        "1.70, 1.70",
        "1.2.3.4, 1.2.3.4",
        "2.12.7.1, 2.12.7.1",
        "1.9.22.1, 1.9.22.1",
        "20240101, 20240101",
        "2016.09.01, 2016.09.01",
        "0.0.1, 0.0.1",
        // pre-release and metadata that are already valid
        "2.0.0-M1, 2.0.0-M1",
        "3.0.0-M7, 3.0.0-M7",
        "1.0-alpha-1, 1.0-alpha-1",
        "1.0-beta-2, 1.0-beta-2",
        "3.0.0-RC1, 3.0.0-RC1",
        "2.13.0-rc1, 2.13.0-rc1",
        "1.0-rc-1, 1.0-rc-1",
        "2.0.0-beta.1, 2.0.0-beta.1",
        "1.0.0-alpha.1, 1.0.0-alpha.1",
        "31.1-jre, 31.1-jre",
        "33.6.0-jre, 33.6.0-jre",
        "1.0+hotfix, 1.0+hotfix",
        "1.0.0-RC1+build.7, 1.0.0-RC1+build.7",
        "1.0.0+build.007, 1.0.0+build.007",
        "1.0-20240105.134501-3, 1.0-20240105.134501-3",
        // release qualifiers are dropped
        "1.0.0.RELEASE, 1.0.0",
        "2.3.1.RELEASE, 2.3.1",
        "5.3.Final, 5.3",
        "4.1.100.Final, 4.1.100",
        "6.4.4.Final, 6.4.4",
        "1.0.GA, 1.0",
        "1.0-final, 1.0",
        "1.0.0-GA, 1.0.0",
        "2.2.5.Final-redhat-00001, 2.2.5-redhat-00001",
        // other qualifiers become a pre-release label
        "2.0.0.M1, 2.0.0-M1",
        "9.0.0.M26, 9.0.0-M26",
        "1.0.0.Beta1, 1.0.0-Beta1",
        "2.0.0.CR1, 2.0.0-CR1",
        "3.1.1.SR3, 3.1.1-SR3",
        "1.0beta1, 1.0-beta1",
        "9.4.51.v20230217, 9.4.51-v20230217",
        "1.0.0_01, 1.0.0-1",
        "1.0-01, 1.0-1",
        "2.0.0-beta.01, 2.0.0-beta.1",
        "1.0.0~rc1, 1.0.0-rc1",
        "1.0__beta, 1.0-beta",
        "1.0.0+build_5, 1.0.0+build-5",
        // too many or too large numeric parts move into the label
        "1.2.3.4.5, 1.2.3.4-5",
        "1.0.0.0.0.0, 1.0.0.0-0.0",
        "1.2.3.4.05, 1.2.3.4-5",
        "1.0.20240105134501, 1.0.0-20240105.134501",
        "1.0.20240105093015, 1.0.0-20240105.93015",
        "1.99999999999, 1.0.0-99999999999",
        "1.2147483647, 1.2147483647",
        "1.2147483648, 1.0.0-2147483648",
        "1.2.3.4.5-beta, 1.2.3.4-5.beta",
    })
    void mapsMavenVersions(String maven, String expected) throws Exception {
        OctopusVersion version = OctopusVersion.fromMaven(maven, BUILD_TIME);

        assertThat(version).hasToString(expected);
        assertRoundTrips(version);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1.0-SNAPSHOT, 1.0.0-SNAPSHOT." + STAMP,
        "0.0.1-SNAPSHOT, 0.0.1-SNAPSHOT." + STAMP,
        "1-SNAPSHOT, 1.0.0-SNAPSHOT." + STAMP,
        "1.2.3.4-SNAPSHOT, 1.2.3.4-SNAPSHOT." + STAMP,
        "2.0.0-M1-SNAPSHOT, 2.0.0-M1-SNAPSHOT." + STAMP,
        "1.0.0.CR2-SNAPSHOT, 1.0.0-CR2-SNAPSHOT." + STAMP,
        "2.0.0-beta.1-SNAPSHOT, 2.0.0-beta.1-SNAPSHOT." + STAMP,
        "2.3.1.RELEASE-SNAPSHOT, 2.3.1-SNAPSHOT." + STAMP,
        "1.0-snapshot, 1.0.0-SNAPSHOT." + STAMP,
        "1.0.SNAPSHOT, 1.0.0-SNAPSHOT." + STAMP,
        "1.0_SNAPSHOT, 1.0.0-SNAPSHOT." + STAMP,
        "1.2.3.4.5-SNAPSHOT, 1.2.3.4-5-SNAPSHOT." + STAMP,
    })
    void makesSnapshotsUniquePerBuild(String maven, String expected) throws Exception {
        OctopusVersion version = OctopusVersion.fromMaven(maven, BUILD_TIME);

        assertThat(version).hasToString(expected);
        assertThat(version.isPreRelease()).isTrue();
        assertRoundTrips(version);
    }

    @Test
    void snapshotStampIsTakenInUtc() throws Exception {
        Instant lateEvening = Instant.parse("2026-12-31T23:59:59Z");

        assertThat(OctopusVersion.fromMaven("1.0-SNAPSHOT", lateEvening)).hasToString("1.0.0-SNAPSHOT.20261231T235959");
    }

    @Test
    void snapshotsOfLaterBuildsSortAfterEarlierOnes() throws Exception {
        String earlier = OctopusVersion.fromMaven("1.0-SNAPSHOT", Instant.parse("2026-11-25T09:30:15Z"))
                .toString();
        String later = OctopusVersion.fromMaven("1.0-SNAPSHOT", Instant.parse("2026-11-25T10:00:00Z"))
                .toString();

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void refusesVersionThatDoesNotStartWithANumber() {
        assertThatThrownBy(() -> OctopusVersion.fromMaven("Hoxton.SR1", BUILD_TIME))
                .isInstanceOf(PackagingException.class)
                .hasMessage("Maven version 'Hoxton.SR1' cannot be mapped to an Octopus version: it must start with a"
                        + " number. Set the version, e.g. 1.2.3.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "Greenwich.RELEASE", "r09", "v1.0", "${revision}", "", "SNAPSHOT"})
    void refusesOtherVersionsWithoutLeadingNumber(String maven) {
        assertThatThrownBy(() -> OctopusVersion.fromMaven(maven, BUILD_TIME))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("it must start with a number");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1",
                "1.2",
                "1.2.3",
                "1.2.3.4",
                "1.0.0-beta.1",
                "1.0-beta-2",
                "1.0+meta",
                "2016.09.01",
                "1.0.0-rc.1+build.01",
                "2147483647.0"
            })
    void parsesValidVersions(String text) throws Exception {
        assertThat(OctopusVersion.parse(text)).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "v1.0",
                "1.2.3.4.5",
                "1.0-",
                "1.0-beta..1",
                "1.0+",
                "1.0_1",
                "1..0",
                "1.0.",
                "2147483648",
                "1.0-01",
                "1.0-beta.007",
                "1.0 ",
                "1.0-bêta"
            })
    void refusesInvalidVersions(String text) {
        assertThatThrownBy(() -> OctopusVersion.parse(text))
                .isInstanceOf(PackagingException.class)
                .hasMessageStartingWith("Invalid Octopus version '" + text + "': ")
                .hasMessageEndingWith("Set the version, e.g. 1.2.3.");
    }

    @Test
    void explainsLeadingZeroInNumericLabel() {
        assertThatThrownBy(() -> OctopusVersion.parse("1.0.0-rc.01"))
                .hasMessage("Invalid Octopus version '1.0.0-rc.01': the numeric label part '01' has a leading zero."
                        + " Set the version, e.g. 1.2.3.");
    }

    @Test
    void explainsNumberTooLargeForOctopus() {
        assertThatThrownBy(() -> OctopusVersion.parse("1.0.20240105134501"))
                .hasMessageContaining("the number 20240105134501 is larger than 2147483647");
    }

    @Test
    void knowsPreReleases() throws Exception {
        assertThat(OctopusVersion.parse("1.0.0-beta").isPreRelease()).isTrue();
        assertThat(OctopusVersion.parse("1.0.0+build.5").isPreRelease()).isFalse();
        assertThat(OctopusVersion.parse("1.0.0").isPreRelease()).isFalse();
        assertThat(OctopusVersion.fromMaven("2.3.1.RELEASE", BUILD_TIME).isPreRelease())
                .isFalse();
        assertThat(OctopusVersion.fromMaven("2.0.0.M1", BUILD_TIME).isPreRelease())
                .isTrue();
    }

    @Test
    void comparesByText() throws Exception {
        assertThat(OctopusVersion.parse("1.0.0")).isEqualTo(OctopusVersion.parse("1.0.0"));
        assertThat(OctopusVersion.parse("1.0.0")).hasSameHashCodeAs(OctopusVersion.parse("1.0.0"));
        assertThat(OctopusVersion.parse("1.0")).isNotEqualTo(OctopusVersion.parse("1.0.0"));
    }

    private static void assertRoundTrips(OctopusVersion version) throws Exception {
        PackageId id = PackageId.of("MyCompany.Web-App");
        for (String extension : new String[] {".zip", ".tar.gz"}) {
            Optional<PackageFileName> parsed = PackageFileName.parse(PackageFileName.of(id, version, extension));
            assertThat(parsed).isPresent();
            assertThat(parsed.get().packageId()).isEqualTo(id.value());
            assertThat(parsed.get().version()).isEqualTo(version.toString());
            assertThat(parsed.get().extension()).isEqualTo(extension);
            PackageFileName.checkRoundTrip(id, version, extension);
        }
        assertThat(OctopusVersion.parse(version.toString())).isEqualTo(version);
    }
}

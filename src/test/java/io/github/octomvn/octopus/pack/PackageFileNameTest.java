package io.github.octomvn.octopus.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PackageFileNameTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // spec §11 cases 12-14
        "MyApp.Web.1.2.3-beta.4+build5.zip, MyApp.Web, 1.2.3-beta.4+build5, .zip",
        "my-app.1.0-SNAPSHOT.tar.gz, my-app, 1.0-SNAPSHOT, .tar.gz",
        "app.1.0.0-rc.1.tgz, app, 1.0.0-rc.1, .tgz",
        "product-1.0.1.zip, product-1, 0.1, .zip",
        // case 15, second half: the client-style parse takes the first split that works
        "app.1.2.3.4.5.zip, app.1, 2.3.4.5, .zip",
        "MyApp.v1.0.0.zip, MyApp.v1, 0.0, .zip",
        // every supported extension, longest first
        "app.1.0.tar.bz2, app, 1.0, .tar.bz2",
        "app.1.0.tar.bz, app, 1.0, .tar.bz",
        "app.1.0.tar.Z, app, 1.0, .tar.Z",
        "app.1.0.tar, app, 1.0, .tar",
        "app.1.0.jar, app, 1.0, .jar",
        "app.1.0.war, app, 1.0, .war",
        "app.1.0.ear, app, 1.0, .ear",
        "app.1.0.rar, app, 1.0, .rar",
        "app.1.0.nupkg, app, 1.0, .nupkg",
        "APP.1.0.ZIP, APP, 1.0, .ZIP",
        "X.1.0-rc.tar.gz, X, 1.0-rc, .tar.gz",
        "a_b.1.0.zip, a_b, 1.0, .zip",
        "app.2147483647.zip, app, 2147483647, .zip",
    })
    void parsesFileNamesLikeOctopus(String fileName, String id, String version, String extension) {
        PackageFileName parsed = PackageFileName.parse(fileName).orElseThrow();

        assertThat(parsed.packageId()).isEqualTo(id);
        assertThat(parsed.version()).isEqualTo(version);
        assertThat(parsed.extension()).isEqualTo(extension);
        assertThat(parsed).hasToString(fileName);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "app.2.3.1.RELEASE.zip", // case 15: no match in the client-style parse
                "MyApp.1.0.0.exe", // case 17: unsupported extension
                "app.zip",
                ".zip",
                "app.1.0",
                "app.v1.zip",
                "app..1.0.zip",
                "app.1.0-.zip",
                "app.1.0_1.zip",
                "café.1.0.zip",
                "app.2147483648.zip",
                "app.1.0.tar.xz",
            })
    void refusesNamesOctopusCannotRead(String fileName) {
        assertThat(PackageFileName.parse(fileName)).isEmpty();
    }

    @Test
    void buildsIdDotVersionExtension() throws Exception {
        assertThat(PackageFileName.of(PackageId.of("MyApp.Web"), OctopusVersion.parse("1.2.3-beta.4"), ".tar.gz"))
                .isEqualTo("MyApp.Web.1.2.3-beta.4.tar.gz");
    }

    @Test
    void refusesToBuildNameWithUnsupportedExtension() {
        assertThatThrownBy(() -> PackageFileName.of(PackageId.of("MyApp"), OctopusVersion.parse("1.0.0"), ".exe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".exe");
    }

    @Test
    void roundTripCheckRejectsUnsupportedExtension() {
        assertThatThrownBy(() ->
                        PackageFileName.checkRoundTrip(PackageId.of("MyApp"), OctopusVersion.parse("1.0.0"), ".exe"))
                .isInstanceOf(PackagingException.class)
                .hasMessageStartingWith("Unsupported package extension '.exe' for MyApp: Octopus accepts .tar.gz,");
    }

    @Test
    void roundTripCheckAcceptsEverySupportedExtension() throws Exception {
        for (String extension : PackageFileName.SUPPORTED_EXTENSIONS) {
            PackageFileName.checkRoundTrip(PackageId.of("MyApp.Web"), OctopusVersion.parse("1.0.0-rc.1"), extension);
        }
    }

    @Test
    void equalityCoversIdVersionAndExtension() {
        assertThat(PackageFileName.parse("app.1.0.zip")).isEqualTo(PackageFileName.parse("app.1.0.zip"));
        assertThat(PackageFileName.parse("app.1.0.zip")).isNotEqualTo(PackageFileName.parse("app.1.0.jar"));
        assertThat(PackageFileName.parse("app.1.0.zip").orElseThrow())
                .hasSameHashCodeAs(PackageFileName.parse("app.1.0.zip").orElseThrow());
    }
}

package io.github.octomvn.octopus.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.pack.PackageFileName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UploadFileNameTest {

    @ParameterizedTest
    @CsvSource({
        "MyApp.Web.1.2.3-beta.4+build5.zip, MyApp.Web, 1.2.3-beta.4+build5, .zip",
        "my-app.1.0-SNAPSHOT.tar.gz, my-app, 1.0-SNAPSHOT, .tar.gz",
        "app.1.0.0-rc.1.tgz, app, 1.0.0-rc.1, .tgz",
        "product-1.0.1.zip, product-1, 0.1, .zip",
        "app.1.2.3.4.5.zip, app.1, 2.3.4.5, .zip",
        "test.1.0.zip, test, 1.0, .zip",
        "Web_Api.2024.1.15.4.war, Web_Api, 2024.1.15.4, .war",
        "lib.1.0.0.TAR.BZ2, lib, 1.0.0, .TAR.BZ2",
    })
    void readsIdVersionAndExtensionLikeTheServer(String fileName, String id, String version, String extension) {
        PackageFileName name = UploadFileName.parse(fileName);

        assertThat(name.packageId()).isEqualTo(id);
        assertThat(name.version()).isEqualTo(version);
        assertThat(name.extension()).isEqualTo(extension);
    }

    @Test
    void rejectsAReleaseQualifierThatIsNoVersion() {
        assertThatThrownBy(() -> UploadFileName.parse("app.2.3.1.RELEASE.zip"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<PackageId>.<Version><extension>");
    }

    @Test
    void rejectsAnUnsupportedExtensionListingTheSupportedOnes() {
        assertThatThrownBy(() -> UploadFileName.parse("MyApp.1.0.0.exe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in a format")
                .hasMessageContaining(".zip")
                .hasMessageContaining(".tar.Z");
    }

    @Test
    void rejectsAVersionNumberBeyondInt32() {
        assertThatThrownBy(() -> UploadFileName.parse("app.1.0.20240105134501.zip"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20240105134501")
                .hasMessageContaining("2147483647");
    }

    @Test
    void rejectsANameWithoutVersion() {
        assertThatThrownBy(() -> UploadFileName.parse("MyApp.zip"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'MyApp.zip'");
    }
}

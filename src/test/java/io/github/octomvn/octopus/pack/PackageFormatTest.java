package io.github.octomvn.octopus.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageFormatTest {

    @ParameterizedTest
    @CsvSource({
        "zip, ZIP",
        "ZIP, ZIP",
        "tar.gz, TAR_GZ",
        "TAR.GZ, TAR_GZ",
        "tgz, TAR_GZ",
        "artifact, ARTIFACT",
        "Artifact, ARTIFACT"
    })
    void parsesFormatNamesInAnyCase(String text, PackageFormat expected) throws Exception {
        assertThat(PackageFormat.parse(text)).isEqualTo(expected);
    }

    @Test
    void listsValidValuesWhenFormatIsUnknown() {
        assertThatThrownBy(() -> PackageFormat.parse("rar"))
                .isInstanceOf(PackagingException.class)
                .hasMessage("Unknown package format 'rar': use one of zip, tar.gz (or tgz), artifact.");
    }

    @Test
    void knowsExtensions() {
        assertThat(PackageFormat.ZIP.extension()).contains(".zip");
        assertThat(PackageFormat.TAR_GZ.extension()).contains(".tar.gz");
        assertThat(PackageFormat.ARTIFACT.extension()).isEmpty();
        assertThat(PackageFormat.TAR_GZ.id()).isEqualTo("tar.gz");
    }
}

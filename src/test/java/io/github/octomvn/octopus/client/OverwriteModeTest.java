package io.github.octomvn.octopus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OverwriteModeTest {

    @Test
    void wireNamesAreExactlyTheOctopusOnes() {
        assertThat(OverwriteMode.values())
                .extracting(Enum::name)
                .containsExactly("FailIfExists", "OverwriteExisting", "IgnoreIfExists");
    }

    @Test
    void parsesCaseInsensitively() {
        assertThat(OverwriteMode.parse("ignoreifexists")).isEqualTo(OverwriteMode.IgnoreIfExists);
        assertThat(OverwriteMode.parse(" OVERWRITEEXISTING ")).isEqualTo(OverwriteMode.OverwriteExisting);
    }

    @Test
    void rejectsAnUnknownModeListingTheValidOnes() {
        assertThatThrownBy(() -> OverwriteMode.parse("replace"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown overwrite mode 'replace'; valid values are FailIfExists, OverwriteExisting,"
                        + " IgnoreIfExists");
    }

    @Test
    void onlyOverwriteExistingMapsToTheLegacyReplaceFlag() {
        assertThat(OverwriteMode.OverwriteExisting.legacyReplaceFlag()).isTrue();
        assertThat(OverwriteMode.FailIfExists.legacyReplaceFlag()).isFalse();
        assertThat(OverwriteMode.IgnoreIfExists.legacyReplaceFlag()).isFalse();
    }
}

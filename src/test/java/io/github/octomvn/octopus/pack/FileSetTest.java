package io.github.octomvn.octopus.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileSetTest {
    private static final Path DIR = Paths.get("src/main/octopus");

    @Test
    void defaultsToEveryFileAtTheRootWithOwnModes() {
        FileSet fileSet = FileSet.of(DIR);

        assertThat(fileSet.directory()).isEqualTo(DIR);
        assertThat(fileSet.includes()).containsExactly("**");
        assertThat(fileSet.excludes()).isEmpty();
        assertThat(fileSet.prefix()).isEmpty();
        assertThat(fileSet.fileMode()).isEmpty();
        assertThat(fileSet.isOptional()).isFalse();
    }

    @Test
    void withMethodsReturnChangedCopies() throws Exception {
        FileSet original = FileSet.of(DIR);
        FileSet changed = original.withIncludes(Arrays.asList("**/*.sh", " "))
                .withExcludes(Collections.singletonList("**/secret*"))
                .withPrefix("bin")
                .withFileMode(0755)
                .withOptional(true);

        assertThat(changed.includes()).containsExactly("**/*.sh");
        assertThat(changed.excludes()).containsExactly("**/secret*");
        assertThat(changed.prefix()).isEqualTo("bin/");
        assertThat(changed.fileMode()).contains(0755);
        assertThat(changed.isOptional()).isTrue();
        assertThat(original.prefix()).isEmpty();
        assertThat(original.withIncludes(Collections.emptyList()).includes()).containsExactly("**");
    }

    @ParameterizedTest
    @CsvSource({
        "bin, bin/",
        "bin/, bin/",
        "./conf/app/, conf/app/",
        "a//b, a/b/",
        "'win\\dir', win/dir/",
        "'', ''",
        ".., ..",
        "a/.hidden, a/.hidden/"
    })
    void normalisesPrefixes(String raw, String expected) throws Exception {
        if (expected.equals("..")) {
            assertThatThrownBy(() -> FileSet.of(DIR).withPrefix(raw)).isInstanceOf(PackagingException.class);
            return;
        }
        assertThat(FileSet.of(DIR).withPrefix(raw).prefix()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc", "bin/../../x", "a/..", "..\\x"})
    void rejectsPrefixThatEscapesThePackage(String prefix) {
        assertThatThrownBy(() -> FileSet.of(DIR).withPrefix(prefix))
                .isInstanceOf(PackagingException.class)
                .hasMessage("Invalid file set prefix '" + prefix + "': '..' would place files outside the package's"
                        + " extraction directory. Use e.g. 'bin/'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/opt/app", "\\share", "C:/app", "c:app"})
    void rejectsAbsolutePrefix(String prefix) {
        assertThatThrownBy(() -> FileSet.of(DIR).withPrefix(prefix))
                .isInstanceOf(PackagingException.class)
                .hasMessage("Invalid file set prefix '" + prefix
                        + "': it must be a relative path inside the package, e.g. 'bin/'.");
    }

    @ParameterizedTest
    @CsvSource({"0755, 493", "755, 493", "0644, 420", "0600, 384", "0000, 0"})
    void parsesOctalFileModes(String text, int expected) throws Exception {
        assertThat(FileSet.parseFileMode(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwxr-xr-x", "0788", "1777", "75", "493", ""})
    void rejectsOtherFileModes(String text) {
        assertThatThrownBy(() -> FileSet.parseFileMode(text))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("use three octal digits");
    }

    @Test
    void rejectsOutOfRangeModeFromCode() {
        assertThatThrownBy(() -> FileSet.of(DIR).withFileMode(01000)).isInstanceOf(IllegalArgumentException.class);
    }
}

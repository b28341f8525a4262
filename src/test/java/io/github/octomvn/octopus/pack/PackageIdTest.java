package io.github.octomvn.octopus.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PackageIdTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "app",
                "MyApp.Web",
                "my-app",
                "my_app",
                "a",
                "A1",
                "app.v2",
                "product-v1",
                "app2",
                "2app",
                "app-2x",
                "app.2d",
                "my-1.app",
                "com.example.shop-service_api",
                "x2.y3"
            })
    void acceptsValidIds(String id) throws Exception {
        assertThat(PackageId.of(id).value()).isEqualTo(id);
    }

    @Test
    void rejectsPackageIdWithNumericSegment() {
        assertThatThrownBy(() -> PackageId.of("app.2"))
                .isInstanceOf(PackagingException.class)
                .hasMessage("Invalid Octopus package ID 'app.2': the segment '2' is numeric, so Octopus would read"
                        + " the ID and version back differently. Use e.g. 'app.v2' (set the package ID).");
    }

    @Test
    void rejectsPackageIdEndingInNumericSegment() {
        assertThatThrownBy(() -> PackageId.of("product-1"))
                .hasMessage(
                        "Invalid Octopus package ID 'product-1': the last segment '1' is numeric, so Octopus"
                                + " would read the ID and version back differently. Use e.g. 'product-v1' (set the package ID).");
    }

    @Test
    void rejectsSegmentThatOctopusWouldReadAsTheStartOfAVersion() {
        // app.2-x.1.0.zip reads as ID 'app' and version '2-x.1.0'.
        assertThat(PackageFileName.parse("app.2-x.1.0.zip").map(PackageFileName::packageId))
                .contains("app");
        assertThatThrownBy(() -> PackageId.of("app.2-x"))
                .hasMessageContaining("the segment '2-x' starts with a number and '-'")
                .hasMessageContaining("Use e.g. 'app.v2-x'");
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''| it is empty",
                "my app| the character ' ' is not allowed",
                "café| the character 'é' is not allowed",
                "app/web| the character '/' is not allowed",
                "app..web| it has two separators in a row ('..')",
                "app.-web| it has two separators in a row ('.-')",
                ".app| it starts with '.'",
                "app_| it ends with '_'",
                "2.app| the segment '2' is numeric",
                "app.1.web| the segment '1' is numeric",
                "app_2| the last segment '2' is numeric",
            })
    void explainsWhatIsWrong(String id, String reason) {
        assertThatThrownBy(() -> PackageId.of(id))
                .isInstanceOf(PackagingException.class)
                .hasMessageStartingWith("Invalid Octopus package ID '" + id + "': " + reason);
    }

    @Test
    void rejectsIdsLongerThan100Characters() throws Exception {
        String hundred = "a".repeat(100);
        assertThat(PackageId.of(hundred).value()).hasSize(100);

        assertThatThrownBy(() -> PackageId.of(hundred + "b"))
                .hasMessageContaining("it is 101 characters long and the limit is 100");
    }

    @Test
    void describesControlCharactersReadably() {
        assertThatThrownBy(() -> PackageId.of("app\tweb")).hasMessageContaining("the character U+0009");
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "app.2| app.v2",
                "product-1| product-v1",
                "my app| my-app",
                "  spaced  out  | spaced-out",
                "café-crème| caf-cr-me",
                "app..web| app.web",
                "-app-| app",
                "2.app| v2.app",
                "app.2-x| app.v2-x",
                "a/b\\c:d| a-b-c-d",
                "com.example:shop:1.0| com.example-shop-1.v0",
                "!!!| package",
                "''| package",
                "1| v1",
                "MyApp.Web| MyApp.Web",
            })
    void suggestsValidIds(String raw, String expected) throws Exception {
        String suggestion = PackageId.suggest(raw);

        assertThat(suggestion).isEqualTo(expected);
        assertThat(PackageId.of(suggestion).value()).isEqualTo(suggestion);
    }

    @Test
    void suggestsIdsWithinTheLengthLimit() throws Exception {
        String suggestion = PackageId.suggest("x".repeat(99) + ".12345");

        assertThat(suggestion.length()).isLessThanOrEqualTo(PackageId.MAX_LENGTH);
        assertThat(PackageId.of(suggestion).value()).isEqualTo(suggestion);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "MyApp.Web", "my-app", "app.v2", "app.2d", "my-1.app", "a_b-c.d", "x2.y3"})
    void validIdsRoundTripThroughFileNames(String raw) throws Exception {
        PackageId id = PackageId.of(raw);
        for (String version :
                new String[] {"1", "1.0.0", "1.2.3.4-5", "1.0.0-SNAPSHOT.20261125T093015", "2.0-rc.1+b.7"}) {
            String name = PackageFileName.of(id, OctopusVersion.parse(version), ".zip");
            Optional<PackageFileName> parsed = PackageFileName.parse(name);
            assertThat(parsed).as(name).isPresent();
            assertThat(parsed.get().packageId()).as(name).isEqualTo(raw);
            assertThat(parsed.get().version()).as(name).isEqualTo(version);
        }
    }

    @Test
    void comparesByValue() throws Exception {
        assertThat(PackageId.of("app")).isEqualTo(PackageId.of("app"));
        assertThat(PackageId.of("app")).hasSameHashCodeAs(PackageId.of("app"));
        assertThat(PackageId.of("app")).isNotEqualTo(PackageId.of("App"));
        assertThat(PackageId.of("app")).hasToString("app");
    }
}

package io.github.octomvn.octopus.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageSelectionTest {
    private static final Path DIR = Path.of("target", "octopus");

    @Test
    void sendsTheFirstFormatOfAVersionAndKeepsTheOthersLocal() {
        Path zip = DIR.resolve("hello-service.1.0.0.zip");
        Path targz = DIR.resolve("hello-service.1.0.0.tar.gz");

        PackageSelection selection = PackageSelection.firstOfEachVersion(List.of(zip, targz));

        assertThat(selection.toPush()).containsExactly(zip);
        assertThat(selection.keptLocal()).isEqualTo(Map.of(targz, zip));
    }

    @Test
    void keepsDistinctPackagesAndUnreadableNamesInOrder() {
        Path web = DIR.resolve("web.1.0.0.tar.gz");
        Path api = DIR.resolve("api.1.0.0.zip");
        Path webNext = DIR.resolve("web.1.0.1.zip");
        Path odd = DIR.resolve("not-a-package.txt");

        PackageSelection selection = PackageSelection.firstOfEachVersion(List.of(web, api, odd, webNext, web));

        assertThat(selection.toPush()).containsExactly(web, api, odd, webNext);
        assertThat(selection.keptLocal()).isEmpty();
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({
        "app.1.0.0.zip, APP.1.0.0.tar.gz",
        "app.1.0.zip, app.1.0.0.tar.gz",
        "app.1.0.0.0.zip, app.1.0.0.jar",
        "app.2016.01.02.zip, app.2016.1.2.zip",
        "app.1.0.0-RC.1.zip, app.1.0.0-rc.1.tgz",
    })
    void comparesIdsCaseInsensitivelyAndVersionsSemantically(String first, String second) {
        PackageSelection selection =
                PackageSelection.firstOfEachVersion(List.of(DIR.resolve(first), DIR.resolve(second)));

        assertThat(selection.toPush()).containsExactly(DIR.resolve(first));
        assertThat(selection.keptLocal()).containsOnlyKeys(DIR.resolve(second));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"app.1.0.0.zip, app.1.0.1.zip", "app.1.0.0.zip, app.1.0.0-rc.1.zip", "app.1.0.0.zip, app2.1.0.0.zip"})
    void tellsDifferentVersionsApart(String first, String second) {
        assertThat(PackageSelection.firstOfEachVersion(List.of(DIR.resolve(first), DIR.resolve(second)))
                        .keptLocal())
                .isEmpty();
    }

    @Test
    void refusesFilesNamedByHandThatShareAnIdAndVersion() {
        Path zip = DIR.resolve("billing.1.4.0.zip");
        Path targz = DIR.resolve("Billing.1.4.0.tar.gz");

        assertThatThrownBy(() -> PackageSelection.allDistinct(List.of(zip, targz)))
                .isInstanceOf(PackagingException.class)
                .hasMessage(zip + " and " + targz + " are the same package ID and version to Octopus, which keeps"
                        + " one file per ID and version: push only one of them, or give them different package IDs.");
    }

    @Test
    void acceptsDistinctFilesNamedByHand() throws PackagingException {
        List<Path> files = List.of(DIR.resolve("billing.1.4.0.zip"), DIR.resolve("billing.1.4.1.zip"));

        assertThat(PackageSelection.allDistinct(files).toPush()).isEqualTo(files);
    }
}

package io.github.octomvn.octopus.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Package entries read and write both forms of the executions API, colons in names escaped. */
class ReleasePackageTest {

    @Test
    void readsTheTwoAndThreePartForms() {
        ReleasePackage primary = ReleasePackage.parse("Billing.Web:1.4.0");
        ReleasePackage reference = ReleasePackage.parse("Deploy worker:migrations:1.4.0-rc.1");

        assertThat(primary.packageIdOrStep()).isEqualTo("Billing.Web");
        assertThat(primary.referenceName()).isEmpty();
        assertThat(primary.version()).isEqualTo("1.4.0");
        assertThat(reference.packageIdOrStep()).isEqualTo("Deploy worker");
        assertThat(reference.referenceName()).contains("migrations");
        assertThat(reference.wire()).isEqualTo("Deploy worker:migrations:1.4.0-rc.1");
    }

    @Test
    void escapesColonsInsideNames() {
        ReleasePackage maven = ReleasePackage.parse("com.example\\:shop:1.0.0");

        assertThat(maven.packageIdOrStep()).isEqualTo("com.example:shop");
        assertThat(maven.needsEscaping()).isTrue();
        assertThat(maven.wire()).isEqualTo("com.example\\:shop:1.0.0");
        assertThat(ReleasePackage.of("com.example:shop", "1.0.0")).isEqualTo(maven);
        assertThat(ReleasePackage.of("Billing.Web", "1.0.0").needsEscaping()).isFalse();
    }

    @Test
    void refusesOtherShapes() {
        assertThatThrownBy(() -> ReleasePackage.parse("Billing.Web"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PackageId:Version, StepName:Version or StepName:PackageReferenceName:Version");
        assertThatThrownBy(() -> ReleasePackage.parse("a:b:c:d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReleasePackage.parse("Billing.Web:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReleasePackage.of(" ", "1.0")).isInstanceOf(IllegalArgumentException.class);
    }
}

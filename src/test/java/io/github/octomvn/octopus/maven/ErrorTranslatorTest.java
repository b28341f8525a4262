package io.github.octomvn.octopus.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.octomvn.octopus.client.Credential;
import io.github.octomvn.octopus.client.OctopusClient;
import io.github.octomvn.octopus.client.OctopusException;
import io.github.octomvn.octopus.client.OverwriteMode;
import io.github.octomvn.octopus.client.RetryPolicy;
import io.github.octomvn.octopus.client.ServerSettings;
import io.github.octomvn.octopus.client.Setting;
import io.github.octomvn.octopus.client.Sleeper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import org.apache.maven.exception.DefaultExceptionHandler;
import org.apache.maven.lifecycle.LifecycleExecutionException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** What Maven prints for a translated failure: the one line, nothing of the core exception appended. */
class ErrorTranslatorTest {

    @Test
    void connectionRefusedShowsNoJdkExceptionNames() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        ServerSettings settings = ServerSettings.builder("http://127.0.0.1:" + port, Credential.apiKey("API-TEST"))
                .retryPolicy(RetryPolicy.none())
                .build();
        OctopusException refused = null;
        try {
            OctopusClient.connect(settings, Sleeper.system(), Clock.systemUTC(), message -> {})
                    .close();
        } catch (OctopusException e) {
            refused = e;
        }
        assertThat(refused).isNotNull();

        MojoExecutionException translated = ErrorTranslator.of(refused);

        assertThat(shownByMaven(translated))
                .isEqualTo("Connecting to Octopus at http://127.0.0.1:" + port + " failed: connection refused by"
                        + " 127.0.0.1:" + port + ". Check the server URL http://127.0.0.1:" + port
                        + " and that Octopus is running")
                .doesNotContain("Exception");
        assertThat(translated.getSuppressed()).containsExactly(refused);
    }

    @Test
    void aSettingWordedForMavenIsNotFollowedByTheCoreWording() {
        OctopusException conflict = new OctopusException(
                        OctopusException.Kind.CONFLICT,
                        "Package ledger 1.0.0 already exists with different content. "
                                + Setting.OVERWRITE_MODE.assign(OverwriteMode.OverwriteExisting.name())
                                + ", or bump the version")
                .blaming(Setting.OVERWRITE_MODE, OverwriteMode.OverwriteExisting.name());

        assertThatThrownBy(() -> ErrorTranslator.of(conflict))
                .isInstanceOfSatisfying(
                        MojoFailureException.class,
                        e -> assertThat(shownByMaven(e))
                                .isEqualTo(e.getMessage())
                                .contains("-Doctopus.overwriteMode=OverwriteExisting")
                                .doesNotContain(Setting.OVERWRITE_MODE.assign(OverwriteMode.OverwriteExisting.name())));
    }

    /** The message of Maven's own error summary for a goal that threw {@code e}. */
    private static String shownByMaven(Exception e) {
        String prefix = "Failed to execute goal octopus:push on project p: ";
        LifecycleExecutionException failure = new LifecycleExecutionException(prefix + e.getMessage(), e);
        String shown = new DefaultExceptionHandler().handleException(failure).getMessage();
        assertThat(shown).startsWith(prefix);
        return shown.substring(prefix.length());
    }
}

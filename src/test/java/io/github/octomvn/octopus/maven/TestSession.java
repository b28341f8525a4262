package io.github.octomvn.octopus.maven;

import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.Settings;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.mockito.Mockito;

/** The harness's mocked {@link MavenSession}, answering as one online build that has not failed yet. */
final class TestSession {
    private TestSession() {}

    /**
     * Settings, results, build-scoped state (the repository session) and properties of one build: the goals run on
     * the same {@code session} share them, as Maven's goals of one build do.
     */
    static void oneOnlineBuild(MavenSession session, Settings settings, Properties userProperties) {
        Mockito.doReturn(settings).when(session).getSettings();
        Mockito.doReturn(false).when(session).isOffline();
        Mockito.doReturn(new DefaultMavenExecutionResult()).when(session).getResult();
        Mockito.doReturn(new DefaultRepositorySystemSession()).when(session).getRepositorySession();
        Mockito.doReturn(userProperties).when(session).getUserProperties();
        Mockito.doReturn(new Properties()).when(session).getSystemProperties();
    }

    /** As {@link #oneOnlineBuild(MavenSession, Settings, Properties)}, with empty settings and properties. */
    static void oneOnlineBuild(MavenSession session) {
        oneOnlineBuild(session, new Settings(), new Properties());
    }
}

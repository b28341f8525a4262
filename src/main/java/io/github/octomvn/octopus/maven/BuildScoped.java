package io.github.octomvn.octopus.maven;

import java.util.function.Supplier;
import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.SessionData;

/**
 * State shared by every module of one build, kept in the session's repository data: Maven keeps it for exactly
 * one build, shares it between the threads of {@code -T}, and hands it to every plugin execution.
 */
final class BuildScoped {
    private BuildScoped() {}

    /** The build's instance under {@code key}, created by {@code create} on first use. */
    static <T> T get(MavenSession session, String key, Class<T> type, Supplier<T> create) {
        // get and compare-and-set: SessionData.computeIfAbsent is missing from Maven 3.6's resolver
        SessionData data = session.getRepositorySession().getData();
        Object shared = data.get(key);
        if (shared == null) {
            data.set(key, null, create.get());
            shared = data.get(key);
        }
        return type.cast(shared);
    }
}

package io.github.octomvn.octopus.maven;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;

/**
 * The {@code deployAtEnd} pattern of maven-deploy-plugin: each module's {@code push} only records its
 * packages, and the module that completes the set hands all of them over, once. Modules that fail never
 * record, so a failed build pushes nothing. Shared through the session's repository data, which Maven
 * keeps for exactly one build and which is safe under {@code -T}.
 */
final class PushAtEnd {
    private static final String KEY = PushAtEnd.class.getName();

    private final Map<String, List<Path>> recorded = new LinkedHashMap<>();
    private boolean handedOver;

    static PushAtEnd of(MavenSession session) {
        return BuildScoped.get(session, KEY, PushAtEnd.class, PushAtEnd::new);
    }

    /**
     * Records one module's packages; returns every module's packages by module, in reactor order, when this
     * module was the last one expected to push, and empty otherwise.
     *
     * @param willPush which projects of the reactor run {@code push} in this build
     */
    synchronized Optional<Map<MavenProject, List<Path>>> record(
            MavenSession session, MavenProject project, List<Path> packages, Predicate<MavenProject> willPush) {
        recorded.put(project.getId(), List.copyOf(packages));
        if (handedOver) {
            return Optional.empty();
        }
        Map<MavenProject, List<Path>> all = new LinkedHashMap<>();
        for (MavenProject p : session.getProjects()) {
            if (recorded.containsKey(p.getId())) {
                all.put(p, recorded.get(p.getId()));
            } else if (willPush.test(p)) {
                return Optional.empty();
            }
        }
        handedOver = true;
        return Optional.of(all);
    }

    /** Whether {@code project}'s pom binds the push goal of this plugin to a phase. */
    static boolean bindsPush(MavenProject project, PluginDescriptor plugin) {
        Plugin declared = project.getPlugin(plugin.getPluginLookupKey());
        if (declared == null) {
            return false;
        }
        for (PluginExecution execution : declared.getExecutions()) {
            if (execution.getGoals().contains("push")) {
                return true;
            }
        }
        return false;
    }
}

package io.github.octomvn.octopus.maven;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;

/**
 * A goal that acts once per build, in the module that completes the set of modules running it (the
 * {@code pushAtEnd} rule of {@code push}, for {@code create-release} and {@code deploy-release}): modules that fail
 * never record, so a failed build releases nothing. Bound after {@code push} in each module, it runs after every
 * module's push. Safe under {@code -T}.
 */
final class OnceAtEnd {

    private final Set<String> recorded = new LinkedHashSet<>();
    private boolean done;

    static OnceAtEnd of(MavenSession session, String goal) {
        return BuildScoped.get(session, OnceAtEnd.class.getName() + ":" + goal, OnceAtEnd.class, OnceAtEnd::new);
    }

    /** Records this module; true exactly once, in the module after which no module that runs the goal is left. */
    synchronized boolean record(MavenSession session, MavenProject project, Predicate<MavenProject> willRun) {
        recorded.add(project.getId());
        if (done) {
            return false;
        }
        for (MavenProject p : session.getProjects()) {
            if (!recorded.contains(p.getId()) && willRun.test(p)) {
                return false;
            }
        }
        done = true;
        return true;
    }

    /** Whether {@code project}'s pom binds {@code goal} of this plugin. */
    static boolean binds(MavenProject project, PluginDescriptor plugin, String goal) {
        Plugin declared = project.getPlugin(plugin.getPluginLookupKey());
        if (declared == null) {
            return false;
        }
        for (PluginExecution execution : declared.getExecutions()) {
            if (execution.getGoals().contains(goal)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code goal} was named on the command line ({@code octopus:goal}) rather than bound to a phase. */
    static boolean byHand(MavenSession session, PluginDescriptor plugin, String goal) {
        String fullPrefix = plugin.getGroupId() + ":" + plugin.getArtifactId() + ":";
        return session.getGoals().stream()
                .anyMatch(g -> g.equals(plugin.getGoalPrefix() + ":" + goal)
                        || g.startsWith(fullPrefix) && g.endsWith(":" + goal));
    }

    /** True when this execution of {@code goal} is the build's one (it records the module either way). */
    static boolean isTheOne(MavenSession session, MavenProject project, PluginDescriptor plugin, String goal) {
        boolean byHand = byHand(session, plugin, goal);
        return of(session, goal).record(session, project, p -> byHand || binds(p, plugin, goal));
    }
}

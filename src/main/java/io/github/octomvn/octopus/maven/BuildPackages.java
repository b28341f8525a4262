package io.github.octomvn.octopus.maven;

import io.github.octomvn.octopus.pack.PackedPackage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.maven.project.MavenProject;

/**
 * The packages {@code pack} wrote for a project in this build, kept in the project's context so that
 * {@code push} and {@code build-information} later in the same build find exactly those.
 */
final class BuildPackages {
    private static final String KEY = BuildPackages.class.getName();

    private BuildPackages() {}

    static void record(MavenProject project, List<PackedPackage> packed) {
        List<Path> files = new ArrayList<>(of(project));
        for (PackedPackage p : packed) {
            if (!files.contains(p.file())) {
                files.add(p.file());
            }
        }
        project.setContextValue(KEY, Collections.unmodifiableList(files));
    }

    @SuppressWarnings("unchecked")
    static List<Path> of(MavenProject project) {
        Object value = project.getContextValue(KEY);
        return value == null ? List.of() : (List<Path>) value;
    }
}

package io.github.octomvn.octopus.maven;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

/**
 * A real {@link MavenProject} for Mojo tests, copied from a fixture under {@code src/test/resources/unit} into a
 * temporary base directory, so that a goal writes into that directory and nowhere else.
 */
final class TestProject {
    private TestProject() {}

    /**
     * Copies {@code unit/<fixture>} into {@code basedir} and reads its {@code pom.xml} as Maven would hand it to
     * a Mojo: base directory, {@code target} build directory and main artifact (not built yet) set.
     */
    static MavenProject copyOf(String fixture, Path basedir) throws IOException {
        copyTree(fixtureDirectory(fixture), basedir);
        Path pom = basedir.resolve("pom.xml");
        Model model = read(pom);
        Build build = model.getBuild() == null ? new Build() : model.getBuild();
        build.setDirectory(basedir.resolve("target").toString());
        build.setOutputDirectory(basedir.resolve("target/classes").toString());
        model.setBuild(build);

        MavenProject project = new MavenProject(model);
        project.setFile(pom.toFile());
        project.setArtifact(new DefaultArtifact(
                model.getGroupId(),
                model.getArtifactId(),
                model.getVersion(),
                null,
                model.getPackaging(),
                null,
                new DefaultArtifactHandler(model.getPackaging())));
        return project;
    }

    /**
     * Does what {@code maven-jar-plugin} does in the package phase: writes {@code target/<artifactId>-<version>.jar}
     * and makes it the project's artifact file.
     */
    /**
     * A file named like a package in {@code basedir}'s {@code target/octopus}, as a pack would leave it; its bytes
     * are no archive, which neither a push nor the test server looks into.
     */
    static Path fakePackage(Path basedir, String fileName) throws IOException {
        return Files.write(
                Files.createDirectories(basedir.resolve("target/octopus")).resolve(fileName),
                "PK not really".getBytes(UTF_8));
    }

    static Path buildJar(MavenProject project) throws IOException {
        Path jar = Paths.get(project.getBuild().getDirectory())
                .resolve(project.getArtifactId() + "-" + project.getVersion() + ".jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry("com/example/Greeter.class"));
            jarOut.write("not really bytecode".getBytes(UTF_8));
            jarOut.closeEntry();
        }
        project.getArtifact().setFile(jar.toFile());
        return jar;
    }

    /** A fixture file as it is on the test class path, for tests that name one to the harness. */
    static Path fixtureDirectory(String fixture) {
        URL url = TestProject.class.getResource("/unit/" + fixture);
        if (url == null) {
            throw new IllegalArgumentException("No test project src/test/resources/unit/" + fixture);
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Model read(Path pom) throws IOException {
        try (Reader reader = Files.newBufferedReader(pom, UTF_8)) {
            return new MavenXpp3Reader().read(reader);
        } catch (XmlPullParserException e) {
            throw new IOException("Unreadable test POM " + pom + ": " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        for (Path file : files) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
    }
}
